import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningGateway } from "../../gateway/src/server.js";
import { loadTrustedDocuments } from "../../gateway/src/security.js";
import { bearer } from "../helpers/client.js";
import { activeSubscriptions, collect } from "../helpers/subscriptions.js";
import { anotherGateway, BOARD_MANIFEST, startStack, type Stack } from "../helpers/stack.js";

/**
 * In production no error names what the schema holds: no "Did you mean …?" after a misspelt input
 * field or enum value, which a variable's coercion reports at execution, after validation (where
 * field suggestions were already hidden), nor in a validation error of a registered document the
 * schema no longer accepts. Over HTTP and graphql-ws the rest of each error is as a development
 * gateway answers it, where the suggestions stay. Both gateways run the same manifest, so each
 * request is sent unchanged to both.
 */

/** A registered document written for an older schema: a kind and a field since renamed. */
const STALE = "query StaleKinds { organizations(kinds: [SOCIAL_WELFARE_COUNCI]) { cod } }";
const STALE_HASH = createHash("sha256").update(STALE).digest("hex");

interface GraphQLErrorJson {
  message: string;
  extensions?: { code?: string };
}

let stack: Stack;
let production: RunningGateway;
let development: RunningGateway;
let trusted: Map<string, string>;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  trusted = await loadTrustedDocuments(BOARD_MANIFEST);
  trusted.set(STALE_HASH, STALE);
  production = await anotherGateway(stack, { production: true, security: { trustedDocuments: trusted } });
  development = await anotherGateway(stack, { production: false, security: { trustedDocuments: trusted } });
  token = await stack.token("fukushi-suishin-bu", ["chair"]);
});
afterAll(async () => {
  await production?.close();
  await development?.close();
  await stack?.close();
});

/** The id of the board's registered operation `name`. */
function idOf(name: string): string {
  const hit = [...trusted].find(([, document]) => new RegExp(`^(query|mutation|subscription) ${name}\\b`).test(document));
  if (!hit) throw new Error(`${name} is not in the board's manifest`);
  return hit[0];
}

/** The registered operation `id` POSTed to `gateway` with `variables`: the status and the answer's errors. */
async function postById(gateway: RunningGateway, id: string, variables: Record<string, unknown>) {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token) },
    body: JSON.stringify({ documentId: id, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, errors: (JSON.parse(text) as { errors?: GraphQLErrorJson[] }).errors ?? [] };
}

/** The registered operation `id` run over `gateway`'s graphql-ws endpoint: the errors of its answer. */
async function overSocket(gateway: RunningGateway, id: string): Promise<GraphQLErrorJson[]> {
  const stream = collect(gateway.wsUrl, token, "", {}, undefined, { persistedQuery: { version: 1, sha256Hash: id } });
  try {
    await stream.until((out) => out.completed || out.failures.length > 0);
  } finally {
    await stream.stop();
  }
  expect(stream.failures).toEqual([]);
  return stream.payloads.flatMap((payload) => (payload.errors ?? []) as GraphQLErrorJson[]);
}

/** A development answer's errors as production must answer them: each suggestion cut, all else kept. */
const withoutSuggestions = (errors: GraphQLErrorJson[]) =>
  errors.map((error) => ({ ...error, message: error.message.replace(/ Did you mean [^?]*\?/g, "") }));

/** Development suggests `suggestion` in some error; production says the same without any suggestion. */
function expectSuggestionOnlyInDevelopment(dev: GraphQLErrorJson[], prod: GraphQLErrorJson[], suggestion: string): void {
  expect(dev.map((e) => e.message).join("\n")).toContain(suggestion);
  expect(JSON.stringify(prod)).not.toContain("Did you mean");
  expect(JSON.stringify(prod)).not.toContain("Suggestion hidden");
  expect(prod).toEqual(withoutSuggestions(dev));
}

