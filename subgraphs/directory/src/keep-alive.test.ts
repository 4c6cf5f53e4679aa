import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../tests/helpers/stack.js";
import { startSubgraph, type TestSubgraph } from "../../../tests/helpers/subgraph.js";
import { directorySubgraph } from "./subgraph.js";

/**
 * A subgraph keeps an idle connection from the gateway open longer than the gateway's agent does
 * (Node's default: 5 s), so the gateway never sends a request on a connection the subgraph is
 * closing at that moment (ECONNRESET: a field of a subscription event lost).
 */
let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startSubgraph(directorySubgraph);
});
afterAll(() => subgraph?.close());

const QUERY = `query Name { organization(code: "nozei") { name } }`;

/** One signed call over `agent`: its status and whether it went over a connection already used. */
function call(agent: http.Agent): Promise<{ status: number; reused: boolean }> {
  const body = JSON.stringify({ query: QUERY, variables: {} });
  const headers = {
    "content-type": "application/json",
    ...signedHeaders("directory", { sub: "u", org: "nozei", roles: ["staff"] }, TEST_SECRET, QUERY),
  };
  return new Promise((resolve, reject) => {
    const req = http.request(subgraph.running.url, { method: "POST", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("keep-alive connections from the gateway", () => {
  it("stay open past the 5 s after which Node's agent lets them go", { timeout: 20_000 }, async () => {
    // This agent keeps its idle connection for a minute: only the subgraph could close it.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 60_000 });
    try {
      expect(await call(agent)).toEqual({ status: 200, reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await call(agent)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
