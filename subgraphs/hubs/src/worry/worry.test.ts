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
const LOG = `mutation ($i: RecordWorryInput!) { recordWorry(input: $i) { worry { id } userErrors { code field message } } }`;
/** The deprecated flat form, every argument optional as the schema now has them. */
const FLAT = `mutation ($h: ID, $d: LocalDate, $c: String, $s: String, $key: String) {
  recordWorry(hubId: $h, heardOn: $d, category: $c, summary: $s, idempotencyKey: $key) { worry { id } userErrors { code field message } }
}`;
const BOTH = `mutation ($i: RecordWorryInput, $h: ID) { recordWorry(input: $i, hubId: $h) { worry { id } userErrors { code field message } } }`;
const INPUT = `mutation ($i: RecordWorryInput, $key: String) { recordWorry(input: $i, idempotencyKey: $key) { worry { id } userErrors { code field message } } }`;
const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from hubs.${table}`);
  return Number(row!.n);
};
const counts = () => Promise.all(["worry", "outbox_event"].map(count));

function expectProblems(errors: Problem[], expected: [code: string, field: string[]][]) {
  expect(errors.map((e) => [e.code, e.field])).toEqual(expected);
  for (const e of errors) expect(e.message).toMatch(JAPANESE);
}

describe("hubs: a worry is of a day the hub was open", () => {
  it("refuses a day before the hub's opening day, or before its opening year for a hub known by its year only", async () => {
    const [hub] = (await sg.query(`{ hubs { id openedFiscalYear } }`)).data!.hubs as { id: string; openedFiscalYear: number }[];
    const worry = (heardOn: string) => ({ hubId: hub!.id, heardOn, category: "見守り", summary: "新聞がたまっている家がある" });
    const before = await counts();
    for (const heardOn of [`${hub!.openedFiscalYear}-03-31`, "0100-01-01"]) {
      const refused = await sg.query(LOG, { i: worry(heardOn) }, OPERATOR);
      expectProblems(refused.data!.recordWorry.userErrors, [["BEFORE_HUB_OPENED", ["heardOn"]]]);
    }
    expect(await counts()).toEqual(before);
    expect((await sg.query(LOG, { i: worry(`${hub!.openedFiscalYear}-04-01`) }, OPERATOR)).data!.recordWorry.userErrors).toEqual([]);

    // A hub opened today (its opening day known): nothing of yesterday.
    const opened = await sg.query(
      `mutation { openHub(input: { districtCode: "district-30", name: "開設日の拠点", place: "公民館" }) { hub { id openedOn } userErrors { code } } }`,
      {},
      OPERATOR,
    );
    const { id, openedOn } = opened.data!.openHub.hub as { id: string; openedOn: string };
    const yesterday = new Date(Date.parse(`${openedOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const early = await sg.query(LOG, { i: { ...worry(yesterday), hubId: id } }, OPERATOR);
    expectProblems(early.data!.recordWorry.userErrors, [["BEFORE_HUB_OPENED", ["heardOn"]]]);
    expect((await sg.query(LOG, { i: { ...worry(openedOn), hubId: id } }, OPERATOR)).data!.recordWorry.userErrors).toEqual([]);
  });
});

