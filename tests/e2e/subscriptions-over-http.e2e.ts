import { createHash } from "node:crypto";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPHIQL_TOKEN_KEY } from "../../gateway/src/graphiql.js";
import type { RunningGateway } from "../../gateway/src/server.js";
import { metrics } from "@marugoto/shared";
import { browserRunnable, CHROMIUM } from "../helpers/browser.js";
import { bearer, dataAs } from "../helpers/client.js";
import { anotherGateway, startStack, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * Subscriptions run over the gateway's graphql-ws endpoint only, where the socket's token expiry,
 * the per-socket and per-identity caps and the merging of identical subscriptions apply. Over plain
 * HTTP (server-sent events, multipart/mixed, GET or POST, a text or a registered document's id) a
 * subscription is refused with a coded error before any subgraph is asked.
 */
const CHAIR_ORG = "fukushi-suishin-bu";
const OPERATION = "AgendaOverHttp";
const SUBSCRIPTION = `subscription ${OPERATION}($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after, markCaughtUp: true) { cursor kind } }`;
const SUBSCRIPTION_HASH = createHash("sha256").update(SUBSCRIPTION).digest("hex");
const REFUSAL = {
  message: "購読（subscription）は WebSocket（graphql-ws）で接続してください。",
  extensions: { code: "SUBSCRIPTION_OVER_WEBSOCKET_ONLY" },
};

type AgendaEvent = { agendaChanged: { cursor: string; kind: string } };

let stack: Stack;
/** Registered documents only, as users run it: the subscription above is its one document. */
let production: RunningGateway;
/** A council meeting the subscriber (nozei) may watch, and its cursor: subscribed after it, the stream starts with CAUGHT_UP. */
let meeting: { id: string; after: string };
let token: string;

beforeAll(async () => {
  stack = await startStack();
  production = await anotherGateway(stack, {
    production: true,
    security: { trustedDocuments: new Map([[SUBSCRIPTION_HASH, SUBSCRIPTION]]) },
  });
  const scheduled = await dataAs(
    stack.gateway.url,
    await stack.token(CHAIR_ORG, ["chair"]),
    `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "購読の経路の確認", startsAt: "2031-04-01T05:00:00Z" }) { meeting { id eventCursor } } }`,
  );
  meeting = { id: scheduled.scheduleMeeting.meeting.id, after: scheduled.scheduleMeeting.meeting.eventCursor };
  token = await stack.token("nozei");
});
afterAll(async () => {
  await production?.close();
  await stack?.close();
});

/** Calls the gateway made to subgraphs under the subscription's operation name (a subscription's call included). */
async function upstreamCalls(): Promise<number> {
  const { values } = await metrics.subgraphRequests.get();
  return values.filter((v) => v.labels.operation === OPERATION).reduce((sum, v) => sum + v.value, 0);
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** Whether the body ended by itself within the wait (a stream still open is cut off). */
  ended: boolean;
}

/** An HTTP answer and at most `ms` of its body: a subscription's stream would stay open. */
async function answerOf(res: Response, ms = 1_500): Promise<Answer> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  try {
    for (;;) {
      const step = await Promise.race([reader.read(), timeout]);
      if (step === "timeout") {
        await reader.cancel();
        return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, ended: false };
      }
      if (step.done) return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, ended: true };
      text += decoder.decode(step.value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
}

/** A POST of `body` (JSON) to `gateway`, asking for `accept`. */
async function postAs(gateway: RunningGateway, accept: string, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept, ...bearer(token) },
    body: JSON.stringify(body),
  });
  return answerOf(res);
}

