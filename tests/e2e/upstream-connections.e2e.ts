import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UPSTREAM_SOCKETS_PER_SUBGRAPH } from "../../gateway/src/identity.js";
import type { RunningGateway } from "../../gateway/src/server.js";
import { bearer, post } from "../helpers/client.js";
import { anotherGateway, startStack, type Stack } from "../helpers/stack.js";

/**
 * The gateway's connections to a subgraph are bounded: a burst of concurrent calls waits for a free
 * connection instead of opening one each (a burst of thousands overflowed a subgraph's listen backlog,
 * and the connections it could not accept were reset). The directory is reached through a TCP relay
 * that counts the connections the gateway opens.
 */
let stack: Stack;
let gateway: RunningGateway;
let relay: net.Server;
const seen = { connections: 0, open: 0, mostOpen: 0 };

beforeAll(async () => {
  stack = await startStack();
  const target = new URL(stack.subgraphs.directory!.url);
  relay = net.createServer((client) => {
    seen.connections += 1;
    seen.open += 1;
    seen.mostOpen = Math.max(seen.mostOpen, seen.open);
    client.once("close", () => (seen.open -= 1));
    client.on("error", () => client.destroy());
    // A slow first byte on every new connection: calls pile up, as they do when a subgraph is busy.
    client.pause();
    setTimeout(() => {
      const upstream = net.connect(Number(target.port), target.hostname);
      upstream.on("error", () => client.destroy());
      upstream.once("close", () => client.destroy());
      client.once("close", () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    }, 1_000);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const port = (relay.address() as net.AddressInfo).port;
  gateway = await anotherGateway(stack, {
    subgraphUrls: { directory: `http://127.0.0.1:${port}${target.pathname}` },
    security: { rateLimitPerMinute: 100_000 },
    // The bound is on the HTTP calls; the gateway's own graphql-ws watch of the directory (its kept
    // answers) would be one more connection through the relay, so it is off here.
    keptAnswers: [],
  });
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => relay?.close(resolve));
  await stack?.close();
});

describe("connections from the gateway to a subgraph", () => {
  it("stay within the bound under a burst of concurrent calls, and every call is answered", async () => {
    const burst = UPSTREAM_SOCKETS_PER_SUBGRAPH * 3;
    // A different person each: no answer is shared, every call reaches the directory.
    const tokens = await Promise.all(Array.from({ length: burst }, (_, i) => stack.token("nozei", ["staff"], `burst-${i}`)));
    const answers = await Promise.all(
      tokens.map((token) => post(gateway.url, `query { me { subject organization { name } } }`, {}, bearer(token))),
    );
    expect(answers.filter((a) => a.errors || !a.data?.me?.organization?.name)).toEqual([]);
    expect(answers.map((a) => a.data!.me.subject)).toEqual(tokens.map((_, i) => `burst-${i}`));
    expect(seen.mostOpen).toBeGreaterThan(1);
    expect(seen.mostOpen).toBeLessThanOrEqual(UPSTREAM_SOCKETS_PER_SUBGRAPH);
  });
});
