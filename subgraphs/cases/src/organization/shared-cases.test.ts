import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LIAISON = "kaigo-hoken";

/** `n` cases led by 社協 with LIAISON assigned in support, written straight to the tables. */
async function sharedCases(n: number): Promise<void> {
  const em = sg.running.em.fork();
  const id = (kind: string) => `md5('page-${kind}-' || g)::uuid`;
  await em.execute(
    `insert into cases.person (id, pseudonym, name, sex, created_at) select ${id("p")}, '仮名-page-' || g, '架空 ' || g, 'UNKNOWN', now() from generate_series(1, ${n}) g`,
  );
  await em.execute(`insert into cases.household (id, created_at) select ${id("h")}, now() from generate_series(1, ${n}) g`);
  await em.execute(
    `insert into cases.household_member (id, household_id, person_id, relation) select ${id("m")}, ${id("h")}, ${id("p")}, '本人' from generate_series(1, ${n}) g`,
  );
  await em.execute(
    `insert into cases.support_case (id, case_number, household_id, main_person_id, status, complex, next_review_date, opened_on, created_at, updated_at)
     select ${id("c")}, 'page-' || g, ${id("h")}, ${id("p")}, 'IN_SUPPORT', true, '2031-04-01', '2030-04-01', now(), now() from generate_series(1, ${n}) g`,
  );
  await em.execute(
    `insert into cases.assignment (id, case_id, organization_code, role, assigned_by, assigned_at)
     select ${id("a1")}, ${id("c")}, 'shakyo', 'LEAD', 'test', now() from generate_series(1, ${n}) g
     union all select ${id("a2")}, ${id("c")}, '${LIAISON}', 'SUPPORT', 'test', now() from generate_series(1, ${n}) g`,
  );
}

describe("Organization.sharedCases pages", () => {
  it("hold 50 cases by default and at most 500 however many are asked for", async () => {
    await sharedCases(501);
    const page = async (first?: number) => {
      const res = await sg.query(
        `query ($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Organization { sharedCases(first: $first) { edges { cursor } pageInfo { hasNextPage } } } } }`,
        { r: [{ __typename: "Organization", code: LIAISON }], ...(first === undefined ? {} : { first }) },
        LIAISON,
      );
      expect(res.errors).toBeUndefined();
      const connection = res.data!._entities[0].sharedCases;
      return { size: connection.edges.length as number, more: connection.pageInfo.hasNextPage as boolean };
    };
    expect(await page()).toEqual({ size: 50, more: true });
    expect(await page(500)).toEqual({ size: 500, more: true });
    // Above the cap the page is not refused: it holds the cap, and says more follow.
    expect(await page(100_000)).toEqual({ size: 500, more: true });
  });
});
