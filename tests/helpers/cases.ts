import { expect } from "vitest";
import { tokyoDate } from "@marugoto/shared";

/** Sends a GraphQL document as some caller and answers its `data` (each test file has its own such function). */
type Send = (query: string, variables: Record<string, unknown>) => Promise<Record<string, any>>;

const RECEIVE_CONSULTATION = `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } userErrors { code } } }`;

/**
 * A 相談受付's input as the tests send it: a debt consultation through an agency, consent given,
 * received today (Asia/Tokyo), for `person`; `extra` adds or overrides fields (a visitor, a narrative).
 */
export function consultationInput(person: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedOn: tokyoDate(),
    takenBy: "相談員",
    sourceKind: "AGENCY",
    problemAreas: ["DEBT"],
    mainProblemArea: "DEBT",
    consentAnswer: "GIVEN",
    person,
    ...extra,
  };
}

/**
 * Opens a case the way a 相談受付 does (a debt consultation through an agency, consent given) for
 * the person given, e.g. `{ name: "架空 次郎" }` (written as `name: "…"` so the suite's log scan
 * knows it as a personal value); answers the case's id.
 */
export async function openCase(send: Send, person: { name: string } & Record<string, unknown>): Promise<string> {
  const d = await send(RECEIVE_CONSULTATION, { i: consultationInput(person) });
  expect(d.receiveConsultation.userErrors).toEqual([]);
  return d.receiveConsultation.case.id as string;
}
