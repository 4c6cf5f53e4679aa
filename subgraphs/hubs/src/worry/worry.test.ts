import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { hubsSubgraph } from "../subgraph.js";

/** recordWorry: every problem of the worry at once, each with its field path; nothing written. */
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(hubsSubgraph);
});
afterAll(() => sg?.close());

const OPERATOR = "shakyo";
const JAPANESE = /[ぁ-んァ-ン一-龥]/;
type Problem = { code: string; field: string[] | null; message: string };
const LOG = `mutation ($h: ID!, $d: LocalDate!, $c: String!, $s: String!) { recordWorry(hubId: $h, heardOn: $d, category: $c, summary: $s) { worry { id } userErrors { code field message } } }`;
const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from hubs.${table}`);
  return Number(row!.n);
};
const counts = () => Promise.all(["worry", "outbox_event"].map(count));

function expectProblems(errors: Problem[], expected: [code: string, field: string[]][]) {
  expect(errors.map((e) => [e.code, e.field])).toEqual(expected);
  for (const e of errors) expect(e.message).toMatch(JAPANESE);
}

describe("hubs: recordWorry lists every problem", () => {
  it("a future date, an empty category and a named person in the summary together", async () => {
    const h = (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;
    const before = await counts();
    const res = await sg.query(LOG, { h, d: "2099-01-01", c: " ", s: "山田さん、最近見かけない" }, OPERATOR);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordWorry.worry).toBeNull();
    expectProblems(res.data!.recordWorry.userErrors, [
      ["DATE_IN_FUTURE", ["heardOn"]],
      ["REQUIRED", ["category"]],
      ["PERSONAL_DATA_IN_SUMMARY", ["summary"]],
    ]);
    const long = await sg.query(LOG, { h, d: "2025-01-10", c: "分".repeat(41), s: "内".repeat(1001) }, OPERATOR);
    expectProblems(long.data!.recordWorry.userErrors, [
      ["TOO_LONG", ["category"]],
      ["TOO_LONG", ["summary"]],
    ]);
    expect(await counts()).toEqual(before);
    const ok = await sg.query(LOG, { h, d: "2025-01-10", c: "見守り", s: "一人暮らしの高齢者を最近見かけない" }, OPERATOR);
    expect(ok.data!.recordWorry.userErrors).toEqual([]);
    // One event, to the hub's topic and its district's.
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
  });
});
