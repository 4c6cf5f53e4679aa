import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { captureLogs, startMetricsServer, tokyoDate } from "@marugoto/shared";
import { consultationInput } from "../helpers/cases.js";
import { bearer, post, dataAs } from "../helpers/client.js";
import { names, scrape, total } from "../helpers/metrics.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * Logs and metrics of the whole graph, run at LOG_LEVEL=debug with every log line captured from
 * the first one: personal data never reaches a line, a request id follows a call into the
 * subgraphs, and /metrics counts what happened.
 */
const lines: string[] = [];
let release: () => void;
let stack: Stack;
const previousLevel = process.env.LOG_LEVEL;

const LEAD = "self-reliance-support-agency";
const CHAIR_ORG = "fukushi-suishin-bu";

/** Personal values written through the graph in this file (besides the seeded ones read from the database). */
const WRITTEN = {
  name: "観測 花子",
  nameKana: "カンソク ハナコ",
  address: "山形市旅篭町九丁目九十九番",
  phone: "023-999-4321",
  narrative: "家賃の滞納が三か月続き督促状が届いている",
  visitor: "観測 一郎",
  content: "家計相談で返済計画を一緒に作成した",
  household: "母と二人暮らしで母は要介護二",
};

beforeAll(async () => {
  process.env.LOG_LEVEL = "debug";
  release = captureLogs((line) => void lines.push(line), "debug");
  stack = await startStack({ metrics: true });
});
afterAll(async () => {
  await stack?.close();
  release?.();
  process.env.LOG_LEVEL = previousLevel;
});

const gql = (query: string, variables: Record<string, unknown>, token: string, headers: Record<string, string> = {}) =>
  dataAs(stack.gateway.url, token, query, variables, { headers });

const CASE_QUERY = `query ReadCase($id: ID!) { case(id: $id) {
  caseNumber
  mainPerson { name nameKana address phone birthDate }
  household { person { name nameKana } relation }
  consultations { narrative visitor visitorRelation }
  progress { content staff }
  assessments { household work housing }
} }`;

/** Writes and reads a case with every kind of personal field, through the gateway. */
async function exerciseCases(headers: Record<string, string> = {}): Promise<string> {
  const lead = await stack.token(LEAD);
  const received = await gql(
    `mutation Receive($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } userErrors { code } } }`,
    {
      i: consultationInput(
        { name: WRITTEN.name, nameKana: WRITTEN.nameKana, address: WRITTEN.address, phone: WRITTEN.phone },
        { visitor: WRITTEN.visitor, visitorRelation: "父", narrative: WRITTEN.narrative },
      ),
    },
    lead,
    headers,
  );
  expect(received.receiveConsultation.userErrors).toEqual([]);
  const caseId = received.receiveConsultation.case.id as string;
  const logged = await gql(
    `mutation Log($id: ID!, $d: LocalDate!, $c: String!) { logProgress(input: { caseId: $id, date: $d, method: PHONE, staff: "担当者", content: $c }) { userErrors { code } } }`,
    { id: caseId, d: tokyoDate(), c: WRITTEN.content },
    lead,
  );
  expect(logged.logProgress.userErrors).toEqual([]);
  const assessed = await gql(
    `mutation Assess($id: ID!, $i: AssessmentInput!) { recordAssessment(caseId: $id, input: $i) { userErrors { code } } }`,
    { id: caseId, i: { household: WRITTEN.household, problems: [] } },
    lead,
  );
  expect(assessed.recordAssessment.userErrors).toEqual([]);
  const read = await gql(CASE_QUERY, { id: caseId }, lead);
  expect(read.case.mainPerson.name).toBe(WRITTEN.name);
  // A refused write whose variables carry personal data (an unknown enum value): it must be logged, if at all, without them.
  const refused = await post(
    stack.gateway.url,
    `mutation Refused($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } } }`,
    {
      i: {
        receivedOn: tokyoDate(),
        takenBy: "相談員",
        sourceKind: "NOT_A_SOURCE",
        problemAreas: ["DEBT"],
        mainProblemArea: "DEBT",
        consentAnswer: "GIVEN",
        narrative: WRITTEN.narrative,
        person: { name: WRITTEN.name },
      },
    },
    bearer(lead),
  );
  expect(refused.errors?.length).toBeGreaterThan(0);
  return caseId;
}

