import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationInput } from "../../../../tests/helpers/cases.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
const SUPPORT = "kaigo-hoken";
const RECEIVER = "nozei";

async function ok(query: string, variables: Record<string, unknown>, org: string) {
  const res = await sg.query(query, variables, org);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** A case led by LEAD with SUPPORT assigned, and a referral from SUPPORT to RECEIVER. */
async function referredBySupport(): Promise<{ caseId: string; referralId: string }> {
  const opened = await ok(
    `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } userErrors { code } } }`,
    { i: consultationInput({ name: "架空 六郎" }) },
    LEAD,
  );
  const caseId = opened.receiveConsultation.case.id as string;
  await ok(
    `mutation ($c: ID!) { assignOrganization(caseId: $c, organizationCode: "${SUPPORT}", role: SUPPORT) { userErrors { code } } }`,
    { c: caseId },
    LEAD,
  );
  const referred = await ok(
    `mutation ($c: ID!) { referCase(caseId: $c, toCode: "${RECEIVER}", note: null) { referralId userErrors { code } } }`,
    { c: caseId },
    SUPPORT,
  );
  return { caseId, referralId: referred.referCase.referralId as string };
}

const respond = (referralId: string, accept: boolean) =>
  ok(
    `mutation ($r: ID!, $a: Boolean!) { respondToReferral(referralId: $r, accept: $a, reason: "担当外のため") { userErrors { code message } } }`,
    { r: referralId, a: accept },
    RECEIVER,
  );
const grounds = async (caseId: string) => (await ok(`query ($c: ID!) { case(id: $c) { grounds } }`, { c: caseId }, RECEIVER)).case;

describe("a referral whose sender is no longer assigned", () => {
  it("cannot be accepted: the receiver gains no access through it, and may still decline it", async () => {
    const { caseId, referralId } = await referredBySupport();
    await ok(
      `mutation ($c: ID!) { endAssignment(caseId: $c, organizationCode: "${SUPPORT}") { userErrors { code } } }`,
      { c: caseId },
      LEAD,
    );
    const accepted = await respond(referralId, true);
    expect(accepted.respondToReferral.userErrors).toEqual([
      { code: "REFERRAL_LAPSED", message: "紹介元がこのケースの担当ではなくなったため、この紹介は受けられません。お断りしてください。" },
    ]);
    expect(await grounds(caseId)).toBeNull();
    expect((await respond(referralId, false)).respondToReferral.userErrors).toEqual([]);
  });

  it("is accepted while its sender is assigned", async () => {
    const { caseId, referralId } = await referredBySupport();
    expect((await respond(referralId, true)).respondToReferral.userErrors).toEqual([]);
    expect(await grounds(caseId)).toEqual({ grounds: ["ASSIGNMENT"] });
  });
});

describe("a referral to a case that was closed", () => {
  it("cannot be accepted (CASE_CLOSED): the receiver gains no access through it, and may still decline it", async () => {
    const { caseId, referralId } = await referredBySupport();
    const closed = await ok(
      `mutation ($c: ID!) { transitionCase(input: { caseId: $c, to: CLOSED, reason: "本人の転居により終結" }) { case { status } userErrors { code } } }`,
      { c: caseId },
      LEAD,
    );
    expect(closed.transitionCase).toEqual({ case: { status: "CLOSED" }, userErrors: [] });
    const accepted = await respond(referralId, true);
    expect(accepted.respondToReferral.userErrors).toEqual([{ code: "CASE_CLOSED", message: "終結したケースの紹介は受けられません。" }]);
    expect(await grounds(caseId)).toBeNull();
    expect((await respond(referralId, false)).respondToReferral.userErrors).toEqual([]);
  });
});
