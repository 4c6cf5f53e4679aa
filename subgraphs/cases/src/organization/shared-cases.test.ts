import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSharedCases } from "../../../../tests/helpers/cases.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LIAISON = "kaigo-hoken";

/** `n` cases led by 社協 with LIAISON assigned in support, written straight to the tables. */
const sharedCases = (n: number) => insertSharedCases(sg.running.em.fork(), "page", n, LIAISON);

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