describe("logs", () => {
  it("are JSON lines, and one request id follows a call from the gateway into the subgraph", async () => {
    await exerciseCases({ "x-request-id": "ops-trace-0001" });
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(10);
    for (const line of parsed)
      expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), message: expect.any(String) });
    const traced = parsed.filter((l) => l.requestId === "ops-trace-0001");
    expect(traced.some((l) => l.server === "gateway" && l.message === "request served")).toBe(true);
    expect(traced.some((l) => l.subgraph === "cases" && l.message === "request served" && l.operation === "Receive")).toBe(true);
    // Without a usable id from the client, the gateway makes one, and the subgraph logs the same.
    const res = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "bad id with spaces", ...bearer(await stack.token(LEAD)) },
      body: JSON.stringify({ query: "query Orgs { organizations { code } }" }),
    });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The gateway may write its line just after the answer is sent: wait for the lines, not for a time.
    await vi.waitFor(
      () => {
        const own = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.requestId === id);
        expect(own.some((l) => l.server === "gateway")).toBe(true);
        expect(own.some((l) => l.subgraph === "directory")).toBe(true);
      },
      { timeout: 5_000, interval: 20 },
    );
  });

  it("hold no personal field of any case, seeded or written, at LOG_LEVEL=debug", async () => {
    await exerciseCases();
    // Every seeded case's personal values, read back from the database.
    const execute = (sql: string) => stack.subgraphs.cases!.em.getConnection().execute(sql) as Promise<Record<string, string | null>[]>;
    const seeded = [
      ...(await execute(`select name, name_kana, address, phone from cases.person`)),
      ...(await execute(`select narrative, visitor from cases.consultation`)),
      ...(await execute(`select content from cases.progress_entry`)),
    ].flatMap((row) => Object.values(row));
    const values = [...new Set([...seeded, ...Object.values(WRITTEN)].filter((v): v is string => typeof v === "string" && v.length >= 4))];
    expect(values.length).toBeGreaterThan(Object.keys(WRITTEN).length);
    expect(lines.length).toBeGreaterThan(20);
    const leaks = values.flatMap((value) =>
      lines.filter((line) => line.includes(value) || line.includes(JSON.stringify(value).slice(1, -1))).map((line) => ({ value, line })),
    );
    expect(leaks).toEqual([]);
  });
});

