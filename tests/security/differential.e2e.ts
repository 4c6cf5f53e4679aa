import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics, tokyoDate } from "@marugoto/shared";
import { consultationInput } from "../helpers/cases.js";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect, sleep, untilAll, type Collected } from "../helpers/subscriptions.js";

/**
 * The differential authorisation test: every caller's answer, fired concurrently with everyone
 * else's in random interleavings, must equal the answer it gets alone. Any layer that shares work
 * between requests (upstream de-duplication, merged subscriptions, loaders, replay buffers) without
 * keying it on the caller's whole authorisation scope shows up here as a difference.
 *
 * The interleavings come from a seeded generator: `DIFFERENTIAL_SEED=<n>` replays a failing run.
 */
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 1_000_000);
const ROUNDS = Number(process.env.DIFFERENTIAL_ROUNDS ?? 5);

const LEAD = "self-reliance-support-agency";
const CHAIR = "seikatsu-fukushi";
const PLEDGED = "nozei";
const UNPLEDGED = "kodomo-katei-shien";
const GLASS_ORG = "choju-shien"; // one of the organisations that may hold the emergency role
const CONSENT_PLAN = "hatarakiyasusa";
const OUTSIDER = "koho";
const AUDITOR_ORG = "seikatsu-fukushi";

interface Caller {
  name: string;
  org: string;
  roles: string[];
  sub: string;
  token?: string;
}

/** At least ten identities: organisations, roles and persons that the rules tell apart. */
const CALLERS: Caller[] = [
  { name: "lead agency", org: LEAD, roles: ["staff"], sub: "lead-worker" },
  { name: "chair", org: CHAIR, roles: ["chair"], sub: "chair-person" },
  { name: "pledged member", org: PLEDGED, roles: ["staff"], sub: "nozei-clerk" },
  { name: "unpledged member", org: UNPLEDGED, roles: ["staff"], sub: "kodomo-worker" },
  // Both hold the emergency role (break-glass needs it here: the organisation never touched the case);
  // only the holder broke the glass.
  { name: "break-glass holder", org: GLASS_ORG, roles: ["staff", "emergency"], sub: "glass-holder" },
  { name: "colleague of the holder", org: GLASS_ORG, roles: ["staff", "emergency"], sub: "glass-colleague" },
  { name: "consent for PLAN only", org: CONSENT_PLAN, roles: ["staff"], sub: "hataraki-worker" },
  { name: "outsider", org: OUTSIDER, roles: ["staff"], sub: "koho-clerk" },
  { name: "auditor", org: AUDITOR_ORG, roles: ["auditor"], sub: "auditor-person" },
  { name: "analyst", org: "fukushi-suishin-bu", roles: ["analyst"], sub: "analyst-person" },
  { name: "chair's colleague", org: CHAIR, roles: ["staff"], sub: "seikatsu-staff" },
];

interface Operation {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  /**
   * Subscriptions: collected from a cursor before the fixture's events, so the replay is deterministic,
   * and asking for `markCaughtUp`, so its end is an event (the caller's answer is complete at the mark).
   */
  subscription?: boolean;
}

const ids: Record<string, string> = {};

