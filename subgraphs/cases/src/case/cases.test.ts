import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { post as httpPost, signedHeaders } from "../../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../../tests/helpers/stack.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
const today = tokyoDate();

const RECEIVE = `mutation ($input: ReceiveConsultationInput!) {
  receiveConsultation(input: $input) { case { id caseNumber status grounds mainPerson { pseudonym name } } userErrors { code message field } }
}`;
const consultation = (extra: Record<string, unknown> = {}) => ({
  receivedOn: today,
  takenBy: "相談員A",
  sourceKind: "AGENCY",
  problemAreas: ["DEBT", "LIVELIHOOD"],
  mainProblemArea: "DEBT",
  consentAnswer: "GIVEN",
  person: { name: "架空 太郎", sex: "MALE" },
  ...extra,
});

async function openCase(org = LEAD): Promise<string> {
  const res = await sg.query(RECEIVE, { input: consultation() }, org);
  expect(res.data!.receiveConsultation.userErrors).toEqual([]);
  return res.data!.receiveConsultation.case.id;
}

const move = (id: string, to: string, extra: Record<string, unknown> = {}, org = LEAD) =>
  sg.query(
    `mutation ($id: ID!, $to: CaseStatus!, $reason: String, $complex: Boolean) { transitionCase(input: { caseId: $id, to: $to, reason: $reason, complex: $complex }) { case { status } userErrors { code message } } }`,
    { id, to, ...extra },
    org,
  );

