import { describe, expect, it } from "vitest";
import { bearer, post, wsClient, wsExecute } from "../helpers/client.js";
import { sharedStack } from "../helpers/shared-stack.js";

/**
 * A client's mistakes come back as its own, coded, over HTTP and graphql-ws alike: never as the
 * server's (INTERNAL_SERVER_ERROR) nor as a lost connection.
 *
 * Variables that do not fit their operation are the client's mistake, and say so: BAD_USER_INPUT,
 * the variable named, a Japanese message, over HTTP and graphql-ws alike. Over graphql-ws an uncoded
 * error reads as a lost connection (SUBSCRIPTION_INTERRUPTED: "subscribe again"), which a client
 * would retry for ever.
 */
const stack = await sharedStack();

const MEETING = `query ($id: ID!) { meeting(id: $id) { id } }`;
const ORGANIZATIONS = `query ($kinds: [OrganizationKind!]) { organizations(kinds: $kinds) { code } }`;
const AGENDA = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind } }`;

interface SeenError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The one coded refusal of a variable: its code, the variable it names, a message in Japanese. */
function expectBadVariable(errors: readonly unknown[] | undefined, variable: string) {
  const seen = (errors ?? []) as SeenError[];
  expect(
    seen.map((e) => e.extensions),
    JSON.stringify(seen),
  ).toEqual([{ code: "BAD_USER_INPUT", variable }]);
  expect(seen[0]!.message).toContain(`変数 $${variable} の値が正しくありません`);
}

describe("variables that do not fit their operation", () => {
  it("are refused over HTTP as BAD_USER_INPUT naming the variable: missing, of the wrong type, an unknown enum value", async () => {
    const auth = bearer(await stack.token("nozei"));
    const cases: [string, Record<string, unknown>, string][] = [
      [MEETING, {}, "id"],
      [MEETING, { id: { not: "an id" } }, "id"],
      [ORGANIZATIONS, { kinds: ["CITY_SECTON"] }, "kinds"],
    ];
    for (const [query, variables, variable] of cases) {
      const res = await post(stack.gateway.url, query, variables, auth);
      expectBadVariable(res.errors, variable);
      expect(res.data ?? null).toBeNull();
    }
    // The same operations with variables that fit run.
    const ok = await post(stack.gateway.url, ORGANIZATIONS, { kinds: ["CITY_SECTION"] }, auth);
    expect(ok.errors).toBeUndefined();
    expect((ok.data!.organizations as unknown[]).length).toBeGreaterThan(0);
  });

  it("are refused over graphql-ws as BAD_USER_INPUT, never as an interruption to subscribe again after, merged or not", async () => {
    const clients = await Promise.all(
      ["nozei", "nozei", "shakyo"].map(async (org, i) =>
        wsClient(stack.gateway.wsUrl, await stack.token(org, ["staff"], `vars-${org}-${i}`)),
      ),
    );
    try {
      // Two of one organisation with the same document and variables would share one upstream stream.
      const answers = await Promise.all([
        wsExecute(clients[0]!, AGENDA, { meetingId: "typo" }),
        wsExecute(clients[1]!, AGENDA, { meetingId: "typo" }),
        wsExecute(clients[2]!, AGENDA, { id: "1", after: { not: "a cursor" } }),
        wsExecute(clients[2]!, MEETING, {}),
      ]);
      // A mistyped name is named twice: as not declared, and as the declared one missing. Refused before
      // the two are merged (subscription-merging.ts), each answered alone.
      for (const answer of answers.slice(0, 2)) {
        const [undeclared, ...rest] = (answer.errors ?? []) as SeenError[];
        expect(undeclared, JSON.stringify(answer.errors)).toEqual({
          message: "操作で宣言されていない変数 $meetingId は受け付けません。",
          extensions: { code: "BAD_USER_INPUT", undeclaredVariables: ["meetingId"] },
        });
        expectBadVariable(rest, "id");
      }
      expectBadVariable(answers[2]!.errors, "after");
      expectBadVariable(answers[3]!.errors, "id");
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it("over graphql-ws, errors carry no HTTP status or headers (meaningless on a socket), their code kept", async () => {
    const client = wsClient(stack.gateway.wsUrl, await stack.token("nozei"));
    try {
      const invalid = await wsExecute(client, `{ organizations { nope } }`);
      const errors = invalid.errors as SeenError[];
      expect(errors.map((e) => e.extensions)).toEqual([{ code: "GRAPHQL_VALIDATION_FAILED" }]);
    } finally {
      await client.dispose();
    }
  });
});

describe("documents a client got wrong", () => {
  it("one that does not parse is GRAPHQL_PARSE_FAILED with where it broke, over HTTP and graphql-ws", async () => {
    const token = await stack.token("nozei");
    const client = wsClient(stack.gateway.wsUrl, token);
    try {
      for (const query of [`{ organizations { code }`, `query ($id: ID!) { meeting(id: $id) { id }`, `}`]) {
        const overHttp = await post(stack.gateway.url, query, {}, bearer(token));
        const overWs = await wsExecute(client, query);
        for (const errors of [overHttp.errors, overWs.errors] as SeenError[][]) {
          expect(
            errors.map((e) => e.extensions),
            JSON.stringify(errors),
          ).toEqual([{ code: "GRAPHQL_PARSE_FAILED" }]);
          expect(errors[0]!.message).toMatch(/^Syntax Error: /);
        }
        expect(overHttp.status).toBeLessThan(500);
      }
    } finally {
      await client.dispose();
    }
  });

  it("two operations without a name to choose one, or a name none has, is OPERATION_RESOLUTION_FAILURE", async () => {
    const token = await stack.token("nozei");
    const two = `query A { organizations { code } } query B { organizations { name } }`;
    for (const operationName of [undefined, "C"]) {
      const res = await post(stack.gateway.url, two, {}, bearer(token), operationName);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["OPERATION_RESOLUTION_FAILURE"]);
    }
    const chosen = await post(stack.gateway.url, two, {}, bearer(token), "B");
    expect(chosen.errors).toBeUndefined();
  });
});