const OPERATIONS: Operation[] = [
  {
    name: "case",
    query: `query CaseRead($id: ID!) { case(id: $id) { id grounds visibleInformation mainPerson { name address } lead { code } consultations { id } progress { content } transitions { toStatus reason } } }`,
    variables: () => ({ id: ids.caseA }),
  },
  {
    name: "sharedCases",
    query: `query Shared { organization(code: "${LEAD}") { sharedCases { edges { grounds node { caseNumber mainPerson { name } } } } } }`,
    variables: () => ({}),
  },
  {
    name: "auditLog",
    query: `query Audit($c: ID, $to: DateTimeISO) { auditLog(caseId: $c, to: $to, first: 20) { edges { node { subject organizationCode ground operation flagged } } } }`,
    // Up to the end of the fixture: the reads of this test add rows after it.
    variables: () => ({ c: ids.quiet, to: ids.fixtureEnd }),
  },
  {
    name: "breakGlassReviews",
    query: `query Reviews { breakGlassReviews { caseId subject organizationCode reason } }`,
    variables: () => ({}),
  },
  {
    name: "meeting",
    query: `query Sitting($m: ID!) { meeting(id: $m) { title confidential agenda { title redacted caseId case { grounds mainPerson { name } } decisions { content } actionItems { title } } minutes { content status } } }`,
    variables: () => ({ m: ids.meeting }),
  },
  {
    name: "actionItems",
    query: `query Tasks { organization(code: "${UNPLEDGED}") { actionItems { nodes { title status agendaItemId } } } }`,
    variables: () => ({}),
  },
  {
    name: "topics",
    query: `query Topics { topics { title description category } }`,
    variables: () => ({}),
  },
  {
    name: "worries",
    query: `query Worries { fiscalYearReport(fiscalYear: 2022) { hubFigures { worriesHeard { display } } caseFigures { consultations { display } } } }`,
    variables: () => ({}),
  },
  {
    name: "agendaChanged",
    query: `subscription Agenda($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after, markCaughtUp: true) { kind agenda { title redacted caseId case { grounds mainPerson { name } progress { content } } } } }`,
    variables: () => ({ m: ids.meeting, after: ids.meetingCursor }),
    subscription: true,
  },
  {
    name: "agendaTitles",
    query: `subscription AgendaTitles($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after, markCaughtUp: true) { kind agenda { title redacted } } }`,
    variables: () => ({ m: ids.meeting, after: ids.meetingCursor }),
    subscription: true,
  },
  {
    name: "caseChanged",
    query: `subscription CaseEvents($id: ID!, $after: String) { caseChanged(caseId: $id, after: $after, markCaughtUp: true) { kind case { grounds mainPerson { name } } } }`,
    variables: () => ({ id: ids.caseA, after: ids.caseCursor }),
    subscription: true,
  },
  {
    name: "actionItemsChanged",
    query: `subscription TaskEvents($o: String!, $after: String) { actionItemsChanged(organizationCode: $o, after: $after, markCaughtUp: true) { kind actionItem { title status } } }`,
    variables: () => ({ o: UNPLEDGED, after: ids.actionCursor }),
    subscription: true,
  },
];

/** mulberry32: a small seeded generator, so an interleaving can be replayed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let stack: Stack;

async function gql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

type Reported = { message?: string; path?: unknown; extensions?: { code?: string } };
const codes = (errors: readonly unknown[]) =>
  errors.map((x) => ({ code: (x as Reported).extensions?.code ?? (x as Reported).message, path: (x as Reported).path ?? null }));

/**
 * What a stream received, comparably: every payload whole, data and errors alike (a payload that
 * carries a field error may carry data next to it, and what follows it is the caller's answer too),
 * and what ended it.
 */
function received(sub: Collected<Record<string, unknown>>) {
  return {
    payloads: sub.payloads.map((p) => ({ data: p.data, errors: p.errors ? codes(p.errors) : null })),
    failures: sub.failures.map((e) => (Array.isArray(e) ? codes(e) : "closed")),
  };
}

/**
 * A live subscription (no cursor) to an agenda with a case on it, whose events all read alike: a
 * live stream is never a resumed one, so two callers' identical live subscriptions may share one
 * upstream stream, and only their sharing scope keeps them apart. The break-glass holder and the
 * colleague have the same organisation and roles; only the person tells their views of the case apart.
 */
const LIVE = `subscription LiveAgenda($m: ID!) { agendaChanged(meetingId: $m) { kind agenda { title redacted caseId case { grounds mainPerson { name } } } } }`;

/**
 * Each caller's answer to `LIVE`, all subscribed at once (in the given order, with the given offsets):
 * decisions are recorded on the live meeting (each event's selection is the same) until every
 * stream has an event or was refused. The answer is the set of distinct payloads a caller received:
 * one, unless some event carried another view.
 */
