import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

/** The case forms: every problem of an input at once, each with its field path; nothing written. */
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
const JAPANESE = /[ぁ-んァ-ン一-龥]/;
type Problem = { code: string; field: string[] | null; message: string };
const RECEIVE = `mutation ($input: ReceiveConsultationInput!) { receiveConsultation(input: $input) { case { id } userErrors { code field message } } }`;
const consultation = (extra: Record<string, unknown> = {}) => ({
  receivedOn: tokyoDate(),
  takenBy: "相談員A",
  sourceKind: "AGENCY",
  problemAreas: ["DEBT"],
  mainProblemArea: "DEBT",
  consentAnswer: "GIVEN",
  person: { name: "架空 太郎", sex: "MALE" },
  ...extra,
});
const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from cases.${table}`);
  return Number(row!.n);
};
const counts = () => Promise.all(["support_case", "person", "consultation", "support_plan", "outbox_event"].map(count));

function expectProblems(errors: Problem[], expected: [code: string, field: string[]][]) {
  expect(errors.map((e) => [e.code, e.field])).toEqual(expected);
  for (const e of errors) expect(e.message).toMatch(JAPANESE);
}

describe("cases: userErrors list every problem", () => {
  it("receiveConsultation: the date, main area, hub, taker and the person's fields together", async () => {
    const before = await counts();
    const res = await sg.query(
      RECEIVE,
      {
        input: consultation({
          receivedOn: "2099-01-01",
          mainProblemArea: "HOUSING",
          sourceKind: "HUB",
          takenBy: " ",
          person: { name: "氏".repeat(101), address: "住".repeat(301), phone: "0".repeat(41) },
        }),
      },
      LEAD,
    );
    expect(res.data!.receiveConsultation.case).toBeNull();
    expectProblems(res.data!.receiveConsultation.userErrors, [
      ["DATE_IN_FUTURE", ["receivedOn"]],
      ["MAIN_AREA_NOT_CHECKED", ["mainProblemArea"]],
      ["HUB_REQUIRED", ["sourceHubId"]],
      ["REQUIRED", ["takenBy"]],
      ["TOO_LONG", ["person", "name"]],
      ["TOO_LONG", ["person", "address"]],
      ["TOO_LONG", ["person", "phone"]],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("recordSupportPlan: each role's problems under its index, and the plan's own", async () => {
    const made = await sg.query(RECEIVE, { input: consultation() }, LEAD);
    const caseId = made.data!.receiveConsultation.case.id as string;
    const before = await counts();
    const res = await sg.query(
      `mutation ($id: ID!, $input: SupportPlanInput!) { recordSupportPlan(caseId: $id, input: $input) { case { id } userErrors { code field message } } }`,
      {
        id: caseId,
        input: {
          goals: "",
          direction: "見守り",
          roles: [
            { organizationCode: LEAD, what: "伴走" },
            { organizationCode: "Bad Code", what: "", frequency: "毎".repeat(101) },
          ],
          referParticipationSupport: false,
          referOutreach: false,
          personAgreed: true,
        },
      },
      LEAD,
    );
    expect(res.data!.recordSupportPlan.case).toBeNull();
    expectProblems(res.data!.recordSupportPlan.userErrors, [
      ["INVALID_ORGANIZATION_CODE", ["roles", "1", "organizationCode"]],
      ["REQUIRED", ["roles", "1", "what"]],
      ["TOO_LONG", ["roles", "1", "frequency"]],
      ["REQUIRED", ["goals"]],
      ["AGREEMENT_DATE_REQUIRED", ["agreedOn"]],
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe("cases: userErrors list every problem of the other case forms", () => {
  const caseAndPerson = async () => {
    const made = await sg.query(RECEIVE, { input: consultation() }, LEAD);
    const caseId = made.data!.receiveConsultation.case.id as string;
    const read = await sg.query(`query ($id: ID!) { case(id: $id) { mainPerson { id } } }`, { id: caseId }, LEAD);
    return { caseId, personId: read.data!.case.mainPerson.id as string };
  };
  const tooLong = { name: "氏".repeat(101), nameKana: "ふ".repeat(101), address: "住".repeat(301), phone: "0".repeat(41) };
  const personProblems = (prefix: string[]): [string, string[]][] =>
    ["name", "nameKana", "address", "phone"].map((f) => ["TOO_LONG", [...prefix, f]]);

  it("updatePerson: every field of the person together", async () => {
    const { caseId, personId } = await caseAndPerson();
    const before = await counts();
    const res = await sg.query(
      `mutation ($c: ID!, $p: ID!, $input: PersonInput!) { updatePerson(caseId: $c, personId: $p, input: $input) { case { id } userErrors { code field message } } }`,
      { c: caseId, p: personId, input: tooLong },
      LEAD,
    );
    expect(res.data!.updatePerson.case).toBeNull();
    expectProblems(res.data!.updatePerson.userErrors, personProblems([]));
    expect(await counts()).toEqual(before);
    const [row] = await sg.running.em.fork().execute<{ name: string | null }[]>(`select name from cases.person where id = ?`, [personId]);
    expect(row!.name).toBe("架空 太郎");
  });

  it("addHouseholdMember: the person's fields under `person`, and the relation", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("household_member")]);
    const res = await sg.query(
      `mutation ($c: ID!, $person: PersonInput!, $r: String!) { addHouseholdMember(caseId: $c, person: $person, relation: $r) { case { id } userErrors { code field message } } }`,
      { c: caseId, person: tooLong, r: " " },
      LEAD,
    );
    expect(res.data!.addHouseholdMember.case).toBeNull();
    expectProblems(res.data!.addHouseholdMember.userErrors, [...personProblems(["person"]), ["REQUIRED", ["relation"]]]);
    expect(await Promise.all([counts(), count("household_member")])).toEqual(before);
  });

  it("recordAssessment: each problem under its index, and the texts", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("assessment")]);
    const res = await sg.query(
      `mutation ($c: ID!, $input: AssessmentInput!) { recordAssessment(caseId: $c, input: $input) { case { id } userErrors { code field message } } }`,
      {
        c: caseId,
        input: {
          work: "就".repeat(4001),
          pension: "年".repeat(4001),
          problems: [
            { area: "DEBT", detail: "税の滞納" },
            { area: " ", detail: "" },
          ],
        },
      },
      LEAD,
    );
    expect(res.data!.recordAssessment.case).toBeNull();
    expectProblems(res.data!.recordAssessment.userErrors, [
      ["REQUIRED", ["problems", "1", "area"]],
      ["REQUIRED", ["problems", "1", "detail"]],
      ["TOO_LONG", ["work"]],
      ["TOO_LONG", ["pension"]],
    ]);
    expect(await Promise.all([counts(), count("assessment")])).toEqual(before);
  });

  it("logProgress: the date, the staff and the content together", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("progress_entry")]);
    const res = await sg.query(
      `mutation ($c: ID!, $d: LocalDate!) { logProgress(input: { caseId: $c, date: $d, method: VISIT, staff: " ", content: "" }) { case { id } userErrors { code field message } } }`,
      { c: caseId, d: "2099-01-01" },
      LEAD,
    );
    expectProblems(res.data!.logProgress.userErrors, [
      ["DATE_IN_FUTURE", ["date"]],
      ["REQUIRED", ["staff"]],
      ["REQUIRED", ["content"]],
    ]);
    expect(await Promise.all([counts(), count("progress_entry")])).toEqual(before);
  });

  it("recordMonitoring: the date, the evaluation and the next review together", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("monitoring")]);
    const res = await sg.query(
      `mutation ($c: ID!) { recordMonitoring(input: { caseId: $c, date: "2099-01-01", goalsMet: false, evaluation: " ", nextReviewDate: "2098-12-31" }) { case { id } userErrors { code field message } } }`,
      { c: caseId },
      LEAD,
    );
    expectProblems(res.data!.recordMonitoring.userErrors, [
      ["DATE_IN_FUTURE", ["date"]],
      ["REQUIRED", ["evaluation"]],
      ["REVIEW_DATE_NOT_AFTER", ["nextReviewDate"]],
    ]);
    expect(await Promise.all([counts(), count("monitoring")])).toEqual(before);
  });

  it("recordSupportPlan: an agreement dated in the future", async () => {
    const { caseId } = await caseAndPerson();
    const res = await sg.query(
      `mutation ($c: ID!) { recordSupportPlan(caseId: $c, input: { goals: "生活の安定", direction: "見守り", roles: [{ organizationCode: "${LEAD}", what: "伴走" }], referParticipationSupport: false, referOutreach: false, personAgreed: true, agreedOn: "2099-01-01" }) { case { id } userErrors { code field message } } }`,
      { c: caseId },
      LEAD,
    );
    expectProblems(res.data!.recordSupportPlan.userErrors, [["DATE_IN_FUTURE", ["agreedOn"]]]);
  });

  it("referCase and respondToReferral: the organisation, the note and the reason", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("referral")]);
    const refer = (toCode: string, note: string) =>
      sg.query(
        `mutation ($c: ID!, $to: String!, $n: String) { referCase(caseId: $c, toCode: $to, note: $n) { referralId userErrors { code field message } } }`,
        { c: caseId, to: toCode, n: note },
        LEAD,
      );
    expectProblems((await refer("no-such-section", "紹".repeat(2001))).data!.referCase.userErrors, [
      ["UNKNOWN_ORGANIZATION", ["toCode"]],
      ["TOO_LONG", ["note"]],
    ]);
    expectProblems((await refer(LEAD, "")).data!.referCase.userErrors, [["SELF_REFERRAL", ["toCode"]]]);
    expect(await Promise.all([counts(), count("referral")])).toEqual(before);
    const sent = (await refer("nozei", "  滞納の相談  ")).data!.referCase;
    expect(sent.userErrors).toEqual([]);
    const declined = await sg.query(
      `mutation ($r: ID!, $reason: String) { respondToReferral(referralId: $r, accept: false, reason: $reason) { userErrors { code field message } } }`,
      { r: sent.referralId, reason: "理".repeat(2001) },
      "nozei",
    );
    expectProblems(declined.data!.respondToReferral.userErrors, [["TOO_LONG", ["reason"]]]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ status: string; note: string }[]>(`select status, note from cases.referral where id = ?`, [sent.referralId]);
    expect(row).toEqual({ status: "SENT", note: "滞納の相談" });
  });

  it("recordConsent: the organisation codes, the kinds of information and a date not yet come together", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("consent")]);
    const tomorrow = new Date(Date.parse(`${tokyoDate()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const res = await sg.query(
      `mutation ($c: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $c, organizationCodes: ["Bad Code"], infoKinds: [], coversMultiLayeredMeeting: false, givenOn: $d }) { case { id } userErrors { code field message } } }`,
      { c: caseId, d: tomorrow },
      LEAD,
    );
    expectProblems(res.data!.recordConsent.userErrors, [
      ["INVALID_ORGANIZATION_CODE", ["organizationCodes"]],
      ["INFO_KINDS_REQUIRED", ["infoKinds"]],
      ["DATE_IN_FUTURE", ["givenOn"]],
    ]);
    expect(await Promise.all([counts(), count("consent")])).toEqual(before);
  });

  it("discloseToMeeting: the meeting, the members and the purpose together", async () => {
    const { caseId } = await caseAndPerson();
    const before = await Promise.all([counts(), count("disclosure")]);
    const res = await sg.query(
      `mutation ($c: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: "not-a-meeting", organizationCodes: [], purpose: " " }) { case { id } userErrors { code field message } } }`,
      { c: caseId },
      LEAD,
    );
    expectProblems(res.data!.discloseToMeeting.userErrors, [
      ["INVALID_MEETING", ["meetingId"]],
      ["MEMBERS_REQUIRED", ["organizationCodes"]],
      ["REQUIRED", ["purpose"]],
    ]);
    expect(await Promise.all([counts(), count("disclosure")])).toEqual(before);
  });
});
