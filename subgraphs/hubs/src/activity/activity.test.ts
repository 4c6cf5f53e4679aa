import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
