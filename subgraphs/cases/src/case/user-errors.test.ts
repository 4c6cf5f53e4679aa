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
