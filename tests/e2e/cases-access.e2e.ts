import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { openCase as openCaseAs } from "../helpers/cases.js";
import { bearer, post, signedHeaders, wsClient } from "../helpers/client.js";
import { startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";
import { collect, untilAll } from "../helpers/subscriptions.js";

/**
 * The authorisation matrix: for every organisation of the directory and each ground, what can be
 * read through the gateway (query), by `_entities` (straight to the cases subgraph, signed as the
 * gateway signs) and by subscription. Zero leaks, and every successful read audited.
 */
const LEAD = "self-reliance-support-agency";
const X = "choju-shien"; // the organisation each scenario grants (or withholds) a ground to; it may hold the emergency role
const X_USER = "user-choju-shien";
const X_GLASS_USER = "choju-shien-emergency";
const CHAIR = "seikatsu-fukushi"; // chairs 支援会議

let stack: Stack;
let leadToken: string;
const ids: Record<string, string> = {};
let orgCodes: string[] = [];

async function gql(query: string, variables: Record<string, unknown> = {}, token = leadToken) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const openCase = () => openCaseAs((q, v) => gql(q, v), { name: "架空 次郎" });

const consent = async (caseId: string, orgs: string[], covers: boolean, kinds = ["BASIC", "CONSULTATION"]) =>
  (
    await gql(
      `mutation ($id: ID!, $orgs: [String!]!, $kinds: [InfoKind!]!, $covers: Boolean!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: $orgs, infoKinds: $kinds, coversMultiLayeredMeeting: $covers, givenOn: $d }) { case { consents { id withdrawnAt } } userErrors { code } } }`,
      { id: caseId, orgs, kinds, covers, d: tokyoDate() },
    )
  ).recordConsent.case.consents.at(-1).id as string;
const withdraw = (consentId: string) =>
  gql(`mutation ($id: ID!) { withdrawConsent(consentId: $id) { userErrors { code } } }`, { id: consentId });
const disclose = async (caseId: string, kind: string, meetingId: string) => {
  const d = await gql(
    `mutation ($id: ID!, $k: DisclosureKind!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: $k, meetingId: $m, organizationCodes: ["${X}"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id: caseId, k: kind, m: meetingId },
  );
  expect(d.discloseToMeeting.userErrors).toEqual([]);
};

/** Which scenarios each caller may see. */
function expected(org: string, sub: string): Set<string> {
  if (org === LEAD) return new Set(Object.keys(ids));
  if (org !== X) return new Set();
  const visible = ["assignment", "supportMeeting", "multiLayeredWithConsent", "multiLayeredPlanOnly", "consent"];
  if (sub === X_GLASS_USER) visible.push("breakGlass");
  return new Set(visible);
}

beforeAll(async () => {
  stack = await startStack();
  leadToken = await stack.token(LEAD, ["staff"]);
  orgCodes = (await gql(`{ organizations { code } }`)).organizations.map((o: { code: string }) => o.code);

  const chair = await stack.token(CHAIR, ["chair"]);
  const meeting = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-03-01T05:00:00Z", memberCodes: ["${X}", "${LEAD}"] }) { meeting { id } } }`,
      {},
      chair,
    )
  ).scheduleMeeting.meeting.id;
  ids.meeting = meeting;
  // A 重層的支援会議 sitting (chaired by 市社協): disclosures must match their meeting's body kind.
  const multiLayered = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "multi-layered-support-meeting", title: "重層的支援会議", startsAt: "2031-03-01T06:00:00Z", memberCodes: ["${X}", "${LEAD}"] }) { meeting { id } } }`,
      {},
      await stack.token("shakyo", ["chair"]),
    )
  ).scheduleMeeting.meeting.id;
  // X pledges confidentiality for both: a case is disclosed to members that pledged only.
  const xToken = await stack.token(X, ["staff"]);
  for (const id of [meeting, multiLayered])
    await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id }, xToken);

  ids.none = await openCase();
  ids.assignment = await openCase();
  await gql(`mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${X}", role: SUPPORT) { userErrors { code } } }`, {
    id: ids.assignment,
  });
  ids.supportMeeting = await openCase();
  await disclose(ids.supportMeeting, "SUPPORT_MEETING", meeting);
  ids.multiLayeredWithConsent = await openCase();
  await consent(ids.multiLayeredWithConsent, [], true);
  await disclose(ids.multiLayeredWithConsent, "MULTI_LAYERED_SUPPORT_MEETING", multiLayered);
  // A consent covering the 重層的支援会議 for the plan only: the meeting sees the plan, not the person's details.
  ids.multiLayeredPlanOnly = await openCase();
  await consent(ids.multiLayeredPlanOnly, [], true, ["PLAN"]);
  await disclose(ids.multiLayeredPlanOnly, "MULTI_LAYERED_SUPPORT_MEETING", multiLayered);
  ids.multiLayeredConsentWithdrawn = await openCase();
  const ml = await consent(ids.multiLayeredConsentWithdrawn, [], true);
  await disclose(ids.multiLayeredConsentWithdrawn, "MULTI_LAYERED_SUPPORT_MEETING", multiLayered);
  await withdraw(ml);
  ids.consent = await openCase();
  await consent(ids.consent, [X], false);
  ids.consentWithdrawn = await openCase();
  await withdraw(await consent(ids.consentWithdrawn, [X], false));
  ids.breakGlass = await openCase();
  // X has no relationship with the case: break-glass needs the designated emergency role.
  const glass = await stack.token(X, ["staff", "emergency"], X_GLASS_USER);
  await gql(
    `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "夜間に本人の所在確認が必要になったため") { userErrors { code } } }`,
    { id: ids.breakGlass },
    glass,
  );
  delete ids.meeting;
  ids.meetingId = meeting;
  ids.multiLayeredMeetingId = multiLayered;
});
afterAll(() => stack?.close());

