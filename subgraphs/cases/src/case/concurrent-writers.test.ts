import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { consultationInput } from "../../../../tests/helpers/cases.js";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { lockCase } from "./case-lock.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
type Answer = { errors?: unknown; data?: Record<string, { userErrors: { code: string; message: string }[] } | null> | null };

async function openCase(): Promise<{ caseId: string; personId: string }> {
  const res = await sg.query(
    `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id mainPerson { id } } userErrors { code } } }`,
    { i: consultationInput({ name: "架空 四郎" }, { problemAreas: ["EMPLOYMENT"], mainProblemArea: "EMPLOYMENT" }) },
    LEAD,
  );
  expect(res.data!.receiveConsultation.userErrors).toEqual([]);
  const opened = res.data!.receiveConsultation.case;
  return { caseId: opened.id, personId: opened.mainPerson.id };
}

const rows = async (sql: string, params: unknown[]) => sg.running.em.fork().execute<Record<string, any>[]>(sql, params);
const codesOf = (answers: Answer[], field: string) => answers.map((a) => a.data![field]!.userErrors.map((e) => e.code));

describe("cases: two writers on one case at once", () => {
  it("moves a case once when two staff accept it together: one transition, one coordinator", async () => {
    const { caseId } = await openCase();
    const accept = () =>
      sg.query(
        `mutation ($id: ID!) { transitionCase(input: { caseId: $id, to: ACCEPTED, complex: true }) { case { status } userErrors { code message } } }`,
        { id: caseId },
        LEAD,
      );
    const answers = (await whileRowHeld(sg.running.em, "cases.support_case", caseId, [accept, accept])) as Answer[];
    // The second is judged by the first's result: 受理 → 受理 is no move (before: both read 受付 and both moved).
    expect(codesOf(answers, "transitionCase")).toEqual([[], ["ILLEGAL_TRANSITION"]]);
    const moves = await rows(`select to_status from cases.case_transition where case_id = ? and to_status = 'ACCEPTED'`, [caseId]);
    expect(moves).toHaveLength(1);
    const coordinators = await rows(`select id from cases.assignment where case_id = ? and role = 'COORDINATOR' and ended_at is null`, [
      caseId,
    ]);
    expect(coordinators).toHaveLength(1);
  });

  it("assigns an organisation once when two staff assign it together, and ending it ends every row in force", async () => {
    const { caseId } = await openCase();
    const assign = () =>
      sg.query(
        `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "kaigo-hoken", role: SUPPORT) { userErrors { code } } }`,
        { id: caseId },
        LEAD,
      );
    const answers = (await whileRowHeld(sg.running.em, "cases.support_case", caseId, [assign, assign])) as Answer[];
    expect(codesOf(answers, "assignOrganization")).toEqual([[], ["ALREADY_ASSIGNED"]]);
    const active = () =>
      rows(`select id from cases.assignment where case_id = ? and organization_code = 'kaigo-hoken' and ended_at is null`, [caseId]);
    expect(await active()).toHaveLength(1);

    // A second row in force, as such a race left one before: ending the assignment ends both, and the access with them.
    await rows(
      `insert into cases.assignment (id, case_id, organization_code, role, assigned_by, assigned_at, ended_at)
       select gen_random_uuid(), case_id, organization_code, role, assigned_by, assigned_at, null from cases.assignment where id = ?`,
      [(await active())[0]!.id],
    );
    expect(await active()).toHaveLength(2);
    const read = () => sg.query(`query ($id: ID!) { case(id: $id) { id } }`, { id: caseId }, "kaigo-hoken");
    expect((await read()).data!.case).toEqual({ id: caseId });
    const ended = await sg.query(
      `mutation ($id: ID!) { endAssignment(caseId: $id, organizationCode: "kaigo-hoken") { userErrors { code } } }`,
      { id: caseId },
      LEAD,
    );
    expect(ended.data!.endAssignment.userErrors).toEqual([]);
    expect(await active()).toHaveLength(0);
    expect((await read()).data!.case).toBeNull();
  });

  it("keeps one answer to a referral answered twice at once, and an assignment only with an acceptance", async () => {
    const { caseId } = await openCase();
    const referred = await sg.query(
      `mutation ($id: ID!) { referCase(caseId: $id, toCode: "nozei", note: "滞納の相談") { referralId userErrors { code } } }`,
      { id: caseId },
      LEAD,
    );
    const referralId = referred.data!.referCase.referralId as string;
    const respond = (accept: boolean) => () =>
      sg.query(
        `mutation ($r: ID!, $a: Boolean!) { respondToReferral(referralId: $r, accept: $a, reason: "担当外のため") { userErrors { code } } }`,
        { r: referralId, a: accept },
        "nozei",
      );
    const answers = (await whileRowHeld(sg.running.em, "cases.support_case", caseId, [respond(true), respond(false)])) as Answer[];
    expect(codesOf(answers, "respondToReferral")).toEqual([[], ["ALREADY_ANSWERED"]]);
    const [referral] = await rows(`select status from cases.referral where id = ?`, [referralId]);
    expect(referral!.status).toBe("ACCEPTED");
    const support = await rows(`select id from cases.assignment where case_id = ? and organization_code = 'nozei' and ended_at is null`, [
      caseId,
    ]);
    expect(support).toHaveLength(1);
  });

  it("keeps END_ACCESS when an APPROPRIATE review of the same emergency access lands after it", async () => {
    const { caseId } = await openCase();
    await sg.query(
      `mutation ($id: ID!) { referCase(caseId: $id, toCode: "nozei", note: null) { userErrors { code } } }`,
      { id: caseId },
      LEAD,
    );
    const glass = await sg.query(
      `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "本人が救急搬送され、服薬情報の確認が必要なため") { userErrors { code } } }`,
      { id: caseId },
      "nozei",
    );
    expect(glass.data!.breakGlass.userErrors).toEqual([]);
    const [row] = await rows(`select id from cases.break_glass where case_id = ?`, [caseId]);
    const review = (outcome: string) => () =>
      sg.query(
        `mutation ($id: ID!, $o: BreakGlassOutcome!) { reviewBreakGlass(id: $id, outcome: $o) { reviewOutcome } }`,
        { id: row!.id, o: outcome },
        "seikatsu-fukushi",
        ["auditor"],
      );
    // END_ACCESS first, APPROPRIATE (read before END_ACCESS committed) after it: the access stays ended.
    const answers = await whileRowHeld(sg.running.em, "cases.break_glass", row!.id as string, [
      review("END_ACCESS"),
      review("APPROPRIATE"),
    ]);
    expect(answers.map((a) => a.data!.reviewBreakGlass.reviewOutcome)).toEqual(["END_ACCESS", "END_ACCESS"]);
    const [stored] = await rows(`select review_outcome, expires_at from cases.break_glass where id = ?`, [row!.id]);
    expect(stored!.review_outcome).toBe("END_ACCESS");
    expect(new Date(stored!.expires_at).getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe("cases: many writers on one case", () => {
  it("completes more writes at once than the pool has connections, each waiting its turn on the case's lock", async () => {
    const { caseId } = await openCase();
    expect(sg.running.em.config.get("pool")?.max).toBe(10);
    // 10 connections in the pool: 16 writes hold 10 of them in transactions, the others wait for one.
    // The write holding the lock needs no second connection to decide; it commits and the next goes on.
    const writes = Array.from({ length: 16 }, (_, n) =>
      sg.query(
        `mutation ($id: ID!, $d: LocalDate!, $c: String!) { logProgress(input: { caseId: $id, date: $d, method: PHONE, staff: "担当", content: $c }) { userErrors { code } } }`,
        { id: caseId, d: tokyoDate(), c: `電話 ${n}` },
        LEAD,
      ),
    );
    const answers = await Promise.all(writes);
    expect(answers.map((a) => a.errors ?? a.data!.logProgress.userErrors)).toEqual(Array.from({ length: 16 }, () => []));
    expect(await rows(`select id from cases.progress_entry where case_id = ?`, [caseId])).toHaveLength(16);
  }, 20_000);
});

describe("cases: what the case's lock holds up", () => {
  it("lets an emergency access be granted while a write holds the case's lock (rows that only refer to the case)", async () => {
    const { caseId } = await openCase();
    await sg.query(
      `mutation ($id: ID!) { referCase(caseId: $id, toCode: "nozei", note: null) { userErrors { code } } }`,
      { id: caseId },
      LEAD,
    );
    let granted: unknown = "still waiting";
    await sg.running.em.fork().transactional(async (tx) => {
      await lockCase(tx, caseId);
      const glass = sg.query(
        `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "本人が救急搬送され、服薬情報の確認が必要なため") { userErrors { code } } }`,
        { id: caseId },
        "nozei",
      );
      granted = await Promise.race([
        glass.then((r) => r.data!.breakGlass.userErrors),
        new Promise((r) => setTimeout(() => r("still waiting"), 3_000)),
      ]);
    });
    // Under FOR UPDATE the grant's row (its foreign key to the case) waited for the writer to finish.
    expect(granted).toEqual([]);
  });
});

describe("cases: what a write names must exist, and a share is announced on every path", () => {
  it("refuses organisation codes the directory does not have, writing nothing", async () => {
    const { caseId } = await openCase();
    const before = await rows(
      `select (select count(*) from cases.assignment) a, (select count(*) from cases.referral) r, (select count(*) from cases.consent) c, (select count(*) from cases.support_plan) p`,
      [],
    );
    const assign = await sg.query(
      `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "no-such-section", role: SUPPORT) { userErrors { code message field } } }`,
      { id: caseId },
      LEAD,
    );
    expect(assign.data!.assignOrganization.userErrors).toEqual([
      {
        code: "UNKNOWN_ORGANIZATION",
        message: "担当組織の組織コード「no-such-section」の組織は組織名簿にありません。",
        field: ["organizationCode"],
      },
    ]);
    const refer = await sg.query(
      `mutation ($id: ID!) { referCase(caseId: $id, toCode: "no-such-section", note: null) { userErrors { code field } } }`,
      { id: caseId },
      LEAD,
    );
    expect(refer.data!.referCase.userErrors).toEqual([{ code: "UNKNOWN_ORGANIZATION", field: ["toCode"] }]);
    const consent = await sg.query(
      `mutation ($id: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: ["nozei", "no-such-section"], infoKinds: [BASIC], coversMultiLayeredMeeting: false, givenOn: $d }) { userErrors { code message field } } }`,
      { id: caseId, d: tokyoDate() },
      LEAD,
    );
    expect(consent.data!.recordConsent.userErrors).toEqual([
      {
        code: "UNKNOWN_ORGANIZATION",
        message: "組織コード「no-such-section」の組織は組織名簿にありません。",
        field: ["organizationCodes"],
      },
    ]);
    const plan = await sg.query(
      `mutation ($id: ID!) { recordSupportPlan(caseId: $id, input: { goals: "生活の安定", direction: "家計の見直し", roles: [{ organizationCode: "no-such-section", what: "家計相談" }], referParticipationSupport: false, referOutreach: false, personAgreed: false }) { userErrors { code field } } }`,
      { id: caseId },
      LEAD,
    );
    expect(plan.errors).toBeUndefined();
    expect(plan.data!.recordSupportPlan.userErrors).toEqual([{ code: "UNKNOWN_ORGANIZATION", field: ["roles", "0", "organizationCode"] }]);
    expect(
      await rows(
        `select (select count(*) from cases.assignment) a, (select count(*) from cases.referral) r, (select count(*) from cases.consent) c, (select count(*) from cases.support_plan) p`,
        [],
      ),
    ).toEqual(before);
  });

  it("announces the case to a site's organisation that a placement in チャレンジ就労 makes its support", async () => {
    const { caseId, personId } = await openCase();
    const sites = (await sg.query(`{ participationSites { id code } }`)).data!.participationSites as { id: string; code: string }[];
    const site = sites.find((s) => s.code === "welfare-facility-03")!;
    const placed = await sg.query(
      `mutation ($c: ID!, $p: ID!, $s: ID!, $d: LocalDate!) { placeInChallengeWork(input: { caseId: $c, personId: $p, siteId: $s, startedOn: $d }) { userErrors { code } } }`,
      { c: caseId, p: personId, s: site.id, d: tokyoDate() },
      LEAD,
    );
    expect(placed.data!.placeInChallengeWork.userErrors).toEqual([]);
    const events = await rows(`select kind, payload from cases.outbox_event where topic = ?`, ["shared-cases:welfare-facility-03"]);
    expect(events.filter((e) => e.payload.caseId === caseId).map((e) => e.kind)).toEqual(["CASE_SHARED"]);
  });
});