async function liveAnswers(callers: Caller[], offsets: number[]): Promise<Map<string, string>> {
  const streams = await Promise.all(
    callers.map(async (caller, i) => {
      await sleep(offsets[i] ?? 0);
      return { caller, sub: collect(stack.gateway.wsUrl, caller.token, LIVE, { m: ids.liveMeeting }) };
    }),
  );
  const settled = () => streams.every(({ sub }) => sub.payloads.length > 0 || sub.failures.length > 0 || sub.completed);
  try {
    // A live stream shows no sign of being in place before its first event: record decisions until
    // each has one. Time only paces the attempts; what is compared is what arrived.
    for (let attempt = 0; attempt < 30 && !settled(); attempt++) {
      await gql(
        CALLERS[1]!.token!,
        `mutation ($i: ID!) { recordDecision(itemId: $i, content: "（架空）経過を共有した") { userErrors { code } } }`,
        {
          i: ids.liveReport,
        },
      );
      await untilAll(
        streams.map(({ sub }) => sub),
        settled,
        1_000,
      ).catch(() => undefined);
    }
    return new Map(
      streams.map(({ caller, sub }) => {
        const { payloads, failures } = received(sub);
        const distinct = [...new Set(payloads.map((p) => JSON.stringify(p)))].sort();
        return [`${caller.name} / liveAgenda`, JSON.stringify({ distinct, failures, settled: payloads.length > 0 || failures.length > 0 })];
      }),
    );
  } finally {
    await Promise.all(streams.map(({ sub }) => sub.stop()));
  }
}

/** A counter's value in this process (the gateway runs in it). */
const counted = async (counter: { get(): Promise<{ values: { value: number }[] }> }) =>
  (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);