describe("variable coercion errors (HTTP)", () => {
  it("name no input field in production: a misspelt field of an input object", async () => {
    const id = idOf("BoardScheduleMeeting");
    const variables = { input: { bodyCode: "marugoto-council", titel: "提案の確認", startsAt: "2031-04-01T05:00:00Z" } };
    const [dev, prod] = [await postById(development, id, variables), await postById(production, id, variables)];
    expectSuggestionOnlyInDevelopment(
      dev.errors,
      prod.errors,
      'Field "titel" is not defined by type "ScheduleMeetingInput". Did you mean "title"?',
    );
    expect(prod.errors.map((e) => e.message)).toContain(
      `変数 $input の値が正しくありません（Variable "$input" got invalid value { bodyCode: "marugoto-council", titel: "提案の確認", startsAt: "2031-04-01T05:00:00Z" }; Field "titel" is not defined by type "ScheduleMeetingInput".）`,
    );
    expect(new Set(prod.errors.map((e) => e.extensions?.code))).toEqual(new Set(["BAD_USER_INPUT"]));
    expect(prod.status).toBe(dev.status);
  });

  it("name no enum value in production: a misspelt enum value", async () => {
    const id = idOf("BoardUpdateActionStatus");
    const variables = { id: "no-such-item", status: "IN_PROGRES" };
    const [dev, prod] = [await postById(development, id, variables), await postById(production, id, variables)];
    expectSuggestionOnlyInDevelopment(dev.errors, prod.errors, 'Did you mean the enum value "IN_PROGRESS"?');
    expect(prod.errors.map((e) => e.message)).toEqual([
      `変数 $status の値が正しくありません（Variable "$status" got invalid value "IN_PROGRES"; Value "IN_PROGRES" does not exist in "ActionItemStatus" enum.）`,
    ]);
    expect(prod.errors.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(prod.status).toBe(dev.status);
  });
});

describe("a registered document the schema no longer accepts", () => {
  it("keeps its validation code but names no enum value or field in production (HTTP)", async () => {
    const [dev, prod] = [await postById(development, STALE_HASH, {}), await postById(production, STALE_HASH, {})];
    expectSuggestionOnlyInDevelopment(dev.errors, prod.errors, 'Did you mean the enum value "SOCIAL_WELFARE_COUNCIL"?');
    expect(dev.errors.map((e) => e.message)).toContain('Cannot query field "cod" on type "Organization". Did you mean "code" or "id"?');
    expect(prod.errors.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
    expect(prod.errors.map((e) => e.message)).toEqual([
      'Value "SOCIAL_WELFARE_COUNCI" does not exist in "OrganizationKind" enum.',
      'Cannot query field "cod" on type "Organization".',
    ]);
    expect(prod.status).toBe(dev.status);
  });

  it("keeps its validation code but names no enum value or field in production (graphql-ws)", async () => {
    const [dev, prod] = [await overSocket(development, STALE_HASH), await overSocket(production, STALE_HASH)];
    expectSuggestionOnlyInDevelopment(dev, prod, 'Did you mean the enum value "SOCIAL_WELFARE_COUNCIL"?');
    expect(prod.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("a production subscription", () => {
  it("still streams its events through the cut, and ends when the client stops", async () => {
    type Changed = { meetingsChanged: { kind: string; meeting: { title: string } } };
    const running = await activeSubscriptions();
    const stream = collect<Changed>(production.wsUrl, token, "", { code: "fukushi-suishin-bu" }, undefined, {
      persistedQuery: { version: 1, sha256Hash: idOf("BoardMeetingsChanged") },
    });
    try {
      // The gateway's subscription and the meetings subgraph's, both in place before the change.
      await vi.waitFor(async () => expect((await activeSubscriptions()) - running).toBeGreaterThanOrEqual(2), {
        timeout: 10_000,
        interval: 20,
      });
      const input = { bodyCode: "marugoto-council", title: "提案の確認（購読）", startsAt: "2031-04-02T05:00:00Z" };
      const scheduled = await postById(production, idOf("BoardScheduleMeeting"), { input });
      expect(scheduled.errors).toEqual([]);
      const [event] = await stream.waitFor(1);
      expect(event!.meetingsChanged.meeting.title).toBe(input.title);
    } finally {
      await stream.stop();
    }
    await vi.waitFor(async () => expect(await activeSubscriptions()).toBe(running), { timeout: 10_000, interval: 20 });
  });
});
