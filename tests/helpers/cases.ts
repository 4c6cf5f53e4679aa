import type { EntityManager } from "@mikro-orm/postgresql";
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

/** The SQL for row `g` of a bulk insert's `kind` (`c` a case, `p` its person, …), as `insertSharedCases` names them. */
export const bulkId = (batch: string, kind: string) => `md5('${batch}-${kind}-' || g)::uuid`;

/**
 * `n` cases in support, written straight to the cases subgraph's tables (thousands in a statement each):
 * led by 社協 with `liaison` assigned in support, so all are shared with it. Ids are `md5('<batch>-<kind>-' || g)`
 * and case numbers `<batch>-<g>`, so a test can refer to them by `batch` and number.
 */
export async function insertSharedCases(em: EntityManager, batch: string, n: number, liaison: string): Promise<void> {
  const id = (kind: string) => bulkId(batch, kind);
  await em.execute(
    `insert into cases.person (id, pseudonym, name, sex, created_at) select ${id("p")}, '仮名-${batch}-' || g, '架空 ' || g, 'UNKNOWN', now() from generate_series(1, ${n}) g`,
  );
  await em.execute(`insert into cases.household (id, created_at) select ${id("h")}, now() from generate_series(1, ${n}) g`);
  await em.execute(
    `insert into cases.household_member (id, household_id, person_id, relation) select ${id("m")}, ${id("h")}, ${id("p")}, '本人' from generate_series(1, ${n}) g`,
  );
  await em.execute(
    `insert into cases.support_case (id, case_number, household_id, main_person_id, status, complex, next_review_date, opened_on, created_at, updated_at)
     select ${id("c")}, '${batch}-' || g, ${id("h")}, ${id("p")}, 'IN_SUPPORT', true, '2031-04-01', '2030-04-01', now(), now() from generate_series(1, ${n}) g`,
  );
  await em.execute(
    `insert into cases.assignment (id, case_id, organization_code, role, assigned_by, assigned_at)
     select ${id("a1")}, ${id("c")}, 'shakyo', 'LEAD', 'test', now() from generate_series(1, ${n}) g
     union all select ${id("a2")}, ${id("c")}, '${liaison}', 'SUPPORT', 'test', now() from generate_series(1, ${n}) g`,
  );
}