describe("hubs: recordWorry lists every problem", () => {
  it("a future date, an empty category and a named person in the summary together", async () => {
    const h = (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;
    const before = await counts();
    const res = await sg.query(
      LOG,
      { i: { hubId: h, heardOn: "2099-01-01", category: " ", summary: "山田さん、最近見かけない" } },
      OPERATOR,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordWorry.worry).toBeNull();
    expectProblems(res.data!.recordWorry.userErrors, [
      ["DATE_IN_FUTURE", ["heardOn"]],
      ["REQUIRED", ["category"]],
      ["PERSONAL_DATA_IN_SUMMARY", ["summary"]],
    ]);
    const long = await sg.query(
      LOG,
      { i: { hubId: h, heardOn: "2025-01-10", category: "分".repeat(41), summary: "内".repeat(1001) } },
      OPERATOR,
    );
    expectProblems(long.data!.recordWorry.userErrors, [
      ["TOO_LONG", ["category"]],
      ["TOO_LONG", ["summary"]],
    ]);
    // A category is screened as the summary is: every signed-in caller sees it.
    const named = await sg.query(
      LOG,
      { i: { hubId: h, heardOn: "2025-01-10", category: "山田さん宅", summary: "ごみ出しに困っている" } },
      OPERATOR,
    );
    expectProblems(named.data!.recordWorry.userErrors, [["PERSONAL_DATA_IN_CATEGORY", ["category"]]]);
    expect(await counts()).toEqual(before);
    const ok = await sg.query(
      LOG,
      { i: { hubId: h, heardOn: "2025-01-10", category: "見守り", summary: "一人暮らしの高齢者を最近見かけない" } },
      OPERATOR,
    );
    expect(ok.data!.recordWorry.userErrors).toEqual([]);
    // One event, to the hub's topic and its district's.
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
  });
});

describe("hubs: recordWorry only at an active hub", () => {
  it("refuses a worry at a suspended or a closed hub as recordActivity does, writing nothing", async () => {
    const h = (await sg.query(`{ hubs { id } }`)).data!.hubs[1].id as string;
    const worry = { hubId: h, heardOn: "2025-01-10", category: "見守り", summary: "一人暮らしの高齢者を最近見かけない" };
    const before = await counts();
    for (const status of ["SUSPENDED", "CLOSED"]) {
      await sg.running.em.fork().execute(`update hubs.hub set status = ? where id = ?`, [status, h]);
      const res = await sg.query(LOG, { i: worry }, OPERATOR);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordWorry.worry).toBeNull();
      expect(res.data!.recordWorry.userErrors).toEqual([{ code: "HUB_NOT_ACTIVE", field: ["hubId"], message: "活動中ではない拠点です。" }]);
    }
    // Every problem at once: the hub's status with the input's own.
    const bad = await sg.query(LOG, { i: { ...worry, heardOn: "2099-01-01" } }, OPERATOR);
    expectProblems(bad.data!.recordWorry.userErrors, [
      ["HUB_NOT_ACTIVE", ["hubId"]],
      ["DATE_IN_FUTURE", ["heardOn"]],
    ]);
    expect(await counts()).toEqual(before);
    await sg.running.em.fork().execute(`update hubs.hub set status = 'ACTIVE' where id = ?`, [h]);
    const ok = await sg.query(LOG, { i: worry }, OPERATOR);
    expect(ok.data!.recordWorry.userErrors).toEqual([]);
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
  });
});

describe("hubs: recordWorry takes an input object or, deprecated, flat arguments", () => {
  const worry = (hubId: string) => ({ hubId, heardOn: "2025-01-10", category: "見守り", summary: "一人暮らしの高齢者を最近見かけない" });
  const flat = ({ hubId, heardOn, category, summary }: ReturnType<typeof worry>) => ({ h: hubId, d: heardOn, c: category, s: summary });

  it("still records a worry given in the deprecated flat form", async () => {
    const h = (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;
    const before = await count("worry");
    const res = await sg.query(FLAT, flat(worry(h)), OPERATOR);
    expect(res.data!.recordWorry.userErrors).toEqual([]);
    expect(res.data!.recordWorry.worry.id).toBeTruthy();
    expect(await count("worry")).toBe(before + 1);
  });

  it("refuses both forms, neither, and a flat form missing arguments, writing nothing", async () => {
    const h = (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;
    const before = await counts();
    const both = await sg.query(BOTH, { i: worry(h), h }, OPERATOR);
    expect(both.data!.recordWorry.worry).toBeNull();
    expectProblems(both.data!.recordWorry.userErrors, [["CONFLICTING_INPUT_FORMS", ["input"]]]);
    const neither = await sg.query(INPUT, {}, OPERATOR);
    expect(neither.data!.recordWorry.worry).toBeNull();
    expectProblems(neither.data!.recordWorry.userErrors, [["INPUT_REQUIRED", ["input"]]]);
    const missing = await sg.query(FLAT, { h, c: "見守り" }, OPERATOR);
    expect(missing.data!.recordWorry.worry).toBeNull();
    expectProblems(missing.data!.recordWorry.userErrors, [
      ["REQUIRED", ["heardOn"]],
      ["REQUIRED", ["summary"]],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("takes a retry in the input form of a keyed flat call as the same request", async () => {
    const h = (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;
    const before = await counts();
    const first = await sg.query(FLAT, { ...flat(worry(h)), key: "forms-worry-1" }, OPERATOR);
    expect(first.data!.recordWorry.userErrors).toEqual([]);
    const retry = await sg.query(INPUT, { i: worry(h), key: "forms-worry-1" }, OPERATOR);
    expect(retry).toEqual(first);
    // One worry, one event to the hub's topic and its district's.
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
    const other = await sg.query(INPUT, { i: { ...worry(h), category: "買い物" }, key: "forms-worry-1" }, OPERATOR);
    expectProblems(other.data!.recordWorry.userErrors, [["IDEMPOTENCY_KEY_REUSED", ["idempotencyKey"]]]);
  });
});
