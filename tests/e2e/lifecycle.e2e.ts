import { beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { bearer, post } from "../helpers/client.js";
import { sharedStack } from "../helpers/shared-stack.js";

/** One case's whole lifecycle through the gateway, as the lead agency and the coordinator live it. */
const stack = await sharedStack();
let lead: string;
beforeAll(async () => {
  lead = await stack.token("community-general-support-center-05");
});

async function gql(query: string, variables: Record<string, unknown> = {}, token = lead) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const move = async (id: string, to: string, extra: Record<string, unknown> = {}) =>
  (
    await gql(
      `mutation ($id: ID!, $to: CaseStatus!, $reason: String, $complex: Boolean) { transitionCase(input: { caseId: $id, to: $to, reason: $reason, complex: $complex }) { case { status } userErrors { code message } } }`,
      { id, to, ...extra },
    )
  ).transitionCase;

describe("a case from intake to closure through the gateway", () => {
  it("passes every step, refuses an illegal one, and reaches both end states", async () => {
    const today = tokyoDate();
    const opened = await gql(
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id status lead { name } } userErrors { code } } }`,
      {
        i: {
          receivedOn: today,
          takenBy: "相談員",
          sourceKind: "AGENCY",
          problemAreas: ["ELDERLY_CARE", "WITHDRAWAL"],
          mainProblemArea: "ELDERLY_CARE",
          consentAnswer: "GIVEN",
          person: { name: "架空 花子" },
        },
      },
    );
    const id = opened.receiveConsultation.case.id;
    expect(opened.receiveConsultation.case).toMatchObject({ status: "RECEIVED", lead: { name: "地域包括支援センター 第5（仮称）" } });

    expect((await move(id, "ACCEPTED", { complex: true })).case.status).toBe("ACCEPTED");
    expect((await move(id, "ASSESSMENT")).case.status).toBe("ASSESSMENT");
    await gql(
      `mutation ($id: ID!) { recordAssessment(caseId: $id, input: { household: "母と長男", problems: [{ area: "WITHDRAWAL", detail: "長男が長期間外出していない" }] }) { userErrors { code } } }`,
      { id },
    );
    expect((await move(id, "PLANNING")).case.status).toBe("PLANNING");
    const illegal = await move(id, "DECIDED");
    expect(illegal).toMatchObject({
      case: null,
      userErrors: [{ code: "ILLEGAL_TRANSITION", message: "「支援プラン作成」から「支援決定」へは進めません。" }],
    });
    await gql(
      `mutation ($id: ID!, $d: LocalDate!) { recordSupportPlan(caseId: $id, input: { goals: "長男が週1回外出する", direction: "市社協による訪問", roles: [{ organizationCode: "shakyo", what: "訪問", frequency: "週1回" }], referParticipationSupport: true, referOutreach: true, personAgreed: true, agreedOn: $d }) { userErrors { code } } }`,
      { id, d: today },
    );
    for (const to of ["IN_CONFERENCE", "DECIDED", "IN_SUPPORT"]) expect((await move(id, to)).case.status).toBe(to);
    await gql(
      `mutation ($id: ID!, $d: LocalDate!) { logProgress(input: { caseId: $id, date: $d, method: VISIT, staff: "相談員", content: "訪問し面談" }) { userErrors { code } } }`,
      { id, d: today },
    );
    expect((await move(id, "MONITORING")).case.status).toBe("MONITORING");
    await gql(
      `mutation ($id: ID!, $d: LocalDate!) { recordMonitoring(input: { caseId: $id, date: $d, goalsMet: true, evaluation: "外出が定着", outcome: END_COLLABORATION }) { userErrors { code } } }`,
      { id, d: today },
    );
    expect((await move(id, "EVALUATION")).case.status).toBe("EVALUATION");

    // 多機関協働の終結: the lead keeps accompanying the person; the case is not closed.
    expect((await move(id, "COLLABORATION_ENDED")).case.status).toBe("COLLABORATION_ENDED");
    const between = await gql(`query ($id: ID!) { case(id: $id) { status collaborationEndedAt closedAt lead { code } } }`, { id });
    expect(between.case).toMatchObject({
      status: "COLLABORATION_ENDED",
      closedAt: null,
      lead: { code: "community-general-support-center-05" },
    });
    expect(between.case.collaborationEndedAt).not.toBeNull();

    // 終結.
    expect((await move(id, "CLOSED", { reason: "生活が安定し終結" })).case.status).toBe("CLOSED");
    const closed = await gql(`query ($id: ID!) { case(id: $id) { closedAt transitions { toStatus } } }`, { id });
    expect(closed.case.closedAt).not.toBeNull();
    expect(closed.case.transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual([
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
  });
});