const scenarios = () => Object.keys(ids).filter((k) => k !== "meetingId" && k !== "multiLayeredMeetingId");

describe("who may see a case, for every organisation of the directory", () => {
  it("gives each of many concurrent identical reads its own answer: nothing is shared between callers in flight", async () => {
    const query = `query Race($id: ID!) { case(id: $id) { id grounds } }`;
    const callers: [string, string, boolean][] = [
      [LEAD, "race-lead", true],
      [X, "race-x", true],
      ["nozei", "race-nozei", false],
    ];
    const tokens = await Promise.all(callers.map(([org, sub]) => stack.token(org, ["staff"], sub)));
    // A case of its own (the audit test below counts the readers of the scenarios' cases).
    const raced = await openCase();
    await gql(`mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "${X}", role: SUPPORT) { userErrors { code } } }`, {
      id: raced,
    });
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => i % callers.length).map(async (i) => ({
          sees: callers[i]![2],
          res: await post(stack.gateway.url, query, { id: raced }, bearer(tokens[i]!)),
        })),
      );
      for (const { sees, res } of answers) {
        expect(res.errors).toBeUndefined();
        if (sees) expect(res.data!.case).toMatchObject({ id: raced });
        else expect(res.data!.case).toBeNull();
      }
    }
  });

  it("answers queries through the gateway on the grounds only, for all organisations", async () => {
    expect(orgCodes.length).toBeGreaterThan(100);
    const names = scenarios();
    const query = `query (${names.map((n) => `$${n}: ID!`).join(", ")}) { ${names.map((n) => `${n}: case(id: $${n}) { id grounds mainPerson { name } }`).join(" ")} }`;
    const variables = Object.fromEntries(names.map((n) => [n, ids[n]]));
    const callers: [string, string][] = [...orgCodes.map((o) => [o, `user-${o}`] as [string, string]), [X, X_GLASS_USER]];
    const leaks: string[] = [];
    const misses: string[] = [];
    for (const [org, sub] of callers) {
      const data = await gql(query, variables, await stack.token(org, ["staff"], sub));
      const want = expected(org, sub);
      for (const n of names) {
        if (data[n] && !want.has(n)) leaks.push(`${org}/${sub}:${n}`);
        if (!data[n] && want.has(n)) misses.push(`${org}/${sub}:${n}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(misses).toEqual([]);
  });

  it("names the right ground for each scenario", async () => {
    const d = await gql(
      `query ($a: ID!, $s: ID!, $m: ID!, $c: ID!) { a: case(id: $a) { grounds } s: case(id: $s) { grounds visibleInformation } m: case(id: $m) { grounds visibleInformation } c: case(id: $c) { grounds consultations { id } progress { id } } }`,
      { a: ids.assignment, s: ids.supportMeeting, m: ids.multiLayeredWithConsent, c: ids.consent },
      await stack.token(X),
    );
    expect(d.a.grounds).toEqual(["ASSIGNMENT"]);
    expect(d.s.grounds).toEqual(["SUPPORT_MEETING"]);
    expect(d.s.visibleInformation.sort()).toEqual(["ASSESSMENT", "BASIC", "PLAN"]);
    expect(d.m.grounds).toEqual(["MULTI_LAYERED_SUPPORT_MEETING"]);
    // The 重層的支援会議 shows of what a meeting is shown only what the covering consent names.
    expect(d.m.visibleInformation).toEqual(["BASIC"]);
    // Consent discloses the kinds it names, and nothing else.
    expect(d.c).toMatchObject({ grounds: ["CONSENT"], progress: null });
    expect(d.c.consultations).toHaveLength(1);
  });

  it("limits a 重層的支援会議 to the kinds its covering consent names, and refuses a disclosure the consent names none of", async () => {
    const x = await stack.token(X);
    const planOnly = (
      await gql(
        `query ($id: ID!) { case(id: $id) { grounds visibleInformation mainPerson { name } supportPlans { id } assessments { id } } }`,
        { id: ids.multiLayeredPlanOnly },
        x,
      )
    ).case;
    expect(planOnly).toMatchObject({
      grounds: ["MULTI_LAYERED_SUPPORT_MEETING"],
      visibleInformation: ["PLAN"],
      mainPerson: null,
    });
    expect(planOnly.supportPlans).toEqual([]);
    expect(planOnly.assessments).toBeNull();
    // A consent for consultations only covers nothing the meeting is shown: no disclosure.
    const consultationOnly = await openCase();
    await consent(consultationOnly, [], true, ["CONSULTATION"]);
    const refused = await gql(
      `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: MULTI_LAYERED_SUPPORT_MEETING, meetingId: $m, organizationCodes: ["${X}"], purpose: "支援方針の協議" }) { userErrors { code message } } }`,
      { id: consultationOnly, m: ids.multiLayeredMeetingId },
    );
    expect(refused.discloseToMeeting.userErrors).toMatchObject([{ code: "CONSENT_REQUIRED" }]);
    expect((await gql(`query ($id: ID!) { case(id: $id) { id } }`, { id: consultationOnly }, x)).case).toBeNull();
  });

  it("answers _entities on the cases subgraph with the same grounds", async () => {
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id caseNumber } } }`;
    const names = scenarios();
    const representations = names.map((n) => ({ __typename: "Case", id: ids[n] }));
    const leaks: string[] = [];
    for (const org of orgCodes) {
      const res = await post(
        stack.subgraphs.cases!.url,
        ENTITIES,
        { r: representations },
        signedHeaders("cases", { sub: `user-${org}`, org, roles: ["staff"] }, TEST_SECRET, ENTITIES, { r: representations }),
      );
      const want = expected(org, `user-${org}`);
      res.data!._entities.forEach((e: unknown, i: number) => {
        if (!!e !== want.has(names[i]!)) leaks.push(`${org}:${names[i]}:${e ? "seen" : "hidden"}`);
      });
    }
    expect(leaks).toEqual([]);
  });

  it("delivers case events by subscription only on a ground", async () => {
    const names = scenarios();
    const callers: [string, string][] = [...orgCodes.map((o) => [o, `user-${o}`] as [string, string]), [X, X_GLASS_USER]];
    // Subscribing after a cursor read now closes graphql-ws's gap: nothing after it can be missed.
    const after = (await gql(`query ($id: ID!) { case(id: $id) { eventCursor } }`, { id: ids.none })).case.eventCursor as string;
    // One socket per caller carrying all its subscriptions, as a client application multiplexes them.
    const follow = (client: ReturnType<typeof wsClient>, n: string) =>
      collect<{ caseChanged: { kind: string; case: { id: string } } }>(
        stack.gateway.wsUrl,
        undefined,
        `subscription ($id: ID!, $after: String) { caseChanged(caseId: $id, after: $after) { kind case { id } } }`,
        { id: ids[n], after },
        client,
      );
    const subs = await Promise.all(
      callers.map(async ([org, sub]) => {
        const client = wsClient(stack.gateway.wsUrl, await stack.token(org, ["staff"], sub));
        const streams = names.map((n) => ({ n, c: follow(client, n) }));
        return { org, sub, client, streams };
      }),
    );
    try {
      for (const n of names) {
        await gql(
          `mutation ($id: ID!, $d: LocalDate!) { logProgress(input: { caseId: $id, date: $d, method: PHONE, staff: "担当", content: "電話で状況確認" }) { userErrors { code } } }`,
          { id: ids[n], d: tokyoDate() },
        );
      }
      // Some 900 streams over ~45 sockets: generous on a loaded machine; done as soon as every stream has answered.
      const done = () =>
        subs.every((s) => s.streams.every(({ n, c }) => (expected(s.org, s.sub).has(n) ? c.events.length > 0 : c.errors.length > 0)));
      // A stream without a ground was refused when it subscribed (NOT_FOUND ends it): once each has
      // answered, nothing more can arrive, so there is nothing to wait out.
      await untilAll(
        subs.flatMap((s) => s.streams.map(({ c }) => c)),
        done,
        60_000,
        "every stream to answer",
      );
      // A stream the transport interrupted on a loaded machine (SUBSCRIPTION_INTERRUPTED, retryable, no
      // event) is subscribed again from the same cursor, as the error tells a client to: its answer then
      // is the one judged (an event on a ground, NOT_FOUND without one).
      const retried: ReturnType<typeof follow>[] = [];
      for (const s of subs)
        for (const stream of s.streams) {
          if (stream.c.events.length || !JSON.stringify(stream.c.errors).includes("SUBSCRIPTION_INTERRUPTED")) continue;
          await stream.c.stop();
          retried.push((stream.c = follow(s.client, stream.n)));
        }
      if (retried.length)
        await untilAll(
          retried,
          () => retried.every((c) => c.events.length > 0 || c.errors.length > 0),
          60_000,
          "every retried stream to answer",
        );
      const leaks: string[] = [];
      const misses: string[] = [];
      for (const s of subs) {
        const want = expected(s.org, s.sub);
        for (const { n, c } of s.streams) {
          const got = c.events.length > 0;
          if (got && !want.has(n)) leaks.push(`${s.org}/${s.sub}:${n}`);
          if (!got && want.has(n)) misses.push(`${s.org}/${s.sub}:${n}`);
          if (!want.has(n)) expect(JSON.stringify(c.errors)).toContain("NOT_FOUND");
        }
      }
      expect(leaks).toEqual([]);
      expect(misses).toEqual([]);
    } finally {
      await Promise.all(subs.flatMap((s) => s.streams.map(({ c }) => c.stop())));
      await Promise.all(subs.map((s) => s.client.dispose()));
    }
  }, 120_000);

  it("audits every successful read and nothing else", async () => {
    const auditor = await stack.token("seikatsu-fukushi", ["auditor"]);
    for (const n of scenarios()) {
      const d = await gql(
        `query ($id: ID!) { auditLog(caseId: $id, first: 200) { edges { node { organizationCode subject ground flagged } } } }`,
        { id: ids[n] },
        auditor,
      );
      const readers = new Set<string>(
        d.auditLog.edges.map(
          (e: { node: { organizationCode: string; subject: string } }) => `${e.node.organizationCode}/${e.node.subject}`,
        ),
      );
      const allowed = new Set([`${LEAD}/user-${LEAD}`]);
      for (const sub of [X_USER, X_GLASS_USER]) if (expected(X, sub).has(n)) allowed.add(`${X}/${sub}`);
      expect([...readers].sort()).toEqual([...allowed].sort());
      const glass = d.auditLog.edges.filter((e: { node: { flagged: boolean } }) => e.node.flagged);
      expect(glass.length > 0).toBe(n === "breakGlass");
    }
  });
});

