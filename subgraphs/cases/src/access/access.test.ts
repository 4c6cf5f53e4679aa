import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLObjectType } from "graphql";
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  batchUrlOf,
  captureLogs,
  IDENTITY_HEADER,
  MAX_BATCH_CALLS,
  repoRoot,
  SIGNATURE_HEADER,
  signIdentity,
  tokyoDate,
} from "@marugoto/shared";
import { post as httpPost, signedHeaders } from "../../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../../tests/helpers/stack.js";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { metrics } from "@marugoto/shared";
import { CASE_FIELD_KINDS } from "../case/case-fields.js";
import { CaseService } from "../case/case.service.js";
import { AccessService } from "./access.service.js";
import { buildCasesSchema } from "../schema.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";

/** Calls of batches answered with another person's run (`marugoto_graphql_answers_alike_total`). */
const answersAlike = async () => (await metrics.answersAlike.get()).values.reduce((n, v) => n + v.value, 0);
const today = tokyoDate();
const REASON = "本人が救急搬送され、服薬情報の確認が必要なため";

async function openCase(): Promise<string> {
  const res = await sg.query(
    `mutation ($input: ReceiveConsultationInput!) { receiveConsultation(input: $input) { case { id } userErrors { code } } }`,
    {
      input: {
        receivedOn: today,
        takenBy: "相談員A",
        sourceKind: "AGENCY",
        problemAreas: ["DEBT"],
        mainProblemArea: "DEBT",
        consentAnswer: "GIVEN",
        person: { name: "架空 花子", sex: "FEMALE" },
        narrative: "借金の相談",
      },
    },
    LEAD,
  );
  expect(res.data!.receiveConsultation.userErrors).toEqual([]);
  return res.data!.receiveConsultation.case.id;
}