/** What a caller receives for one operation, in a comparable form. */
async function answer(caller: Caller, op: Operation): Promise<string> {
  if (!op.subscription) {
    const res = await post(stack.gateway.url, op.query, op.variables(), bearer(caller.token!));
    return JSON.stringify({
      status: res.status,
      data: res.data ?? null,
      errors: (res.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
    });
  }
  const sub = collect(stack.gateway.wsUrl, caller.token, op.query, op.variables());
  const snapshot = () => JSON.stringify(received(sub));
  // The answer is whole once the replay's CAUGHT_UP has come (a stream takes its events in order, so
  // anything else, another caller's event included, would have come before it), or once the stream
  // was refused, failed or ended. A payload with result-level errors does not end it: the events
  // after it are compared too. Nothing is published while the test runs: nothing live follows the mark.
  const caughtUp = (data: unknown) =>
    !!data && Object.values(data as Record<string, { kind?: string } | null>).some((v) => v?.kind === "CAUGHT_UP");
  const whole = () => sub.completed || sub.failures.length > 0 || sub.payloads.some((p) => caughtUp(p.data));
  try {
    // Time only bounds a stream that never settles; what it has then is compared (and differs).
    await sub.until(whole, 20_000).catch(() => undefined);
    return snapshot();
  } finally {
    await sub.stop();
  }
}

beforeAll(async () => {
  stack = await startStack();
  for (const c of CALLERS) c.token = await stack.token(c.org, c.roles, c.sub);
  const lead = CALLERS[0]!.token!;
  const chair = CALLERS[1]!.token!;
  const open = async (name: string) =>
    (
      await gql(
        lead,
        `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id eventCursor } userErrors { code } } }`,
        {
          i: consultationInput({ name, address: "山形市旅篭町二丁目3番25号（架空）" }),
        },
      )
    ).receiveConsultation.case as { id: string; eventCursor: string };

  ids.quiet = (await open("架空 静香")).id;
  const caseA = await open("架空 花子");
  ids.caseA = caseA.id;
  ids.caseCursor = caseA.eventCursor;

  const scheduled = await gql(
    chair,
    `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議（差分検査）", startsAt: "2031-04-01T05:00:00Z", memberCodes: ["${LEAD}", "${PLEDGED}", "${UNPLEDGED}", "${GLASS_ORG}"] }) { meeting { id eventCursor } userErrors { code message } } }`,
  );
  ids.meeting = scheduled.scheduleMeeting.meeting.id;
  ids.meetingCursor = scheduled.scheduleMeeting.meeting.eventCursor;
  ids.actionCursor = ids.meetingCursor!;
  await gql(CALLERS[2]!.token!, `mutation ($m: ID!) { pledgeConfidentiality(meetingId: $m) { userErrors { code } } }`, { m: ids.meeting });
  // The break-glass holder's organisation is a pledged member, but the case is not disclosed to it:
  // only the holder's personal ground shows the person.
  await gql(CALLERS[4]!.token!, `mutation ($m: ID!) { pledgeConfidentiality(meetingId: $m) { userErrors { code } } }`, { m: ids.meeting });
  await gql(chair, `mutation ($m: ID!) { pledgeConfidentiality(meetingId: $m) { userErrors { code } } }`, { m: ids.meeting });
  await gql(lead, `mutation ($m: ID!) { pledgeConfidentiality(meetingId: $m) { userErrors { code } } }`, { m: ids.meeting });

  await gql(
    lead,
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${PLEDGED}", "${CHAIR}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id: ids.caseA, m: ids.meeting },
  );
  // The unpledged member is not among those disclosed to (it could not be: NOT_PLEDGED); it sees the meeting, not the case.
  await gql(
    lead,
    `mutation ($id: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: ["${CONSENT_PLAN}"], infoKinds: [PLAN], coversMultiLayeredMeeting: false, givenOn: $d }) { userErrors { code } } }`,
    { id: ids.caseA, d: tokyoDate() },
  );
  await gql(
    lead,
    `mutation ($id: ID!, $d: LocalDate!) { logProgress(input: { caseId: $id, date: $d, method: VISIT, staff: "担当", content: "（架空）自宅を訪問し、家計の状況を確認した。" }) { userErrors { code } } }`,
    { id: ids.caseA, d: tokyoDate() },
  );
  await gql(
    CALLERS[4]!.token!,
    `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "夜間の救急搬送で服薬情報の確認が必要なため") { userErrors { code message } } }`,
    { id: ids.caseA },
  );

  const item = await gql(
    chair,
    `mutation ($m: ID!, $c: ID!) { addAgendaItem(input: { meetingId: $m, kind: CASE, title: "（架空）花子さん世帯の支援方針", presenterCode: "${LEAD}", caseId: $c }) { item { id } userErrors { code message } } }`,
    {
      m: ids.meeting,
      c: ids.caseA,
    },
  );
  const itemId = item.addAgendaItem.item.id as string;
  await gql(
    chair,
    `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: REPORT, title: "前回の対応状況", presenterCode: "${CHAIR}" }) { userErrors { code } } }`,
    { m: ids.meeting },
  );
  const opened = await gql(chair, `mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m: ids.meeting });
  expect(opened.startMeeting.userErrors).toEqual([]);
  const decided = await gql(
    chair,
    `mutation ($i: ID!) { recordDecision(itemId: $i, content: "（架空）花子さんの家計相談を継続する") { userErrors { code } } }`,
    { i: itemId },
  );
  expect(decided.recordDecision.userErrors).toEqual([]);
  await gql(
    chair,
    `mutation ($i: ID!) { createActionItem(input: { itemId: $i, title: "（架空）花子さん宅へ同行訪問", assigneeCode: "${UNPLEDGED}" }) { userErrors { code } } }`,
    { i: itemId },
  );
  await gql(
    chair,
    `mutation ($m: ID!) { draftMinutes(meetingId: $m, content: "（架空）花子さん世帯について協議した。") { userErrors { code } } }`,
    { m: ids.meeting },
  );
  // The meeting of the live subscriptions: its events (decisions on a report) change nothing that the
  // other operations read. The holder's organisation is a pledged member; the case is not disclosed to it.
  const live = await gql(
    chair,
    `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議（差分検査・ライブ）", startsAt: "2031-04-02T05:00:00Z", memberCodes: ["${LEAD}", "${PLEDGED}", "${GLASS_ORG}"] }) { meeting { id } userErrors { code message } } }`,
  );
  ids.liveMeeting = live.scheduleMeeting.meeting.id;
  for (const token of [CALLERS[2]!.token!, CALLERS[4]!.token!, lead, chair])
    await gql(token, `mutation ($m: ID!) { pledgeConfidentiality(meetingId: $m) { userErrors { code } } }`, { m: ids.liveMeeting });
  const disclosed = await gql(
    lead,
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${PLEDGED}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id: ids.caseA, m: ids.liveMeeting },
  );
  expect(disclosed.discloseToMeeting.userErrors).toEqual([]);
  const liveCase = await gql(
    chair,
    `mutation ($m: ID!, $c: ID!) { addAgendaItem(input: { meetingId: $m, kind: CASE, title: "（架空）花子さん世帯の経過", presenterCode: "${LEAD}", caseId: $c }) { userErrors { code message } } }`,
    { m: ids.liveMeeting, c: ids.caseA },
  );
  expect(liveCase.addAgendaItem.userErrors).toEqual([]);
  const liveReport = await gql(
    chair,
    `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: REPORT, title: "経過報告", presenterCode: "${CHAIR}" }) { item { id } userErrors { code } } }`,
    { m: ids.liveMeeting },
  );
  ids.liveReport = liveReport.addAgendaItem.item.id;
  // Its decisions are taken in session.
  const liveOpened = await gql(chair, `mutation ($m: ID!) { startMeeting(meetingId: $m) { userErrors { code } } }`, { m: ids.liveMeeting });
  expect(liveOpened.startMeeting.userErrors).toEqual([]);

  // A time, by the nature of `auditLog(to:)`, but no wait before it: each audit row of the fixture is
  // inserted (its `at` taken in this process) before the read it records is answered, and every read
  // of the test comes after this instant, so `to` (exclusive) keeps the former and none of the latter.
  ids.fixtureEnd = new Date().toISOString();
}, 120_000);
afterAll(() => stack?.close());

