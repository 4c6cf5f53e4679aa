import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { casesSubgraph } from "../../subgraphs/cases/src/subgraph.js";
import { meetingsSubgraph } from "../../subgraphs/meetings/src/subgraph.js";
import { post, signedConnectionParams, signedHeaders } from "../helpers/client.js";
import { until } from "../helpers/processes.js";
import { TEST_SECRET } from "../helpers/stack.js";
import { startSubgraph, type TestSubgraph } from "../helpers/subgraph.js";

/**
 * Every subgraph process keeps its own replay guard: a signature used up at one subgraph is still
 * unused at every other. So each signature names the subgraph it is for, and a captured call or
 * connection_init is refused anywhere else; and a socket, whose subscriptions all run as its one
 * signed connection_init, is closed when its signed end (the token's expiry) or the subgraph's
 * longest socket lifetime comes.
 */

const staff = { sub: "perimeter-targets", org: "self-reliance-support-agency", roles: ["staff"] };

/** How long the cases subgraph here lets a socket from the gateway live (short, for the test). */
const CASES_SOCKET_MAX_AGE_MS = 1_500;

let meetings: TestSubgraph;
let cases: TestSubgraph;
beforeAll(async () => {
  [meetings, cases] = await Promise.all([
    startSubgraph(meetingsSubgraph),
    startSubgraph(casesSubgraph, { IDENTITY_SOCKET_MAX_AGE_MS: String(CASES_SOCKET_MAX_AGE_MS) }),
  ]);
});
afterAll(() => Promise.all([meetings?.close(), cases?.close()]));

const wsUrl = (s: TestSubgraph) => s.running.url.replace(/^http/, "ws");

/** What a graphql-ws socket has seen so far: acknowledged, the messages of its subscription, its close code. */
interface SocketState {
  acknowledged: boolean;
  messages: { type: string; payload?: unknown }[];
  closeCode?: number;
  socket: WebSocket;
}

/** Opens a graphql-ws socket, says hello with `params`, and once acknowledged subscribes with `subscription`. */
function openSocket(url: string, params: Record<string, string>, subscription?: string): SocketState {
  const socket = new WebSocket(url, "graphql-transport-ws");
  const state: SocketState = { acknowledged: false, messages: [], socket };
  socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: params })));
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
    if (message.type === "connection_ack") {
      state.acknowledged = true;
      if (subscription) socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: subscription } }));
    } else state.messages.push(message);
  });
  socket.on("error", () => {});
  socket.on("close", (code) => (state.closeCode = code));
  return state;
}

/** Waits until the socket is acknowledged or closed. */
async function settled(state: SocketState): Promise<SocketState> {
  await until("the socket to be acknowledged or closed", () => state.acknowledged || state.closeCode !== undefined, 30_000);
  return state;
}

const SHARED_CASES = `subscription { sharedCasesChanged { kind caseId } }`;
const MEETINGS_CHANGED = `subscription { meetingsChanged { kind } }`;

describe("a signature addressed to one subgraph", () => {
  it("is refused over HTTP by another subgraph, unused: the subgraph it names takes it once", async () => {
    const query = `{ __typename }`;
    const headers = signedHeaders("meetings", staff, TEST_SECRET, query);
    const elsewhere = await post(cases.running.url, query, {}, headers);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(elsewhere.errors?.[0]?.message).toContain("wrong subgraph");
    expect(elsewhere.data ?? undefined).toBeUndefined();
    // The same headers at the subgraph they were signed for: answered once, then a replay.
    expect((await post(meetings.running.url, query, {}, headers)).data).toEqual({ __typename: "Query" });
    const again = await post(meetings.running.url, query, {}, headers);
    expect(again.status).toBe(401);
    expect(again.errors?.[0]?.message).toContain("replayed");
  });

  it("opens no graphql-ws connection at another subgraph: a connection_init signed for meetings is refused by cases (4403)", async () => {
    const params = signedConnectionParams("meetings", staff, TEST_SECRET);
    const atCases = await settled(openSocket(wsUrl(cases), params, SHARED_CASES));
    expect(atCases.acknowledged).toBe(false);
    expect(atCases.closeCode).toBe(4403);
    expect(atCases.messages).toEqual([]);
    // Not used up there: the subgraph it names still opens the socket.
    const atMeetings = await settled(openSocket(wsUrl(meetings), params));
    expect(atMeetings.acknowledged).toBe(true);
    atMeetings.socket.close();
  });
});

describe("a socket from the gateway", () => {
  it("is closed (4401) once the subgraph's longest socket lifetime since its signing has passed, ending its subscription", async () => {
    const params = signedConnectionParams("cases", staff, TEST_SECRET);
    const state = await settled(openSocket(wsUrl(cases), params, SHARED_CASES));
    expect(state.acknowledged).toBe(true);
    await until("the cases subgraph to close the socket", () => state.closeCode !== undefined, 30_000);
    expect(state.closeCode).toBe(4401);
    // Nothing came in its place: the subscription ended with the socket.
    expect(state.messages.filter((m) => m.type === "error")).toEqual([]);
  });

  it("is closed (4401) at the end its connection_init was signed with (the token's expiry), and refused once that has passed", async () => {
    const state = await settled(
      openSocket(wsUrl(meetings), signedConnectionParams("meetings", staff, TEST_SECRET, { until: Date.now() + 1_500 }), MEETINGS_CHANGED),
    );
    expect(state.acknowledged).toBe(true);
    await until("the meetings subgraph to close the socket", () => state.closeCode !== undefined, 30_000);
    expect(state.closeCode).toBe(4401);
    const now = Date.now();
    const late = await settled(openSocket(wsUrl(meetings), signedConnectionParams("meetings", staff, TEST_SECRET, { now, until: now })));
    expect([late.acknowledged, late.closeCode]).toEqual([false, 4403]);
  });
});
