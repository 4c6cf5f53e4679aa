import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findIdentifyingDetails } from "@marugoto/shared";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { hubsSubgraph } from "../subgraph.js";

/** recordActivity: every problem of the session at once, each with its field path; nothing written. */
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(hubsSubgraph);
});
afterAll(() => sg?.close());

const OPERATOR = "shakyo";
const JAPANESE = /[ぁ-んァ-ン一-龥]/;
type Problem = { code: string; field: string[] | null; message: string };
const RECORD = `mutation ($i: RecordActivityInput!) { recordActivity(input: $i) { activity { id } userErrors { code field message } } }`;
const staff = { districtCouncil: 2, neighbourhoodOfficers: 1, welfareCommissioners: 1, professionals: 0 };
const count = async (table: string) => {
  const [row] = await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from hubs.${table}`);
  return Number(row!.n);
};
const counts = () => Promise.all(["activity", "outbox_event"].map(count));

function expectProblems(errors: Problem[], expected: [code: string, field: string[]][]) {
  expect(errors.map((e) => [e.code, e.field])).toEqual(expected);
  for (const e of errors) expect(e.message).toMatch(JAPANESE);
}

describe("hubs: recordActivity lists every problem", () => {
  it("the hub's status, the date, participants, each staff count, title and notes together", async () => {
    const hubId = (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;
    await sg.running.em.fork().execute(`update hubs.hub set status = 'SUSPENDED' where id = ?`, [hubId]);
    const before = await counts();
    const res = await sg.query(
      RECORD,
      {
        i: {
          hubId,
          startsAt: "2099-01-01T01:00:00Z",
          kind: "SALON",
          title: "題".repeat(201),
          participants: -1,
          staff: { ...staff, welfareCommissioners: -2, professionals: 1001 },
          notes: "メ".repeat(4001),
        },
      },
      OPERATOR,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordActivity.activity).toBeNull();
    expectProblems(res.data!.recordActivity.userErrors, [
      ["HUB_NOT_ACTIVE", ["hubId"]],
      ["DATE_IN_FUTURE", ["startsAt"]],
      ["INVALID_PARTICIPANTS", ["participants"]],
      ["INVALID_STAFF", ["staff", "welfareCommissioners"]],
      ["INVALID_STAFF", ["staff", "professionals"]],
      ["TOO_LONG", ["title"]],
      ["TOO_LONG", ["notes"]],
    ]);
    expect(await counts()).toEqual(before);
    await sg.running.em.fork().execute(`update hubs.hub set status = 'ACTIVE' where id = ?`, [hubId]);
    const ok = await sg.query(
      RECORD,
      { i: { hubId, startsAt: "2025-01-10T01:00:00Z", kind: "SALON", title: "サロン", participants: 3, staff } },
      OPERATOR,
    );
    expect(ok.data!.recordActivity.userErrors).toEqual([]);
    // One event, to the hub's topic and its district's.
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
  });
});

describe("hubs: a professional consultation day needs a professional", () => {
  const MONTH = `query ($id: ID!) { hub(id: $id) { compliance(month: "2025-02") { sessions consultationDays lacksConsultationDay } } }`;

  it("refuses one with no professional on staff, writing nothing and leaving the month's compliance as it was", async () => {
    const hubId = (await sg.query(`{ hubs { id } }`)).data!.hubs[1].id as string;
    const month = async () => (await sg.query(MONTH, { id: hubId })).data!.hub.compliance;
    const before = await counts();
    const consultation = {
      hubId,
      startsAt: "2025-02-05T01:00:00Z",
      kind: "PROFESSIONAL_CONSULTATION",
      title: "専門職の相談日",
      participants: 6,
    };
    const res = await sg.query(RECORD, { i: { ...consultation, staff } }, OPERATOR);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordActivity.activity).toBeNull();
    expectProblems(res.data!.recordActivity.userErrors, [["PROFESSIONAL_REQUIRED", ["staff", "professionals"]]]);
    expect(await counts()).toEqual(before);
    expect(await month()).toEqual({ sessions: 0, consultationDays: 0, lacksConsultationDay: true });
    // Other kinds need no professional; a consultation day with one counts.
    const salon = await sg.query(RECORD, { i: { ...consultation, kind: "SALON", title: "サロン", staff } }, OPERATOR);
    expect(salon.data!.recordActivity.userErrors).toEqual([]);
    const ok = await sg.query(RECORD, { i: { ...consultation, staff: { ...staff, professionals: 1 } } }, OPERATOR);
    expect(ok.data!.recordActivity.userErrors).toEqual([]);
    expect(await month()).toEqual({ sessions: 2, consultationDays: 1, lacksConsultationDay: false });
  });

  it("the seeded consultation days each have a professional", async () => {
    const [row] = await sg.running.em
      .fork()
      .execute<{ seeded: string; without: string }[]>(
        `select count(*) as seeded, count(*) filter (where (staff->>'professionals')::int < 1) as without from hubs.activity where recorded_by = 'seed' and kind = 'PROFESSIONAL_CONSULTATION'`,
      );
    expect(Number(row!.seeded)).toBeGreaterThan(0);
    expect(Number(row!.without)).toBe(0);
  });
});

describe("hubs: a session is recorded once held, at a hub already open", () => {
  it("refuses one starting later today or before the hub opened; takes one on its opening day and one just begun", async () => {
    const [hub] = (await sg.query(`{ hubs { id openedFiscalYear } }`)).data!.hubs as { id: string; openedFiscalYear: number }[];
    const session = (startsAt: string) => ({ hubId: hub!.id, startsAt, kind: "SALON", participants: 5, staff });
    const before = await counts();
    const laterToday = await sg.query(RECORD, { i: session(new Date(Date.now() + 60 * 60_000).toISOString()) }, OPERATOR);
    expectProblems(laterToday.data!.recordActivity.userErrors, [["DATE_IN_FUTURE", ["startsAt"]]]);
    // The day before its opening fiscal year began (a hub known by its year only), in Tokyo.
    const beforeOpening = await sg.query(RECORD, { i: session(`${hub!.openedFiscalYear}-03-31T23:00:00+09:00`) }, OPERATOR);
    expectProblems(beforeOpening.data!.recordActivity.userErrors, [["BEFORE_HUB_OPENED", ["startsAt"]]]);
    expect(beforeOpening.data!.recordActivity.userErrors[0].message).toContain(`${hub!.openedFiscalYear}-04-01`);
    expect(await counts()).toEqual(before);
    for (const startsAt of [`${hub!.openedFiscalYear}-04-01T00:30:00+09:00`, new Date(Date.now() - 60_000).toISOString()])
      expect((await sg.query(RECORD, { i: session(startsAt) }, OPERATOR)).data!.recordActivity.userErrors).toEqual([]);
  });
});

describe("hubs: activity titles are screened for identifying details", () => {
  it("refuses a title naming a person, writing nothing, and takes a title that names no one", async () => {
    const hubId = (await sg.query(`{ hubs { id } }`)).data!.hubs[2].id as string;
    const before = await counts();
    const visit = { hubId, startsAt: "2025-03-05T01:00:00Z", kind: "OTHER", participants: 2, staff };
    const res = await sg.query(RECORD, { i: { ...visit, title: "山田太郎さん宅訪問" } }, OPERATOR);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordActivity.activity).toBeNull();
    expectProblems(res.data!.recordActivity.userErrors, [["IDENTIFYING_DETAILS", ["title"]]]);
    expect(await counts()).toEqual(before);
    const ok = await sg.query(RECORD, { i: { ...visit, title: "一人暮らし高齢者宅への訪問" } }, OPERATOR);
    expect(ok.data!.recordActivity.userErrors).toEqual([]);
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2]);
  });

  it("the seeded titles pass the screening", async () => {
    const rows = await sg.running.em
      .fork()
      .execute<{ title: string }[]>(`select distinct title from hubs.activity where recorded_by = 'seed' and title is not null`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { title } of rows) expect(findIdentifyingDetails(title), title).toEqual([]);
  });
});