/** A GET of `gateway`'s /graphql with `params` in the URL, asking for server-sent events. */
async function getAs(gateway: RunningGateway, params: Record<string, string>): Promise<Answer> {
  const url = new URL(gateway.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  // A GET needs a header no plain cross-site request carries (CSRF prevention).
  const res = await fetch(url, { headers: { accept: "text/event-stream", "x-graphql-csrf": "1", ...bearer(token) } });
  return answerOf(res);
}

/** Refusals counted by the gateway's error metric under the refusal's code. */
async function refusalsCounted(): Promise<number> {
  const { values } = await metrics.errors.get();
  return values.filter((v) => v.labels.code === REFUSAL.extensions.code).reduce((sum, v) => sum + v.value, 0);
}

/** Refused at once, as one JSON answer with the code: no stream, no event, no call upstream. */
async function expectRefused(send: () => Promise<Answer>): Promise<void> {
  const [calls, refusals] = [await upstreamCalls(), await refusalsCounted()];
  const answer = await send();
  expect(answer.text).not.toContain("CAUGHT_UP");
  expect({ status: answer.status, ended: answer.ended }).toEqual({ status: 400, ended: true });
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(JSON.parse(answer.text)).toEqual({ errors: [REFUSAL] });
  expect(await upstreamCalls()).toBe(calls);
  expect(await refusalsCounted()).toBe(refusals + 1);
}

const variables = () => ({ id: meeting.id, after: meeting.after });

describe("a subscription over plain HTTP", () => {
  it("is refused as server-sent events (POST, accept: text/event-stream)", async () => {
    await expectRefused(() => postAs(stack.gateway, "text/event-stream", { query: SUBSCRIPTION, variables: variables() }));
  });

  it("is refused as multipart/mixed incremental delivery (POST, accept: multipart/mixed)", async () => {
    await expectRefused(() => postAs(stack.gateway, "multipart/mixed", { query: SUBSCRIPTION, variables: variables() }));
  });

  it("is refused as a GET with the subscription in ?query=", async () => {
    await expectRefused(() =>
      getAs(stack.gateway, { query: SUBSCRIPTION, variables: JSON.stringify(variables()), operationName: OPERATION }),
    );
  });

  it("is refused when asked for plain JSON too", async () => {
    await expectRefused(() => postAs(stack.gateway, "application/json", { query: SUBSCRIPTION, variables: variables() }));
  });

  it("is refused on a production gateway by its registered document's id (POST and GET)", async () => {
    await expectRefused(() => postAs(production, "text/event-stream", { documentId: SUBSCRIPTION_HASH, variables: variables() }));
    await expectRefused(() =>
      postAs(production, "multipart/mixed", {
        variables: variables(),
        extensions: { persistedQuery: { version: 1, sha256Hash: SUBSCRIPTION_HASH } },
      }),
    );
    await expectRefused(() => getAs(production, { documentId: SUBSCRIPTION_HASH, variables: JSON.stringify(variables()) }));
  });

  it("keeps its validation errors when it is not a valid document (the refusal is for subscriptions that would run)", async () => {
    const answer = await postAs(stack.gateway, "application/json", { query: `subscription { noSuchStream { kind } }` });
    const { errors } = JSON.parse(answer.text) as { errors: { message: string; extensions?: { code?: string } }[] };
    expect(errors.map((e) => e.extensions?.code)).not.toContain(REFUSAL.extensions.code);
    expect(JSON.stringify(errors)).toContain("noSuchStream");
  });

  it("runs over graphql-ws as before: the same subscription delivers its event, by text and by registered id, and is still refused over HTTP after", async () => {
    for (const gateway of [stack.gateway, production]) {
      const before = await upstreamCalls();
      const stream =
        gateway === production
          ? collect<AgendaEvent>(gateway.wsUrl, token, "", variables(), undefined, {
              persistedQuery: { version: 1, sha256Hash: SUBSCRIPTION_HASH },
            })
          : collect<AgendaEvent>(gateway.wsUrl, token, SUBSCRIPTION, variables());
      try {
        const [event] = await stream.waitFor(1);
        expect(event!.agendaChanged.kind).toBe("CAUGHT_UP");
        expect(stream.errors).toEqual([]);
        // The metric the refusals are checked with does see a subscription's upstream call.
        expect(await upstreamCalls()).toBeGreaterThan(before);
      } finally {
        await stream.stop();
      }
    }
    // Once run over graphql-ws (its document parsed and validated, and kept so), still refused over HTTP.
    await expectRefused(() => postAs(stack.gateway, "text/event-stream", { query: SUBSCRIPTION, variables: variables() }));
    await expectRefused(() => postAs(production, "text/event-stream", { documentId: SUBSCRIPTION_HASH, variables: variables() }));
  });
});

// Reason for the skip (`browserRunnable`): a developer machine may not have Chromium; CI always installs it.
describe.skipIf(!browserRunnable)("the gateway's own GraphiQL (development)", () => {
  it("subscribes over graphql-ws with the stored token, never over HTTP", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      const sockets: string[] = [];
      const overHttp: string[] = [];
      page.on("websocket", (socket) => sockets.push(socket.url()));
      // Any request but the page itself (whose URL holds the query for the editor) that carries the subscription.
      page.on("request", (request) => {
        if (request.resourceType() !== "document" && `${request.url()} ${request.postData() ?? ""}`.includes("agendaChanged"))
          overHttp.push(`${request.method()} ${request.url()}`);
      });
      await page.goto(stack.gateway.url);
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [GRAPHIQL_TOKEN_KEY, token]);
      const query = `subscription { agendaChanged(meetingId: "${meeting.id}", after: "${meeting.after}", markCaughtUp: true) { cursor kind } }`;
      await page.goto(`${stack.gateway.url}?query=${encodeURIComponent(query)}`);
      await page.locator(".graphiql-container .monaco-editor").first().waitFor({ timeout: 30_000 });
      await page.locator(".graphiql-execute-button").first().click();
      await expect.poll(() => page.locator(".graphiql-response").first().innerText(), { timeout: 15_000 }).toContain("CAUGHT_UP");
      expect(sockets).toEqual([stack.gateway.wsUrl]);
      expect(overHttp).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