describe("metrics", () => {
  it("/metrics answers on its own port (never on the public one) for the gateway and every subgraph", async () => {
    expect(stack.gateway.metricsUrl).toBeDefined();
    expect(new URL(stack.gateway.metricsUrl!).port).not.toBe(String(stack.gateway.port));
    const publicPort = await fetch(new URL("/metrics", stack.gateway.url));
    expect(publicPort.status).toBe(404);
    for (const subgraph of Object.values(stack.subgraphs)) {
      expect(subgraph.metricsUrl).toBeDefined();
      expect(names(await scrape(subgraph.metricsUrl!)).has("marugoto_graphql_requests_total")).toBe(true);
    }
  });

  it("count requests, subgraph calls, errors, subscriptions, events, audit rows and pool use", async () => {
    await exerciseCases();
    const chair = await stack.token(CHAIR_ORG, ["chair"]);
    const meeting = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "観測用の会議", startsAt: "2031-03-01T05:00:00Z" }) { meeting { id eventCursor } } }`,
      {},
      chair,
    );
    const { id, eventCursor } = meeting.scheduleMeeting.meeting;
    const sub = collect(
      stack.gateway.wsUrl,
      await stack.token("nozei"),
      `subscription Agenda($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after, markCaughtUp: true) { cursor kind } }`,
      { id, after: eventCursor },
    );
    try {
      // Its CAUGHT_UP shows the stream is live: the item below is delivered as it happens, not replayed.
      await sub.waitFor(1);
      await gql(
        `mutation Add($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
        { i: { meetingId: id, kind: "TOPIC", title: "議題", presenterCode: "nozei" } },
        chair,
      );
      await sub.waitFor(2);
      const samples = await scrape(stack.gateway.metricsUrl!);
      for (const name of [
        "marugoto_graphql_requests_total",
        "marugoto_graphql_request_duration_seconds_count",
        "marugoto_graphql_errors_total",
        "marugoto_gateway_subgraph_requests_total",
        "marugoto_gateway_subgraph_request_duration_seconds_count",
        "marugoto_websocket_open_sockets",
        "marugoto_graphql_subscriptions_active",
        "marugoto_gateway_subscription_groups",
        "marugoto_gateway_subscription_group_clients",
        "marugoto_events_published_total",
        "marugoto_events_delivered_total",
        "marugoto_outbox_lag_events",
        "marugoto_db_pool_connections",
        "marugoto_audit_rows_written_total",
      ]) {
        expect(names(samples), name).toContain(name);
      }
      expect(total(samples, "marugoto_graphql_requests_total", { operation: "ReadCase", type: "query" })).toBeGreaterThan(0);
      expect(total(samples, "marugoto_graphql_requests_total", { operation: "Agenda", type: "subscription" })).toBeGreaterThan(0);
      expect(total(samples, "marugoto_gateway_subgraph_requests_total", { subgraph: "cases" })).toBeGreaterThan(0);
      // Each subgraph call under the client's operation that made it, not the planner's anonymous fetch.
      expect(total(samples, "marugoto_gateway_subgraph_requests_total", { subgraph: "cases", operation: "ReadCase" })).toBeGreaterThan(0);
      expect(total(samples, "marugoto_graphql_errors_total")).toBeGreaterThan(0);
      // The gateway's subscription and the meetings subgraph's upstream one, both running now.
      expect(total(samples, "marugoto_graphql_subscriptions_active")).toBeGreaterThanOrEqual(2);
      expect(total(samples, "marugoto_gateway_subscription_groups")).toBeGreaterThanOrEqual(1);
      expect(total(samples, "marugoto_gateway_subscription_group_clients")).toBeGreaterThanOrEqual(1);
      expect(total(samples, "marugoto_websocket_open_sockets")).toBeGreaterThanOrEqual(2);
      expect(total(samples, "marugoto_events_published_total", { kind: "ITEM_ADDED" })).toBeGreaterThan(0);
      expect(total(samples, "marugoto_events_delivered_total", { kind: "ITEM_ADDED" })).toBeGreaterThan(0);
      expect(total(samples, "marugoto_audit_rows_written_total")).toBeGreaterThan(0);
      expect(total(samples, "marugoto_db_pool_connections")).toBeGreaterThan(0);
      // No label value is an id: no UUID anywhere in the exposition.
      const text = await (await fetch(stack.gateway.metricsUrl!)).text();
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    } finally {
      await sub.stop();
    }
  });

  it("count errors by the code the client received", async () => {
    const errorsOf = async (code: string) => total(await scrape(stack.gateway.metricsUrl!), "marugoto_graphql_errors_total", { code });
    const lead = await stack.token(LEAD);
    // A document the schema refuses (a field that does not exist), and a call with a token that does not verify.
    const refusals = [
      () => post(stack.gateway.url, `query Unknown { organizations { code notAField } }`, {}, bearer(lead)),
      () => post(stack.gateway.url, `query Orgs { organizations { code } }`, {}, bearer(`${lead.slice(0, -4)}AAAA`)),
    ];
    const codes: string[] = [];
    for (const refuse of refusals) {
      const res = await refuse();
      const code = res.errors?.[0]?.extensions?.code;
      expect(typeof code).toBe("string");
      const before = await errorsOf(code as string);
      await refuse();
      expect(await errorsOf(code as string), code as string).toBe(before + 1);
      codes.push(code as string);
    }
    expect(codes).toEqual(["GRAPHQL_VALIDATION_FAILED", "UNAUTHENTICATED"]);
  });

  it("outbox lag rises while an event waits undelivered, and falls back once it is read", async () => {
    const meetings = stack.subgraphs.meetings!;
    const lag = async () => total(await scrape(meetings.metricsUrl!), "marugoto_outbox_lag_events");
    expect(await lag()).toBe(0);
    // An event committed without its NOTIFY: the hub has not seen it yet.
    await meetings.em
      .getConnection()
      .execute(
        `insert into meetings.outbox_event (topic, kind, payload, created_at) values ('ops:lag', 'OPS_PROBE', '{}', now()), ('ops:lag', 'OPS_PROBE', '{}', now())`,
      );
    expect(await lag()).toBe(2);
    await meetings.em.getConnection().execute(`select pg_notify('meetings_outbox', '0')`);
    await vi.waitFor(async () => expect(await lag()).toBe(0), { timeout: 5_000, interval: 50 });
  });

  it("a metrics port with a token refuses a scrape without it", async () => {
    const server = await startMetricsServer({ host: "127.0.0.1", port: 0, token: "metrics-token-0123456789" });
    try {
      expect((await fetch(server.url)).status).toBe(401);
      expect((await fetch(server.url, { headers: { authorization: "Bearer wrong-token-0123456789ab" } })).status).toBe(401);
      expect((await scrape(server.url, "metrics-token-0123456789")).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