const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from cases.${table}`);
  return Number(row!.n);
};

describe("cases: intake", () => {
  it("opens a case with its household and the receiving organisation as lead", async () => {
    const res = await sg.query(RECEIVE, { input: consultation() }, LEAD);
    const c = res.data!.receiveConsultation.case;
    expect(c).toMatchObject({ status: "RECEIVED", grounds: ["ASSIGNMENT"], mainPerson: { name: "架空 太郎" } });
    expect(c.caseNumber).toMatch(/^\d{4}-\d{5}$/);
  });

  it("keeps an outreach case pseudonymous until a name is given", async () => {
    const res = await sg.query(
      RECEIVE,
      {
        input: consultation({
          person: null,
          sourceKind: "WELFARE_COMMISSIONER",
          problemAreas: ["WITHDRAWAL"],
          mainProblemArea: "WITHDRAWAL",
          consentAnswer: "NOT_ASKED",
        }),
      },
      "shakyo",
    );
    const c = res.data!.receiveConsultation.case;
    expect(c.mainPerson.name).toBeNull();
    expect(c.mainPerson.pseudonym).toMatch(/^仮名-/);
  });

  it("names an outreach case's person, or fills in its household, only once the person consented or a 支援会議 took it up", async () => {
    const opened = await sg.query(
      RECEIVE,
      { input: consultation({ person: null, sourceKind: "WELFARE_COMMISSIONER", consentAnswer: "NOT_ASKED" }) },
      LEAD,
    );
    const caseId = opened.data!.receiveConsultation.case.id as string;
    const personId = (await sg.query(`query ($id: ID!) { case(id: $id) { mainPerson { id } } }`, { id: caseId }, LEAD)).data!.case
      .mainPerson.id as string;
    const name = (input: Record<string, unknown>) =>
      sg.query(
        `mutation ($c: ID!, $p: ID!, $input: PersonInput!) { updatePerson(caseId: $c, personId: $p, input: $input) { case { mainPerson { name address } } userErrors { code field } } }`,
        { c: caseId, p: personId, input },
        LEAD,
      );
    const addMember = (person: Record<string, unknown>) =>
      sg.query(
        `mutation ($c: ID!, $person: PersonInput!) { addHouseholdMember(caseId: $c, person: $person, relation: "母") { userErrors { code field } } }`,
        { c: caseId, person },
        LEAD,
      );
    const before = await count("person");
    expect((await name({ name: "架空 一郎", address: "山形市旅篭町" })).data!.updatePerson).toEqual({
      case: null,
      userErrors: [{ code: "PSEUDONYMOUS_UNTIL_CONSENT", field: ["personId"] }],
    });
    expect((await addMember({ name: "架空 花子" })).data!.addHouseholdMember.userErrors).toEqual([
      { code: "PSEUDONYMOUS_UNTIL_CONSENT", field: ["person"] },
    ]);
    // What identifies no one is recorded meanwhile.
    expect((await name({ sex: "MALE" })).data!.updatePerson.userErrors).toEqual([]);
    expect((await addMember({ sex: "FEMALE" })).data!.addHouseholdMember.userErrors).toEqual([]);
    expect(await count("person")).toBe(before + 1);

    // The person consents: named.
    const consent = await sg.query(
      `mutation ($c: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $c, organizationCodes: ["nozei"], infoKinds: [BASIC], coversMultiLayeredMeeting: false, givenOn: $d }) { userErrors { code } } }`,
      { c: caseId, d: today },
      LEAD,
    );
    expect(consent.data!.recordConsent.userErrors).toEqual([]);
    expect((await name({ name: "架空 一郎", address: "山形市旅篭町" })).data!.updatePerson).toEqual({
      case: { mainPerson: { name: "架空 一郎", address: "山形市旅篭町" } },
      userErrors: [],
    });
    expect((await addMember({ name: "架空 花子" })).data!.addHouseholdMember.userErrors).toEqual([]);
  });

  it("names a household member of a case whose person is named, whatever the consent", async () => {
    const opened = await sg.query(RECEIVE, { input: consultation({ consentAnswer: "NOT_ASKED" }) }, LEAD);
    const caseId = opened.data!.receiveConsultation.case.id as string;
    const added = await sg.query(
      `mutation ($c: ID!) { addHouseholdMember(caseId: $c, person: { sex: FEMALE }, relation: "母") { case { household { relation person { id } } } userErrors { code } } }`,
      { c: caseId },
      LEAD,
    );
    const mother = (added.data!.addHouseholdMember.case.household as { relation: string; person: { id: string } }[]).find(
      (m) => m.relation === "母",
    )!.person.id;
    const named = await sg.query(
      `mutation ($c: ID!, $p: ID!) { updatePerson(caseId: $c, personId: $p, input: { name: "架空 花子" }) { userErrors { code } } }`,
      { c: caseId, p: mother },
      LEAD,
    );
    expect(named.data!.updatePerson.userErrors).toEqual([]);
  });

  it("takes a blank hub id from a source other than a hub as no hub, and refuses a real one (found by the property tests)", async () => {
    const blank = await sg.query(RECEIVE, { input: consultation({ sourceKind: "AGENCY", sourceHubId: "" }) }, LEAD);
    expect(blank.errors).toBeUndefined();
    expect(blank.data!.receiveConsultation.userErrors).toEqual([]);
    const caseId = blank.data!.receiveConsultation.case.id;
    const [row] = await sg.running.em
      .fork()
      .execute<{ source_hub_id: string | null }[]>(`select source_hub_id from cases.consultation where case_id = ?`, [caseId]);
    expect(row).toEqual({ source_hub_id: null });
    const named = await sg.query(RECEIVE, { input: consultation({ sourceHubId: "00000000-0000-4000-8000-000000000001" }) }, LEAD);
    expect(named.data!.receiveConsultation).toMatchObject({
      case: null,
      userErrors: [{ code: "HUB_NOT_EXPECTED", field: ["sourceHubId"] }],
    });
  });

  it("refuses bad input as user errors and writes nothing", async () => {
    const before = await Promise.all(["support_case", "person", "consultation", "outbox_event"].map(count));
    const cases: [Record<string, unknown>, string][] = [
      [{ mainProblemArea: "HOUSING" }, "MAIN_AREA_NOT_CHECKED"],
      [{ problemAreas: [] }, "PROBLEM_AREA_REQUIRED"],
      [{ receivedOn: "2999-01-01" }, "DATE_IN_FUTURE"],
      [{ sourceKind: "HUB" }, "HUB_REQUIRED"],
      [{ takenBy: " " }, "REQUIRED"],
    ];
    for (const [extra, code] of cases) {
      const res = await sg.query(RECEIVE, { input: consultation(extra) }, LEAD);
      expect(res.errors).toBeUndefined();
      expect(res.data!.receiveConsultation).toMatchObject({ case: null, userErrors: [{ code }] });
    }
    // NUL cannot be stored as text: refused at the door (found by the property tests).
    const nul = await sg.query(RECEIVE, { input: consultation({ narrative: "a\u0000b" }) }, LEAD);
    expect(nul.status).toBe(400);
    expect(nul.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // Written in the operation's text as an escape: the body holds no NUL, the argument would (it was a 500).
    const inline = await sg.query(
      `mutation ($c: ID!, $d: LocalDate!) { logProgress(input: { caseId: $c, date: $d, method: PHONE, staff: "担当", content: "a\\u{0}b" }) { userErrors { code } } }`,
      { c: "0190a0a0-0000-7000-8000-000000000001", d: today },
      LEAD,
    );
    expect(inline.status).toBe(400);
    expect(inline.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // Dates that do not exist are refused by the LocalDate scalar before any resolver runs.
    for (const extra of [{ receivedOn: "2024-02-30" }, { person: { birthDate: "1990-13-01" } }]) {
      const res = await sg.query(RECEIVE, { input: consultation(extra) }, LEAD);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect(await Promise.all(["support_case", "person", "consultation", "outbox_event"].map(count))).toEqual(before);
  });
});

describe("cases: the lifecycle", () => {
  it("runs from intake to the end of collaboration and closure, recording every transition and refusing illegal moves", async () => {
    const id = await openCase();
    expect((await move(id, "ACCEPTED")).data!.transitionCase.userErrors[0].code).toBe("COMPLEXITY_REQUIRED");
    expect((await move(id, "ACCEPTED", { complex: true })).data!.transitionCase.case.status).toBe("ACCEPTED");
    // Complex → 多機関協働: 市社協 is assigned as coordinator.
    const assigned = await sg.query(`query ($id: ID!) { case(id: $id) { assignments { role organization { code } } } }`, { id }, LEAD);
    expect(assigned.data!.case.assignments).toContainEqual({ role: "COORDINATOR", organization: { code: "shakyo" } });

    expect((await move(id, "IN_SUPPORT")).data!.transitionCase.userErrors[0]).toMatchObject({
      code: "ILLEGAL_TRANSITION",
      message: "「受理」から「支援の実施」へは進めません。",
    });
    await move(id, "ASSESSMENT");
    expect((await move(id, "PLANNING")).data!.transitionCase.userErrors[0].code).toBe("ASSESSMENT_REQUIRED");
    await sg.query(
      `mutation ($id: ID!) { recordAssessment(caseId: $id, input: { work: "無職", problems: [{ area: "DEBT", detail: "税の滞納" }] }) { userErrors { code } } }`,
      { id },
      LEAD,
    );
    await move(id, "PLANNING");
    expect((await move(id, "IN_CONFERENCE")).data!.transitionCase.userErrors[0].code).toBe("PLAN_REQUIRED");
    const plan = await sg.query(
      `mutation ($id: ID!, $input: SupportPlanInput!) { recordSupportPlan(caseId: $id, input: $input) { case { supportPlans { version roles { organization { code } what } } } userErrors { code } } }`,
      {
        id,
        input: {
          goals: "生活の再建",
          direction: "家計改善と分納",
          roles: [{ organizationCode: "nozei", what: "分納相談", frequency: "月1回" }],
          referParticipationSupport: false,
          referOutreach: false,
          personAgreed: true,
          agreedOn: today,
        },
      },
      LEAD,
    );
    expect(plan.data!.recordSupportPlan.case.supportPlans[0]).toEqual({
      version: 1,
      roles: [{ organization: { code: "nozei" }, what: "分納相談" }],
    });
    for (const to of ["IN_CONFERENCE", "DECIDED", "IN_SUPPORT"]) expect((await move(id, to)).data!.transitionCase.userErrors).toEqual([]);
    await sg.query(
      `mutation ($id: ID!, $d: LocalDate!) { logProgress(input: { caseId: $id, date: $d, method: VISIT, staff: "相談員A", content: "家計表を一緒に作成" }) { userErrors { code } } }`,
      { id, d: today },
      LEAD,
    );
    await move(id, "MONITORING");
    expect((await move(id, "EVALUATION")).data!.transitionCase.userErrors[0].code).toBe("MONITORING_REQUIRED");
    await sg.query(
      `mutation ($id: ID!, $d: LocalDate!) { recordMonitoring(input: { caseId: $id, date: $d, goalsMet: true, evaluation: "分納が定着", outcome: END_COLLABORATION, nextReviewDate: "2031-01-01" }) { userErrors { code } } }`,
      { id, d: today },
      LEAD,
    );
    await move(id, "EVALUATION");
    const ended = await move(id, "COLLABORATION_ENDED");
    expect(ended.data!.transitionCase.case.status).toBe("COLLABORATION_ENDED");
    expect((await move(id, "CLOSED")).data!.transitionCase.userErrors[0].code).toBe("REASON_REQUIRED");
    expect((await move(id, "CLOSED", { reason: "生活が安定し支援終結" })).data!.transitionCase.case.status).toBe("CLOSED");
    expect((await move(id, "IN_SUPPORT")).data!.transitionCase.userErrors[0].code).toBe("ILLEGAL_TRANSITION");

    const history = await sg.query(
      `query ($id: ID!) { case(id: $id) { transitions { fromStatus toStatus reason } collaborationEndedAt closedAt nextReviewDate } }`,
      { id },
      LEAD,
    );
    const steps = history.data!.case.transitions.map((t: { toStatus: string }) => t.toStatus);
    expect(steps).toEqual([
      "RECEIVED",
      "ACCEPTED",
      "ASSESSMENT",
      "PLANNING",
      "IN_CONFERENCE",
      "DECIDED",
      "IN_SUPPORT",
      "MONITORING",
      "EVALUATION",
      "COLLABORATION_ENDED",
      "CLOSED",
    ]);
    expect(history.data!.case.transitions.at(-1).reason).toBe("生活が安定し支援終結");
    expect(history.data!.case.collaborationEndedAt).not.toBeNull();
    expect(history.data!.case.nextReviewDate).toBe("2031-01-01");
  });

  it("lets only the lead or coordinator move a case, and only assigned organisations write", async () => {
    const id = await openCase();
    await sg.query(
      `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "nozei", role: SUPPORT) { userErrors { code } } }`,
      { id },
      LEAD,
    );
    expect((await move(id, "ACCEPTED", { complex: false }, "nozei")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await move(id, "ACCEPTED", { complex: false }, "koho")).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const log = await sg.query(
      `mutation ($id: ID!, $d: LocalDate!) { logProgress(input: { caseId: $id, date: $d, method: PHONE, staff: "納税課職員", content: "分納の説明" }) { case { progress { content } } userErrors { code } } }`,
      { id, d: today },
      "nozei",
    );
    expect(log.data!.logProgress.case.progress).toEqual([{ content: "分納の説明" }]);
  });
});

describe("cases: the audit log", () => {
  it("records each read with its ground, is readable by auditors only, and cannot be changed", async () => {
    const id = await openCase();
    await sg.query(`query ($id: ID!) { case(id: $id) { id } }`, { id }, LEAD);
    await sg.query(`query ($id: ID!) { case(id: $id) { id } }`, { id }, "koho");
    const log = `query ($id: ID!) { auditLog(caseId: $id) { edges { node { organizationCode ground operation flagged } } } }`;
    expect((await sg.query(log, { id }, "koho")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const entries = (await sg.query(log, { id }, "seikatsu-fukushi", ["auditor"])).data!.auditLog.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(entries.every((e: { organizationCode: string }) => e.organizationCode === LEAD)).toBe(true);
    expect(entries).toContainEqual({ organizationCode: LEAD, ground: "ASSIGNMENT", operation: "anonymous:case", flagged: false });
    const em = sg.running.em.fork();
    await expect(em.execute(`update cases.audit_entry set organization_code = 'x'`)).rejects.toThrow(/append-only/);
    await expect(em.execute(`delete from cases.audit_entry`)).rejects.toThrow(/append-only/);
    await expect(em.execute(`truncate cases.audit_entry`)).rejects.toThrow(/append-only/);
  });

  it("grants break-glass to one person for an hour, flags every read, and queues it for review", async () => {
    const id = await openCase();
    const short = await sg.query(
      `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "急ぎ") { userErrors { code } } }`,
      { id },
      "kaigo-hoken",
    );
    expect(short.data!.breakGlass.userErrors).toEqual([{ code: "REASON_TOO_SHORT" }]);
    // kaigo-hoken has no relationship with the case: this person holds the designated emergency role.
    const res = await post(
      sg,
      `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "本人が救急搬送され、服薬情報の確認が必要なため") { case { grounds } userErrors { code } } }`,
      { id },
      { sub: "user-kaigo-hoken", org: "kaigo-hoken", roles: ["staff", "emergency"] },
    );
    expect(res.data!.breakGlass.case.grounds).toEqual(["BREAK_GLASS"]);
    // A colleague of the same organisation has no ground: break-glass is personal.
    const colleague = await post(
      sg,
      `query ($id: ID!) { case(id: $id) { id } }`,
      { id },
      { sub: "someone-else", org: "kaigo-hoken", roles: ["staff"] },
    );
    expect(colleague.data!.case).toBeNull();
    const flagged = await sg.query(
      `query ($id: ID!) { auditLog(caseId: $id, flaggedOnly: true) { edges { node { organizationCode ground } } } breakGlassReviews { caseId organizationCode reason } }`,
      { id },
      "seikatsu-fukushi",
      ["auditor"],
    );
    expect(flagged.data!.auditLog.edges[0].node).toEqual({ organizationCode: "kaigo-hoken", ground: "BREAK_GLASS" });
    expect(flagged.data!.breakGlassReviews).toContainEqual({
      caseId: id,
      organizationCode: "kaigo-hoken",
      reason: "本人が救急搬送され、服薬情報の確認が必要なため",
    });
  });
});

/** A call as a given person (not just an organisation): break-glass is personal. */
function post(s: TestSubgraph, query: string, variables: Record<string, unknown>, identity: { sub: string; org: string; roles: string[] }) {
  return httpPost(s.running.url, query, variables, signedHeaders("cases", identity, TEST_SECRET, query, variables));
}
