import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";
import { loadSupergraph, startGateway, type RunningGateway } from "../../gateway/src/server.js";
import { bearer, post } from "../helpers/client.js";
import { startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * The two query planners give the same answers: the Rust planner the gateway runs by default, and the
 * runtime's JavaScript stitching planner kept as a fallback (`QUERY_PLANNER=stitching`), side by side
 * over the same subgraphs, for the same callers — data, errors' codes and the upstream audit alike.
 */
let stack: Stack;
let stitching: RunningGateway;

const CHAIR = "fukushi-suishin-bu";

beforeAll(async () => {
  stack = await startStack();
  stitching = await startGateway({
    supergraph: await loadSupergraph(),
    subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])),
    verifier: stack.verifier,
    identitySecret: TEST_SECRET,
    production: false,
    host: "127.0.0.1",
    port: 0,
    queryPlanner: "stitching",
  });
});

afterAll(async () => {
  await stitching?.close();
  await stack?.close();
});

async function both(query: string, token: string, variables: Record<string, unknown> = {}) {
  const ask = (url: string) => post(url, query, variables, bearer(token));
  return { router: await ask(stack.gateway.url), js: await ask(stitching.url) };
}

/** Errors compared by what a client reads: code, path and message (not the upstream locations). */
function readable(res: { data?: unknown; errors?: { message: string; path?: unknown; extensions?: { code?: string } }[] }) {
  return { data: res.data, errors: res.errors?.map((e) => ({ code: e.extensions?.code, path: e.path, message: e.message })) };
}

describe("the Rust planner and the stitching planner", () => {
  it("answer the liaison, the board and the directory queries alike, for callers with different rights", async () => {
    const liaison = (await readFile(path.join(repoRoot, "examples", "operations", "liaison.graphql"), "utf8")).replace(/^#.*\n/gm, "");
    const queries = [
      liaison,
      `query { organizations(kinds: [CITY_SECTION]) { code name kind parent { name } meetingBodies { name } } }`,
      `query { meetings(first: 50) { nodes { id title status confidential body { name kind } agenda { id title kind status redacted presenter { code name } case { caseNumber status } } } } }`,
      `query { me { subject organizationCode roles organization { code name meetingBodies { code name } } } }`,
    ];
    const callers = [
      await stack.token("nozei", ["staff"]),
      await stack.token("seikatsu-fukushi", ["staff"]),
      await stack.token(CHAIR, ["chair"]),
      await stack.token("kaigo-hoken", ["staff"]),
    ];
    let withData = 0;
    for (const query of queries) {
      for (const token of callers) {
        const { router, js } = await both(query, token);
        expect(readable(router)).toEqual(readable(js));
        expect(router.status).toBe(js.status);
        if (router.data && !router.errors) withData += 1;
      }
    }
    expect(withData).toBe(queries.length * callers.length);
  });

  it("refuse alike: a subscription to a meeting the caller may not see carries the subgraph's code on both", async () => {
    const outsider = await stack.token("nozei", ["staff"]);
    const id = "00000000-0000-7000-8000-000000000000";
    const query = `subscription ($id: ID!) { agendaChanged(meetingId: $id) { kind } }`;
    const codes: string[] = [];
    for (const url of [stack.gateway.wsUrl, stitching.wsUrl]) {
      const stream = collect(url, outsider, query, { id });
      try {
        await stream.until((s) => s.errors.length > 0);
        codes.push(JSON.stringify(stream.errors));
      } finally {
        await stream.stop();
      }
    }
    expect(codes[0]).toContain("NOT_FOUND");
    expect(codes[1]).toContain("NOT_FOUND");
  });
});