describe("withdrawal and meetings", () => {
  it("stops a subscription's events the moment consent is withdrawn", async () => {
    const id = await openCase();
    const consentId = await consent(id, [X], false);
    // From the case's cursor: no wait for the subscription to be in place, nothing after it is missed.
    const after = (await gql(`query ($id: ID!) { case(id: $id) { eventCursor } }`, { id })).case.eventCursor as string;
    const stream = collect<{ caseChanged: { kind: string; cursor: string } }>(
      stack.gateway.wsUrl,
      await stack.token(X),
      `subscription ($id: ID!, $after: String) { caseChanged(caseId: $id, after: $after) { kind cursor case { id } } }`,
      { id, after },
    );
    const lead = collect<{ caseChanged: { kind: string; cursor: string } }>(
      stack.gateway.wsUrl,
      leadToken,
      `subscription ($id: ID!, $after: String) { caseChanged(caseId: $id, after: $after) { kind cursor case { id } } }`,
      { id, after },
    );
    const progress = (content: string) =>
      gql(
        `mutation ($id: ID!, $d: LocalDate!, $c: String!) { logProgress(input: { caseId: $id, date: $d, method: PHONE, staff: "担当", content: $c }) { userErrors { code } } }`,
        { id, d: tokyoDate(), c: content },
      );
    try {
      await progress("一回目");
      await stream.waitFor(1);
      await withdraw(consentId);
      await progress("撤回後");
      // Nothing more may arrive. X's stream is woken by the same notification as the lead's and takes
      // its events in order: once the lead has a later record still, X's has decided on this one.
      const leadRecords = (n: number) =>
        lead.until((l) => l.events.filter((e) => e.caseChanged.kind === "RECORD_ADDED").length >= n, 20_000);
      await leadRecords(2);
      await progress("撤回後の二回目");
      await leadRecords(3);
      expect(stream.events.map((e) => e.caseChanged.kind)).toEqual(["RECORD_ADDED"]);
      expect((await gql(`query ($id: ID!) { case(id: $id) { id } }`, { id }, await stack.token(X))).case).toBeNull();
    } finally {
      await stream.stop();
      await lead.stop();
    }
  });

  it("refuses a case item on 福祉まるごと会議, accepts it on 支援会議, and shows the case there to pledged members with a ground", async () => {
    const council = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-03-02T05:00:00Z" }) { meeting { id } } }`,
        {},
        await stack.token("fukushi-suishin-bu", ["chair"]),
      )
    ).scheduleMeeting.meeting.id;
    const add = (meetingId: string, token: string) =>
      gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } userErrors { code message } } }`,
        { i: { meetingId, kind: "CASE", title: "ケース検討", caseId: ids.supportMeeting } },
        token,
      );
    const refused = await add(council, await stack.token("fukushi-suishin-bu", ["chair"]));
    expect(refused.addAgendaItem).toMatchObject({ item: null, userErrors: [{ code: "CASE_ITEM_NOT_ALLOWED" }] });
    const accepted = await add(ids.meetingId!, await stack.token(CHAIR, ["chair"]));
    expect(accepted.addAgendaItem.userErrors).toEqual([]);

    // X pledged before the case was disclosed to it (a disclosure names members that pledged only).
    const x = await stack.token(X);
    const agenda = `query ($id: ID!) { meeting(id: $id) { agenda { kind redacted case { caseNumber grounds } } } }`;
    const seen = (await gql(agenda, { id: ids.meetingId }, x)).meeting.agenda[0];
    expect(seen.redacted).toBe(false);
    expect(seen.case.grounds).toEqual(["SUPPORT_MEETING"]);
    // And back from the case: the meetings it was discussed in.
    const back = await gql(`query ($id: ID!) { case(id: $id) { meetings { id } } }`, { id: ids.supportMeeting }, x);
    expect(back.case.meetings).toEqual([{ id: ids.meetingId }]);
  });
});