const disclose = (id: string, org: string, kind = "SUPPORT_MEETING") =>
  sg.query(
    `mutation ($id: ID!, $kind: DisclosureKind!, $m: ID!, $orgs: [String!]!) { discloseToMeeting(input: { caseId: $id, kind: $kind, meetingId: $m, organizationCodes: $orgs, purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id, kind, m: randomUUID(), orgs: [org] },
    LEAD,
  );

const consent = (id: string, orgs: string[], kinds: string[]) =>
  sg.query(
    `mutation ($id: ID!, $orgs: [String!]!, $kinds: [InfoKind!]!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: $orgs, infoKinds: $kinds, coversMultiLayeredMeeting: false, givenOn: $d }) { case { consents { id } } userErrors { code } } }`,
    { id, orgs, kinds, d: today },
    LEAD,
  );

const breakGlass = (id: string, org: string, sub = `user-${org}`, roles = ["staff"]) =>
  as(
    sub,
    org,
    roles,
    `mutation ($id: ID!, $r: String!) { breakGlass(caseId: $id, reason: $r) { case { grounds } userErrors { code message } } }`,
    { id, r: REASON },
  );

/** A call as a given person. */
function as(sub: string, org: string, roles: string[], query: string, variables: Record<string, unknown> = {}) {
  return httpPost(sg.running.url, query, variables, signedHeaders("cases", { sub, org, roles }, TEST_SECRET, query, variables));
}

/** A call with the operation's name in the body, as the gateway sends it. */
async function named(query: string, variables: Record<string, unknown>, org: string) {
  const operationName = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)![1];
  const body = JSON.stringify({ query, variables, operationName });
  const signed = signIdentity({ sub: `user-${org}`, org, roles: ["staff"] }, TEST_SECRET, { kind: "http", subgraph: "cases", body });
  const res = await fetch(sg.running.url, {
    method: "POST",
    headers: { "content-type": "application/json", [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature },
    body,
  });
  return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

async function auditOf(id: string, org: string) {
  const res = await sg.query(
    `query ($id: ID!) { auditLog(caseId: $id, organizationCode: "${org}", first: 100) { edges { node { ground operation flagged } } } }`,
    { id },
    "seikatsu-fukushi",
    ["auditor"],
  );
  return res.data!.auditLog.edges.map((e: { node: unknown }) => e.node) as { ground: string; operation: string; flagged: boolean }[];
}

describe("the audit names the ground that disclosed what was read", () => {
  it("writes a flagged BREAK_GLASS row when a kind only break-glass discloses is read beside a 支援会議 ground", async () => {
    const id = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    expect((await breakGlass(id, "kaigo-hoken")).data!.breakGlass.userErrors).toEqual([]);

    // Meeting kinds only: the 支援会議 ground discloses them; nothing is flagged.
    const basic = await named(`query BasicOnly($id: ID!) { case(id: $id) { grounds assessments { id } } }`, { id }, "kaigo-hoken");
    expect(basic.data!.case.grounds).toEqual(["SUPPORT_MEETING", "BREAK_GLASS"]);
    let rows = (await auditOf(id, "kaigo-hoken")).filter((r) => r.operation.startsWith("BasicOnly"));
    expect(rows).toEqual([{ ground: "SUPPORT_MEETING", operation: "BasicOnly:case", flagged: false }]);

    // Consultations: only break-glass discloses them, so the read is BREAK_GLASS and flagged.
    const read = await named(`query ReadConsultations($id: ID!) { case(id: $id) { consultations { narrative } } }`, { id }, "kaigo-hoken");
    expect(read.data!.case.consultations).toEqual([{ narrative: "借金の相談" }]);
    rows = (await auditOf(id, "kaigo-hoken")).filter((r) => r.operation.startsWith("ReadConsultations"));
    expect(rows).toContainEqual({ ground: "BREAK_GLASS", operation: "ReadConsultations:case", flagged: true });
  });

  it("returns nothing of a case whose audit row cannot be written: the read fails", async () => {
    const id = await openCase();
    // A trigger refuses this operation's audit rows, as a full disk or a lost connection would.
    await sg.running.em.execute(`create or replace function cases.refuse_test_audit() returns trigger language plpgsql as $$
      begin if new.operation like 'AuditRefused:%' then raise exception 'audit refused (test)'; end if; return new; end $$`);
    await sg.running.em.execute(
      `create trigger refuse_test_audit before insert on cases.audit_entry for each row execute function cases.refuse_test_audit()`,
    );
    try {
      // The case's id alone (no field of an information kind, which would audit again): the read itself must fail.
      const bare = await named(`query AuditRefused($id: ID!) { case(id: $id) { id } }`, { id }, LEAD);
      expect(bare.data?.case ?? null).toBeNull();
      expect(bare.errors).toHaveLength(1);
      const refused = await named(`query AuditRefused($id: ID!) { case(id: $id) { caseNumber status } }`, { id }, LEAD);
      expect(refused.data?.case ?? null).toBeNull();
      expect(JSON.stringify(refused)).not.toMatch(/caseNumber":"|"status":"/);
      const read = await named(`query AuditKept($id: ID!) { case(id: $id) { caseNumber } }`, { id }, LEAD);
      expect(read.data!.case.caseNumber).toMatch(/^\d{4}-\d{5}$/);
    } finally {
      await sg.running.em.execute(`drop trigger refuse_test_audit on cases.audit_entry`);
      await sg.running.em.execute(`drop function cases.refuse_test_audit()`);
    }
  });

  it("writes the audit rows of a batch of cases in one statement", async () => {
    const ids = [await openCase(), await openCase(), await openCase()];
    const query = `query ($a: ID!, $b: ID!, $c: ID!) { a: case(id: $a) { consultations { id } } b: case(id: $b) { consultations { id } } c: case(id: $c) { consultations { id } } }`;
    const before = sg.running.counter.count;
    await sg.query(query, { a: ids[0], b: ids[1], c: ids[2] }, LEAD);
    const statements = sg.running.counter.statements.slice(before);
    const inserts = statements.filter((s) => /insert into "?cases"?\."?audit_entry"?/i.test(s));
    expect(inserts).toHaveLength(1);
    // The same statement reads the three cases' rows: none is read without its audit row.
    expect(statements.filter((s) => /from "?cases"?\."?support_case"?/i.test(s))).toEqual(inserts);
  });

  it("reads the grounds of a batch of cases in one statement, and a malformed id holds none", async () => {
    const ids = [await openCase(), await openCase(), await openCase()];
    const query = `query ($a: ID!, $b: ID!, $c: ID!, $d: ID!) { a: case(id: $a) { id } b: case(id: $b) { id } c: case(id: $c) { id } d: case(id: $d) { id } }`;
    const before = sg.running.counter.count;
    const res = await sg.query(query, { a: ids[0], b: ids[1], c: ids[2], d: "not-a-case-id" }, LEAD);
    expect(res.errors).toBeUndefined();
    expect([res.data!.a?.id, res.data!.b?.id, res.data!.c?.id, res.data!.d]).toEqual([...ids, null]);
    const statements = sg.running.counter.statements.slice(before);
    const groundReads = statements.filter((s) => /from "?cases"?\."?(assignment|consent|disclosure|break_glass)\b/i.test(s));
    expect(groundReads).toHaveLength(1);
  });
});

describe("concurrent requests share their statements, never their answers", () => {
  /** A request's services as the subgraph builds them for a caller: its own ORM context. */
  const readerOf = (sub: string, org: string) => {
    const em = sg.running.em.fork();
    const identity = { sub, org, roles: ["staff"] };
    return { em, cases: new CaseService(em, identity, new AccessService(em, identity, "SharedRead")) };
  };
  const callerOf = (sub: string, org: string) => readerOf(sub, org).cases;
  const groundReads = (statements: string[]) =>
    statements.filter((s) => /from "?cases"?\."?(assignment|consent|disclosure|break_glass)\b/i.test(s));
  const auditInserts = (statements: string[]) => statements.filter((s) => /insert into "?cases"?\."?audit_entry"?/i.test(s));

  it("decides and audits each caller's read on its own grounds, in one ground statement and one audited read for all", async () => {
    const id = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    expect((await breakGlass(id, "nozei", "glass-nozei", ["staff", "emergency"])).data!.breakGlass.userErrors).toEqual([]);
    const callers = {
      lead: callerOf(`user-${LEAD}`, LEAD),
      meeting: callerOf("user-kaigo-hoken", "kaigo-hoken"),
      glass: callerOf("glass-nozei", "nozei"),
      // The same organisation as the break-glass, another person: the glass is personal.
      colleague: callerOf("colleague-nozei", "nozei"),
      // The person who broke the glass, under another organisation: it was broken for 納税課 only.
      elsewhere: callerOf("glass-nozei", "koho"),
      none: callerOf("user-koho", "koho"),
    };
    const before = sg.running.counter.count;
    const views = await Promise.all(Object.values(callers).map((c) => c.read(id, "case")));
    const statements = sg.running.counter.statements.slice(before);
    expect(Object.fromEntries(Object.keys(callers).map((k, i) => [k, views[i]?.access.grounds ?? null]))).toEqual({
      lead: ["ASSIGNMENT"],
      meeting: ["SUPPORT_MEETING"],
      glass: ["BREAK_GLASS"],
      colleague: null,
      elsewhere: null,
      none: null,
    });
    expect(views[0]!.row.id).toBe(id);
    expect(groundReads(statements)).toHaveLength(1);
    expect(auditInserts(statements)).toHaveLength(1);
    // One audit row per reader, under its own name, organisation and ground; none for those refused.
    const rows = await sg.running.em.execute<{ subject: string; organization_code: string; ground: string; flagged: boolean }[]>(
      `select subject, organization_code, ground, flagged from cases.audit_entry where case_id = ? and operation = 'SharedRead:case'`,
      [id],
    );
    expect(rows.sort((a, b) => a.ground.localeCompare(b.ground))).toEqual([
      { subject: `user-${LEAD}`, organization_code: LEAD, ground: "ASSIGNMENT", flagged: false },
      { subject: "glass-nozei", organization_code: "nozei", ground: "BREAK_GLASS", flagged: true },
      { subject: "user-kaigo-hoken", organization_code: "kaigo-hoken", ground: "SUPPORT_MEETING", flagged: false },
    ]);
  });

  it("gives each reader its own frozen copy of the case's row, converted as the entity's, and nothing in its identity map", async () => {
    const id = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    const readers = [readerOf(`user-${LEAD}`, LEAD), readerOf("user-kaigo-hoken", "kaigo-hoken")];
    const [lead, member] = await Promise.all(readers.map((r) => r.cases.read(id, "case")));
    const [stored] = await sg.running.em.execute<{ case_number: string; household_id: string; main_person_id: string }[]>(
      `select case_number, household_id, main_person_id from cases.support_case where id = ?`,
      [id],
    );
    expect(lead!.row).toEqual({
      id,
      caseNumber: stored!.case_number,
      status: "RECEIVED",
      complex: null,
      openedOn: today,
      nextReviewDate: null,
      closedAt: null,
      collaborationEndedAt: null,
      household: { id: stored!.household_id },
      mainPerson: { id: stored!.main_person_id },
    });
    expect(member!.row).toEqual(lead!.row);
    expect(member!.row).not.toBe(lead!.row);
    expect(Object.isFrozen(lead!.row) && Object.isFrozen(lead!.row.household)).toBe(true);
    for (const r of readers) expect(r.em.getUnitOfWork().getIdentityMap().values()).toEqual([]);
  });

  it("answers a batch of calls each as if it came alone: its own signature, grounds, audit row and answer", async () => {
    const id = await openCase();
    const other = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    const query = `query BatchedRead($id: ID!) { case(id: $id) { id grounds } }`;
    const bodyFor = (caseId: string) => JSON.stringify({ query, variables: { id: caseId }, operationName: "BatchedRead" });
    const signedCall = (sub: string, org: string, body: string) => {
      const signed = signIdentity({ sub, org, roles: ["staff"] }, TEST_SECRET, { kind: "http", subgraph: "cases", body });
      return { headers: { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature }, body };
    };
    const lead = signedCall(`user-${LEAD}`, LEAD, bodyFor(id));
    const calls = [
      lead,
      signedCall("user-kaigo-hoken", "kaigo-hoken", bodyFor(id)),
      signedCall("user-koho", "koho", bodyFor(id)),
      // The lead's signature on a body that asks for another case: it was made for other bytes.
      { headers: lead.headers, body: bodyFor(other) },
      { headers: {}, body: bodyFor(id) },
    ];
    const sendBatch = (batch: unknown) =>
      fetch(batchUrlOf(sg.running.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) });
    const before = sg.running.counter.count;
    const res = await sendBatch({ calls });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: number; body: string }[] };
    const statements = sg.running.counter.statements.slice(before);
    const answers = results.map((r) => ({
      status: r.status,
      ...(JSON.parse(r.body) as { data?: unknown; errors?: { extensions: { code: string } }[] }),
    }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 401, 401]);
    expect(answers.slice(0, 3).map((a) => a.data)).toEqual([
      { case: { id, grounds: ["ASSIGNMENT"] } },
      { case: { id, grounds: ["SUPPORT_MEETING"] } },
      { case: null },
    ]);
    expect(answers.slice(3).map((a) => [a.data ?? null, a.errors?.[0]?.extensions.code])).toEqual([
      [null, "UNAUTHENTICATED"],
      [null, "UNAUTHENTICATED"],
    ]);
    // The three signed calls ran side by side: one ground statement and one audited read for them all.
    expect(groundReads(statements)).toHaveLength(1);
    expect(auditInserts(statements)).toHaveLength(1);
    const rows = await sg.running.em.execute<{ subject: string; ground: string }[]>(
      `select subject, ground from cases.audit_entry where case_id = ? and operation like 'BatchedRead:%'`,
      [id],
    );
    expect(rows.map((r) => `${r.subject} ${r.ground}`).sort()).toEqual(["user-kaigo-hoken SUPPORT_MEETING", `user-${LEAD} ASSIGNMENT`]);
    // A signature is used once, in a batch as alone.
    const again = (await (await sendBatch({ calls: [lead] })).json()) as { results: { status: number }[] };
    expect(again.results.map((r) => r.status)).toEqual([401]);
    // A signed call that is not JSON, or carries NUL, is refused as it would be alone; an unsigned one is
    // refused as unauthenticated before its body is read at all; their neighbours still run.
    const refusedCalls = (await (
      await sendBatch({
        calls: [
          { headers: {}, body: "{not json" },
          signedCall("user-kaigo-hoken", "kaigo-hoken", "{not json either"),
          signedCall("user-kaigo-hoken", "kaigo-hoken", JSON.stringify({ query, variables: { id: "a\u0000b" } })),
          signedCall("user-kaigo-hoken", "kaigo-hoken", bodyFor(id)),
        ],
      })
    ).json()) as { results: { status: number; body: string }[] };
    expect(
      refusedCalls.results.map((r) => [
        r.status,
        (JSON.parse(r.body) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code ?? null,
      ]),
    ).toEqual([
      [401, "UNAUTHENTICATED"],
      [400, "BAD_REQUEST"],
      [400, "BAD_USER_INPUT"],
      [200, null],
    ]);
    // Not a batch: refused whole.
    for (const wrong of [
      { calls: [] },
      { calls: "x" },
      { calls: [{ body: 1 }] },
      // A body by place that names none, or places without a list of bodies.
      { bodies: [bodyFor(id)], calls: [{ headers: lead.headers, body: 1 }] },
      { calls: [{ headers: lead.headers, body: 0 }] },
      { bodies: bodyFor(id), calls: [{ headers: lead.headers, body: 0 }] },
      { calls: Array.from({ length: MAX_BATCH_CALLS + 1 }, () => lead) },
    ])
      expect((await sendBatch(wrong)).status).toBe(400);
  });

  it("runs alike calls of a batch once and gives the answer only to those holding exactly the same access, each audited as their own", async () => {
    const id = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    const emergency = ["staff", "emergency"];
    expect((await breakGlass(id, "nozei", "glass-holder", emergency)).data!.breakGlass.userErrors).toEqual([]);
    // Header fields, a kind a 支援会議 discloses (ASSESSMENT) and one it does not (CONSULTATION).
    const fields = `id caseNumber grounds complex consultations { id }`;
    const body = JSON.stringify({ query: `query AlikeRead($id: ID!) { case(id: $id) { ${fields} } }`, variables: { id } });
    const signedCall = (sub: string, org: string, roles: string[]) => {
      const signed = signIdentity({ sub, org, roles }, TEST_SECRET, { kind: "http", subgraph: "cases", body });
      return { headers: { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature }, body };
    };
    type Person = readonly [sub: string, org: string, roles: string[]];
    const answered = async (people: Person[]) => {
      const res = await fetch(batchUrlOf(sg.running.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ calls: people.map(([sub, org, roles]) => signedCall(sub, org, roles)) }),
      });
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as { results: { status: number; body: string }[] };
      expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
      return results.map((r) => JSON.parse(r.body) as unknown);
    };
    const { caseNumber, complex, consultations } = (await sg.query(`query ($id: ID!) { case(id: $id) { ${fields} } }`, { id }, LEAD)).data!
      .case;
    expect(consultations).toHaveLength(1);
    const seen = (grounds: string[]) => ({
      data: { case: { id, caseNumber, grounds, complex, consultations: grounds[0] === "BREAK_GLASS" ? consultations : null } },
    });
    const refused = { data: { case: null } };
    const alikeBefore = await answersAlike();
    // One organisation on one 支援会議 ground: four people, one run. Then a colleague of the one who
    // broke the glass first (same organisation and roles: the holder's access differs, run alone),
    // and two of an organisation without a ground (refused alike).
    expect(
      await answered([
        ...["a", "b", "c", "d"].map((p): Person => [`kaigo-${p}`, "kaigo-hoken", ["staff"]]),
        ["colleague-1", "nozei", emergency],
        ["glass-holder", "nozei", emergency],
        ["colleague-2", "nozei", emergency],
        ["koho-a", "koho", ["staff"]],
        ["koho-b", "koho", ["staff"]],
      ]),
    ).toEqual([...Array.from({ length: 4 }, () => seen(["SUPPORT_MEETING"])), refused, seen(["BREAK_GLASS"]), refused, refused, refused]);
    // Given alike: three of 介護保険課, colleague-2 (as colleague-1), one of 広報.
    expect((await answersAlike()) - alikeBefore).toBe(5);
    // The holder first: the colleagues after are not given the case.
    expect(
      await answered([
        ["glass-holder", "nozei", emergency],
        ["colleague-3", "nozei", emergency],
        ["colleague-4", "nozei", emergency],
      ]),
    ).toEqual([seen(["BREAK_GLASS"]), refused, refused]);
    expect((await answersAlike()) - alikeBefore).toBe(5);
    const rows = await sg.running.em.execute<{ subject: string; organization_code: string; ground: string; flagged: boolean }[]>(
      `select subject, organization_code, ground, flagged from cases.audit_entry where case_id = ? and operation like 'AlikeRead:%'`,
      [id],
    );
    expect(rows.map((r) => `${r.subject} ${r.organization_code} ${r.ground} ${r.flagged}`).sort()).toEqual([
      "glass-holder nozei BREAK_GLASS true",
      "glass-holder nozei BREAK_GLASS true",
      "kaigo-a kaigo-hoken SUPPORT_MEETING false",
      "kaigo-b kaigo-hoken SUPPORT_MEETING false",
      "kaigo-c kaigo-hoken SUPPORT_MEETING false",
      "kaigo-d kaigo-hoken SUPPORT_MEETING false",
    ]);
  });

  it("logs a batch as one line at info, each answered call at debug and each failed one at info, under its own request id", async () => {
    const id = await openCase();
    const body = JSON.stringify({ query: `query LoggedRead($id: ID!) { case(id: $id) { id } }`, variables: { id } });
    const call = (requestId: string, signed: boolean) => {
      const s = signIdentity({ sub: `user-${LEAD}`, org: LEAD, roles: ["staff"] }, TEST_SECRET, { kind: "http", subgraph: "cases", body });
      return {
        headers: { "x-request-id": requestId, ...(signed ? { [IDENTITY_HEADER]: s.identity, [SIGNATURE_HEADER]: s.signature } : {}) },
        body,
      };
    };
    const lines: Record<string, unknown>[] = [];
    const release = captureLogs((line) => lines.push(JSON.parse(line) as Record<string, unknown>), "debug");
    try {
      const res = await fetch(batchUrlOf(sg.running.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ calls: [call("batch-log-1", true), call("batch-log-2", true), call("batch-log-3", false)] }),
      });
      expect(res.status).toBe(200);
    } finally {
      release();
    }
    const batchLines = lines.filter((l) => l.message === "batch served");
    expect(batchLines.map((l) => [l.level, l.calls, l.statuses])).toEqual([["info", 3, { 200: 2, 401: 1 }]]);
    const served = lines.filter((l) => l.message === "request served" && l.batched);
    expect(served.map((l) => [l.level, l.requestId, l.status]).sort()).toEqual([
      ["debug", "batch-log-1", 200],
      ["debug", "batch-log-2", 200],
      ["info", "batch-log-3", 401],
    ]);
  });

  it("gives no one of a batch a run's answer when their audit rows cannot be written: each runs alone, and only the refused read fails", async () => {
    const id = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    const body = JSON.stringify({ query: `query RefusedAlike($id: ID!) { case(id: $id) { id grounds } }`, variables: { id } });
    const signedCall = (sub: string) => {
      const signed = signIdentity({ sub, org: "kaigo-hoken", roles: ["staff"] }, TEST_SECRET, { kind: "http", subgraph: "cases", body });
      return { headers: { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature }, body };
    };
    await sg.running.em.execute(`create or replace function cases.refuse_alike_audit() returns trigger language plpgsql as $$
      begin if new.subject = 'refused-reader' then raise exception 'audit refused (test)'; end if; return new; end $$`);
    await sg.running.em.execute(
      `create trigger refuse_alike_audit before insert on cases.audit_entry for each row execute function cases.refuse_alike_audit()`,
    );
    try {
      const alikeBefore = await answersAlike();
      const res = await fetch(batchUrlOf(sg.running.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ calls: ["reader-1", "refused-reader", "reader-2"].map(signedCall) }),
      });
      const { results } = (await res.json()) as { results: { status: number; body: string }[] };
      const answers = results.map((r) => JSON.parse(r.body) as { data?: { case: unknown } | null; errors?: unknown[] });
      expect(answers[0]!.data?.case).toEqual({ id, grounds: ["SUPPORT_MEETING"] });
      expect(answers[1]!.data?.case ?? null).toBeNull();
      expect(answers[1]!.errors?.length).toBe(1);
      expect(answers[2]!.data?.case).toEqual({ id, grounds: ["SUPPORT_MEETING"] });
      // The others' rows were refused together: nobody was given the first reader's answer.
      expect((await answersAlike()) - alikeBefore).toBe(0);
    } finally {
      await sg.running.em.execute(`drop trigger refuse_alike_audit on cases.audit_entry`);
      await sg.running.em.execute(`drop function cases.refuse_alike_audit()`);
    }
    const rows = await sg.running.em.execute<{ subject: string }[]>(
      `select subject from cases.audit_entry where case_id = ? and operation like 'RefusedAlike:%'`,
      [id],
    );
    expect(rows.map((r) => r.subject).sort()).toEqual(["reader-1", "reader-2"]);
  });

  it("fails only the read whose audit row is refused, when several shared its statement", async () => {
    const id = await openCase();
    expect((await disclose(id, "kaigo-hoken")).data!.discloseToMeeting.userErrors).toEqual([]);
    await sg.running.em.execute(`create or replace function cases.refuse_subject_audit() returns trigger language plpgsql as $$
      begin if new.subject = 'refused-person' then raise exception 'audit refused (test)'; end if; return new; end $$`);
    await sg.running.em.execute(
      `create trigger refuse_subject_audit before insert on cases.audit_entry for each row execute function cases.refuse_subject_audit()`,
    );
    try {
      const before = sg.running.counter.count;
      const [refused, lead, meeting] = await Promise.allSettled([
        callerOf("refused-person", LEAD).read(id, "case"),
        callerOf(`user-${LEAD}`, LEAD).read(id, "case"),
        callerOf("user-kaigo-hoken", "kaigo-hoken").read(id, "case"),
      ]);
      expect(refused.status).toBe("rejected");
      expect(lead.status === "fulfilled" && lead.value?.row.id).toBe(id);
      expect(meeting.status === "fulfilled" && meeting.value?.access.grounds).toEqual(["SUPPORT_MEETING"]);
      // The shared statement failed as a whole; each read then ran alone.
      expect(auditInserts(sg.running.counter.statements.slice(before))).toHaveLength(4);
    } finally {
      await sg.running.em.execute(`drop trigger refuse_subject_audit on cases.audit_entry`);
      await sg.running.em.execute(`drop function cases.refuse_subject_audit()`);
    }
  });
});

describe("one table maps every Case field to its information kind", () => {
  it("lists every field of Case in the built schema, and nothing else", async () => {
    const schema = await buildCasesSchema();
    const type = schema.getType("Case") as GraphQLObjectType;
    expect(Object.keys(type.getFields()).sort()).toEqual(Object.keys(CASE_FIELD_KINDS).sort());
  });

  it("is the table README shows", async () => {
    const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
    const block = /<!-- case-field-kinds:start -->([\s\S]*?)<!-- case-field-kinds:end -->/.exec(readme)![1]!;
    const rows = Object.fromEntries([...block.matchAll(/^\| `(\w+)` \| (\w+) \|$/gm)].map((m) => [m[1], m[2]]));
    expect(rows).toEqual(CASE_FIELD_KINDS);
  });

  it("under a consent for PLAN only, returns the plans and nothing of BASIC or PROGRESS (lead, assignments, transitions)", async () => {
    const id = await openCase();
    const plan = await sg.query(
      `mutation ($id: ID!, $input: SupportPlanInput!) { recordSupportPlan(caseId: $id, input: $input) { userErrors { code } } }`,
      {
        id,
        input: {
          goals: "生活の再建",
          direction: "家計改善",
          roles: [{ organizationCode: "nozei", what: "分納相談" }],
          referParticipationSupport: false,
          referOutreach: false,
          personAgreed: true,
          agreedOn: today,
        },
      },
      LEAD,
    );
    expect(plan.data!.recordSupportPlan.userErrors).toEqual([]);
    expect((await consent(id, ["nozei"], ["PLAN"])).data!.recordConsent.userErrors).toEqual([]);
    const res = await sg.query(
      `query ($id: ID!) { case(id: $id) { id caseNumber grounds visibleInformation supportPlans { goals } lead { code } assignments { role } transitions { reason } mainPerson { name } consultations { id } consents { id } } }`,
      { id },
      "nozei",
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.case).toMatchObject({
      id,
      grounds: ["CONSENT"],
      visibleInformation: ["PLAN"],
      supportPlans: [{ goals: "生活の再建" }],
      lead: null,
      assignments: null,
      transitions: null,
      mainPerson: null,
      consultations: null,
      consents: null,
    });
    // The lead sees all of it.
    const lead = await sg.query(
      `query ($id: ID!) { case(id: $id) { lead { code } assignments { role } transitions { reason } } }`,
      { id },
      LEAD,
    );
    expect(lead.data!.case).toMatchObject({ lead: { code: LEAD }, assignments: [{ role: "LEAD" }], transitions: [{ reason: "相談受付" }] });
  });
});

describe("refusals", () => {
  it("reports each refused auditor root field with its own path and FORBIDDEN", async () => {
    const res = await sg.query(`{ a: auditLog { edges { node { ground } } } b: breakGlassReviews { id } }`, {}, "koho");
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors!.map((e) => [e.path![0], e.extensions!.code]).sort()).toEqual([
      ["a", "FORBIDDEN"],
      ["b", "FORBIDDEN"],
    ]);
  });
});

describe("a mutation answers with the case as the caller may see it after the change", () => {
  it("gives a coordinator that ends its own assignment no case, and audits no read under the ground it gave up", async () => {
    const id = await openCase();
    const assigned = await sg.query(
      `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "shakyo", role: COORDINATOR) { case { id } userErrors { code } } }`,
      { id },
      LEAD,
    );
    expect(assigned.data!.assignOrganization).toEqual({ case: { id }, userErrors: [] });
    // The grounds checked before the write (the coordinator manages the case) are not the ones after it.
    const ended = await sg.query(
      `mutation ($id: ID!) { endAssignment(caseId: $id, organizationCode: "shakyo") { case { id grounds } userErrors { code } } }`,
      { id },
      "shakyo",
    );
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endAssignment).toEqual({ case: null, userErrors: [] });
    const rows = await sg.running.em.execute<{ n: string }[]>(
      `select count(*) as n from cases.audit_entry where case_id = ? and organization_code = 'shakyo' and operation like '%:mutation'`,
      [id],
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe("withdrawConsent is no oracle", () => {
  it("answers a caller who may not manage the case the same for another case's consent as for a random id", async () => {
    const id = await openCase();
    const recorded = await consent(id, ["nozei"], ["BASIC"]);
    const consentId = recorded.data!.recordConsent.case.consents[0].id as string;
    await sg.query(
      `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "kaigo-hoken", role: SUPPORT) { userErrors { code } } }`,
      { id },
      LEAD,
    );
    const withdraw = `mutation ($c: ID!) { withdrawConsent(consentId: $c) { case { id } userErrors { code message } } }`;
    const shape = (res: Awaited<ReturnType<typeof sg.query>>, asked: string) => ({
      data: res.data,
      errors: res.errors?.map((e) => ({
        ...e,
        extensions: { ...e.extensions, id: e.extensions?.id === asked ? "<asked>" : e.extensions?.id },
      })),
    });
    // No ground at all, a consent holder, and an assigned organisation that does not manage the case.
    for (const org of ["koho", "nozei", "kaigo-hoken"]) {
      const random = randomUUID();
      const existing = shape(await sg.query(withdraw, { c: consentId }, org), consentId);
      expect(existing).toEqual(shape(await sg.query(withdraw, { c: random }, org), random));
      expect(existing.errors?.[0]).toMatchObject({ message: "同意が見つかりません。", extensions: { code: "NOT_FOUND", id: "<asked>" } });
    }
    const still = await sg.query(`query ($id: ID!) { case(id: $id) { consents { withdrawnAt } } }`, { id }, LEAD);
    expect(still.data!.case.consents).toEqual([{ withdrawnAt: null }]);
    // The lead still withdraws it.
    expect((await sg.query(withdraw, { c: consentId }, LEAD)).data!.withdrawConsent.userErrors).toEqual([]);
  });
});

describe("break-glass is limited to a relationship or the emergency role, and a review can end it", () => {
  const glassRows = async () =>
    Number((await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from cases.break_glass`))[0]!.n);

  it("refuses a staff member whose organisation never touched the case, the same for a random id, and writes nothing", async () => {
    const id = await openCase();
    const before = await glassRows();
    for (const caseId of [id, randomUUID()]) {
      const res = await breakGlass(caseId, "koho");
      expect(res.errors).toBeUndefined();
      expect(res.data!.breakGlass).toEqual({
        case: null,
        userErrors: [{ code: "BREAK_GLASS_NOT_ALLOWED", message: expect.stringContaining("緊急閲覧は") }],
      });
    }
    expect(await glassRows()).toBe(before);
    expect((await sg.query(`query ($id: ID!) { case(id: $id) { id } }`, { id }, "koho")).data!.case).toBeNull();
  });

  /** An organisation that was assigned to the case and no longer is: it touched the case. */
  const endedAssignment = async (id: string, code: string) => {
    for (const mutation of [
      `mutation ($id: ID!, $c: String!) { assignOrganization(caseId: $id, organizationCode: $c, role: SUPPORT) { userErrors { code } } }`,
      `mutation ($id: ID!, $c: String!) { endAssignment(caseId: $id, organizationCode: $c) { userErrors { code } } }`,
    ])
      expect((await sg.query(mutation, { id, c: code }, LEAD)).errors).toBeUndefined();
  };

  it("allows an organisation with an ended assignment, one a referral was sent to, and a holder of the emergency role", async () => {
    const id = await openCase();
    await endedAssignment(id, "kaigo-hoken");
    await sg.query(`mutation ($id: ID!) { referCase(caseId: $id, toCode: "nozei", note: null) { userErrors { code } } }`, { id }, LEAD);
    expect((await breakGlass(id, "kaigo-hoken")).data!.breakGlass).toEqual({ case: { grounds: ["BREAK_GLASS"] }, userErrors: [] });
    expect((await breakGlass(id, "nozei")).data!.breakGlass).toEqual({ case: { grounds: ["BREAK_GLASS"] }, userErrors: [] });
    expect((await breakGlass(id, "koho", "koho-emergency", ["staff", "emergency"])).data!.breakGlass).toEqual({
      case: { grounds: ["BREAK_GLASS"] },
      userErrors: [],
    });
    // The emergency role does not make a random id exist.
    expect((await breakGlass(randomUUID(), "koho", "koho-emergency", ["staff", "emergency"])).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("is never reviewed by its own holder, even one who also holds the auditor role", async () => {
    const id = await openCase();
    const both = ["staff", "emergency", "auditor"];
    expect((await breakGlass(id, "seikatsu-fukushi", "self-reviewer", both)).data!.breakGlass.userErrors).toEqual([]);
    const reviews = await as("self-reviewer", "seikatsu-fukushi", both, `{ breakGlassReviews { id caseId } }`);
    const own = reviews.data!.breakGlassReviews.find((r: { caseId: string }) => r.caseId === id);
    const review = `mutation ($id: ID!) { reviewBreakGlass(id: $id, outcome: APPROPRIATE) { reviewOutcome } }`;
    const self = await as("self-reviewer", "seikatsu-fukushi", both, review, { id: own.id });
    expect(self.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const [row] = await sg.running.em
      .fork()
      .execute<{ reviewed_at: Date | null }[]>(`select reviewed_at from cases.break_glass where id = ?`, [own.id]);
    expect(row!.reviewed_at).toBeNull();
    // Another auditor reviews it.
    expect((await as("another-auditor", "seikatsu-fukushi", ["auditor"], review, { id: own.id })).data!.reviewBreakGlass).toEqual({
      reviewOutcome: "APPROPRIATE",
    });
  });

  it("lasts one hour from when it is granted, and runs out on its own at its expiry", async () => {
    const id = await openCase();
    await endedAssignment(id, "kaigo-hoken");
    expect((await breakGlass(id, "kaigo-hoken", "hour-holder")).data!.breakGlass).toEqual({
      case: { grounds: ["BREAK_GLASS"] },
      userErrors: [],
    });

    const reviews = await sg.query(`{ breakGlassReviews { id caseId subject grantedAt expiresAt } }`, {}, "seikatsu-fukushi", ["auditor"]);
    const access = reviews.data!.breakGlassReviews.find(
      (r: { caseId: string; subject: string }) => r.caseId === id && r.subject === "hour-holder",
    );
    // The server's own two instants, so a slow machine moves neither: an hour apart, give or take the few ms between them.
    const minutes = (new Date(access.expiresAt).getTime() - new Date(access.grantedAt).getTime()) / 60_000;
    expect(minutes).toBeCloseTo(60, 1);

    const read = `query ($id: ID!) { case(id: $id) { grounds consultations { id } } }`;
    expect((await as("hour-holder", "kaigo-hoken", ["staff"], read, { id })).data!.case.grounds).toEqual(["BREAK_GLASS"]);
    // The hour has passed: nothing but the clock ends it (no review).
    await sg.running.em.fork().execute(`update cases.break_glass set expires_at = now() - interval '1 second' where id = ?`, [access.id]);
    expect((await as("hour-holder", "kaigo-hoken", ["staff"], read, { id })).data!.case).toBeNull();
  });

  it("ends the access at once when a review says END_ACCESS", async () => {
    const id = await openCase();
    await disclose(id, "kaigo-hoken");
    expect((await breakGlass(id, "kaigo-hoken", "glass-holder")).data!.breakGlass.userErrors).toEqual([]);
    const read = `query ($id: ID!) { case(id: $id) { grounds } }`;
    expect((await as("glass-holder", "kaigo-hoken", ["staff"], read, { id })).data!.case).toEqual({
      grounds: ["SUPPORT_MEETING", "BREAK_GLASS"],
    });

    const reviews = await sg.query(`{ breakGlassReviews { id caseId subject } }`, {}, "seikatsu-fukushi", ["auditor"]);
    const review = reviews.data!.breakGlassReviews.find(
      (r: { caseId: string; subject: string }) => r.caseId === id && r.subject === "glass-holder",
    );
    const ended = await sg.query(
      `mutation ($id: ID!) { reviewBreakGlass(id: $id, outcome: END_ACCESS) { reviewOutcome reviewedAt expiresAt } }`,
      { id: review.id },
      "seikatsu-fukushi",
      ["auditor"],
    );
    expect(ended.data!.reviewBreakGlass).toMatchObject({ reviewOutcome: "END_ACCESS" });
    expect(new Date(ended.data!.reviewBreakGlass.expiresAt).getTime()).toBeLessThanOrEqual(Date.now());
    // The holder keeps only the meeting ground; consultations (break-glass only) are gone.
    const after = await as(
      "glass-holder",
      "kaigo-hoken",
      ["staff"],
      `query ($id: ID!) { case(id: $id) { grounds consultations { id } } }`,
      { id },
    );
    expect(after.data!.case).toEqual({ grounds: ["SUPPORT_MEETING"], consultations: null });
  });

  it("an access a review ended stays ended: the holder's other one to the case ends with it, and a new one is refused", async () => {
    const id = await openCase();
    await disclose(id, "kaigo-hoken");
    const other = await openCase();
    await disclose(other, "kaigo-hoken");
    // Two opened side by side on one case, one on another case.
    for (const caseId of [id, id, other])
      expect((await breakGlass(caseId, "kaigo-hoken", "twice-holder")).data!.breakGlass.userErrors).toEqual([]);
    const grounds = async (caseId: string) =>
      (await as("twice-holder", "kaigo-hoken", ["staff"], `query ($id: ID!) { case(id: $id) { grounds } }`, { id: caseId })).data!.case
        .grounds;
    expect(await grounds(id)).toEqual(["SUPPORT_MEETING", "BREAK_GLASS"]);

    const reviews = await sg.query(`{ breakGlassReviews { id caseId subject } }`, {}, "seikatsu-fukushi", ["auditor"]);
    const mine = reviews.data!.breakGlassReviews.filter((r: { caseId: string; subject: string }) => r.subject === "twice-holder");
    expect(mine).toHaveLength(3);
    const first = mine.find((r: { caseId: string }) => r.caseId === id);
    const ended = await sg.query(
      `mutation ($id: ID!) { reviewBreakGlass(id: $id, outcome: END_ACCESS) { reviewOutcome } }`,
      { id: first.id },
      "seikatsu-fukushi",
      ["auditor"],
    );
    expect(ended.data!.reviewBreakGlass).toEqual({ reviewOutcome: "END_ACCESS" });
    expect(await grounds(id)).toEqual(["SUPPORT_MEETING"]);
    // Both rows of that case are ended and reviewed; the one on the other case runs on, unreviewed.
    const rows = await sg.running.em
      .fork()
      .execute<{ case_id: string; review_outcome: string | null; running: boolean }[]>(
        `select case_id, review_outcome, expires_at > now() as running from cases.break_glass where subject = 'twice-holder' order by case_id = ? desc`,
        [id],
      );
    expect(rows.map((r) => [r.case_id === id, r.review_outcome, r.running])).toEqual([
      [true, "END_ACCESS", false],
      [true, "END_ACCESS", false],
      [false, null, true],
    ]);
    expect(await grounds(other)).toEqual(["SUPPORT_MEETING", "BREAK_GLASS"]);

    // Asking again with a new reason does not undo the review; a colleague may still open their own.
    const again = (await breakGlass(id, "kaigo-hoken", "twice-holder")).data!.breakGlass;
    expect(again.case).toBeNull();
    expect(again.userErrors).toEqual([{ code: "BREAK_GLASS_ENDED", message: expect.stringContaining("審査で終了") }]);
    expect(await grounds(id)).toEqual(["SUPPORT_MEETING"]);
    expect((await breakGlass(id, "kaigo-hoken", "colleague-of-holder")).data!.breakGlass.userErrors).toEqual([]);
  });
  it("ending an access keeps another auditor's earlier review of the holder's other access to the case: it only ends", async () => {
    const id = await openCase();
    await disclose(id, "kaigo-hoken");
    for (let i = 0; i < 2; i++) expect((await breakGlass(id, "kaigo-hoken", "judged-holder")).data!.breakGlass.userErrors).toEqual([]);
    const reviews = await sg.query(`{ breakGlassReviews { id caseId subject } }`, {}, "seikatsu-fukushi", ["auditor"]);
    const [judged, ended] = reviews.data!.breakGlassReviews.filter((r: { subject: string }) => r.subject === "judged-holder");
    const review = `mutation ($id: ID!, $o: BreakGlassOutcome) { reviewBreakGlass(id: $id, outcome: $o) { reviewOutcome } }`;
    expect((await as("first-auditor", "seikatsu-fukushi", ["auditor"], review, { id: judged.id, o: "APPROPRIATE" })).data).toEqual({
      reviewBreakGlass: { reviewOutcome: "APPROPRIATE" },
    });
    expect((await as("second-auditor", "seikatsu-fukushi", ["auditor"], review, { id: ended.id, o: "END_ACCESS" })).data).toEqual({
      reviewBreakGlass: { reviewOutcome: "END_ACCESS" },
    });
    const rows = await sg.running.em
      .fork()
      .execute<{ id: string; review_outcome: string; reviewed_by: string; running: boolean }[]>(
        `select id, review_outcome, reviewed_by, expires_at > now() as running from cases.break_glass where subject = 'judged-holder'`,
      );
    const byId = new Map(rows.map((r) => [r.id, [r.review_outcome, r.reviewed_by, r.running]]));
    expect(byId.get(judged.id)).toEqual(["APPROPRIATE", "first-auditor", false]);
    expect(byId.get(ended.id)).toEqual(["END_ACCESS", "second-auditor", false]);
  });
  it("an access asked for while a review ends the holder's access to the case waits for it, and is refused", async () => {
    const id = await openCase();
    await disclose(id, "kaigo-hoken");
    expect((await breakGlass(id, "kaigo-hoken", "racing-holder")).data!.breakGlass.userErrors).toEqual([]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ id: string }[]>(`select id from cases.break_glass where case_id = ? and subject = 'racing-holder'`, [id]);
    // The review has begun (it holds the holder's accesses to the case) when the holder asks again.
    const [review, again] = await whileRowHeld(sg.running.em, "cases.break_glass", row!.id, [
      () =>
        sg.query(
          `mutation ($id: ID!) { reviewBreakGlass(id: $id, outcome: END_ACCESS) { reviewOutcome } }`,
          { id: row!.id },
          "seikatsu-fukushi",
          ["auditor"],
        ),
      () => breakGlass(id, "kaigo-hoken", "racing-holder"),
    ]);
    expect(review!.data!.reviewBreakGlass).toEqual({ reviewOutcome: "END_ACCESS" });
    expect(again!.data!.breakGlass.userErrors.map((e: { code: string }) => e.code)).toEqual(["BREAK_GLASS_ENDED"]);
    const running = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from cases.break_glass where case_id = ? and expires_at > now()`, [id]);
    expect(Number(running[0]!.n)).toBe(0);
  });
});

describe("the audit names the client's operation", () => {
  it("records an _entities read under the document's operation name when the body carries none", async () => {
    const id = await openCase();
    const query = `query LeadEntityRead($r: [_Any!]!) { _entities(representations: $r) { ... on Case { caseNumber } } }`;
    const res = await sg.query(query, { r: [{ __typename: "Case", id }] }, LEAD);
    expect(res.data!._entities[0].caseNumber).toEqual(expect.any(String));
    expect(await auditOf(id, LEAD)).toContainEqual({ ground: "ASSIGNMENT", operation: "LeadEntityRead:_entities", flagged: false });
  });
});