/** The gateway's fan-out replays so far (it runs in this process). */
const replays = async () =>
  (await metrics.fanOutRuns.get()).values.filter((v) => v.labels.kind === "replay").reduce((sum, v) => sum + v.value, 0);

describe("no caller ever receives another caller's view", () => {
  it(`answers every caller alike alone and in concurrent random interleavings (seed ${SEED})`, async () => {
    console.info(
      `differential authorisation test: seed ${SEED} (DIFFERENTIAL_SEED=${SEED} replays it), ${CALLERS.length} identities × ${OPERATIONS.length} operations × ${ROUNDS} rounds`,
    );
    const started = Date.now();
    const batchedBefore = await counted(metrics.upstreamBatchedCalls);
    const replaysBefore = await replays();
    const alone = new Map<string, string>();
    for (const caller of CALLERS) {
      for (const op of OPERATIONS) {
        const key = `${caller.name} / ${op.name}`;
        const value = await answer(caller, op);
        alone.set(key, value);
      }
    }
    for (const caller of CALLERS) for (const [key, value] of await liveAnswers([caller], [0])) alone.set(key, value);
    // Every operation is valid, and the fixture tells the callers apart, or the comparison proves nothing.
    for (const [key, value] of alone) expect(value, key).not.toContain("GRAPHQL_VALIDATION_FAILED");
    const caseAnswers = new Set(CALLERS.map((c) => alone.get(`${c.name} / case`)));
    expect(caseAnswers.size, [...caseAnswers].join("\n")).toBeGreaterThanOrEqual(5);
    expect(alone.get("break-glass holder / case")).toContain("架空 花子");
    expect(alone.get("colleague of the holder / case")).not.toContain("架空 花子");
    expect(alone.get("break-glass holder / agendaChanged")).toContain("架空 花子");
    expect(alone.get("colleague of the holder / agendaChanged")).not.toContain("架空 花子");
    // Both live streams have events, one view each: the holder's with the person, the colleague's without.
    for (const name of ["break-glass holder", "colleague of the holder"]) {
      const live = JSON.parse(alone.get(`${name} / liveAgenda`)!) as { distinct: string[]; failures: unknown[] };
      expect(live.distinct, name).toHaveLength(1);
      expect(live.failures, name).toEqual([]);
    }
    expect(alone.get("break-glass holder / liveAgenda")).toContain("架空 花子");
    expect(alone.get("colleague of the holder / liveAgenda")).not.toContain("架空 花子");

    const random = generator(SEED);
    const differences: string[] = [];
    let calls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every caller sends every operation at once, in a shuffled order with small random offsets,
      // so identical documents and variables from different callers are in flight together.
      const pairs = shuffle(
        CALLERS.flatMap((caller) => OPERATIONS.map((op) => ({ caller, op }))),
        random,
      );
      // And every caller's live subscription, at once with the rest, in its own shuffled order.
      const liveOrder = shuffle(CALLERS, random);
      const liveOffsets = liveOrder.map(() => Math.floor(random() * 4));
      const [live, ...results] = await Promise.all([
        liveAnswers(liveOrder, liveOffsets),
        ...pairs.map(async ({ caller, op }, i) => {
          // Time by nature: the seeded offsets are what make requests overlap in varied orders.
          await sleep(Math.floor(random() * 4) + (i % 3 === 0 ? 0 : 1));
          const key = `${caller.name} / ${op.name}`;
          return { key, value: await answer(caller, op) };
        }),
      ]);
      results.push(...[...(live as Map<string, string>)].map(([key, value]) => ({ key, value })));
      calls += results.length;
      for (const { key, value } of results) {
        if (value !== alone.get(key)) differences.push(`round ${round}: ${key}\n  alone:      ${alone.get(key)}\n  concurrent: ${value}`);
      }
    }
    console.info(
      `differential authorisation test: ${calls} concurrent answers, ${differences.length} differences, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(differences.slice(0, 20), `seed ${SEED}: ${differences.length} differences`).toEqual([]);
    // The subscriptions' calls for the case went to the cases subgraph in batches (several people's
    // calls in one request, each signed and answered on its own): what was compared ran that way.
    expect(await counted(metrics.upstreamBatchedCalls)).toBeGreaterThan(batchedBefore);
    // And people of one organisation and roles (the holder and the colleague among them) ran as one
    // group per event, set apart by their answers from the cases subgraph (a replay for the one not
    // answered as the group's first): what was compared ran that way (`gateway/src/personal-fanout.ts`).
    expect(await replays()).toBeGreaterThan(replaysBefore);
  }, 300_000);

  it("leaves an audit row under each person who read the case, and none under those who could not", async () => {
    const auditor = CALLERS.find((c) => c.name === "auditor")!;
    const rows = (
      await gql(auditor.token!, `query ($c: ID) { auditLog(caseId: $c, first: 500) { edges { node { subject ground flagged } } } }`, {
        c: ids.caseA,
      })
    ).auditLog.edges.map((e: { node: { subject: string; ground: string; flagged: boolean } }) => e.node) as {
      subject: string;
      ground: string;
      flagged: boolean;
    }[];
    const subjects = new Set(rows.map((r) => r.subject));
    for (const name of ["lead agency", "pledged member", "break-glass holder"])
      expect(subjects, name).toContain(CALLERS.find((c) => c.name === name)!.sub);
    for (const name of ["outsider", "colleague of the holder", "analyst"])
      expect(subjects, name).not.toContain(CALLERS.find((c) => c.name === name)!.sub);
    expect(rows.filter((r) => r.subject === "glass-holder").every((r) => r.flagged)).toBe(true);
  });
});
