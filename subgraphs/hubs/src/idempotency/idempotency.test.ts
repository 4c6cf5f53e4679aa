import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { hubsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(hubsSubgraph);
});
afterAll(() => sg?.close());

const OPERATOR = "shakyo";
const RECORD = `mutation ($i: RecordActivityInput!, $key: String) { recordActivity(input: $i, idempotencyKey: $key) { activity { id participants } userErrors { code field } } }`;
const LOG = `mutation ($h: ID!, $s: String!, $key: String) { recordWorry(input: { hubId: $h, heardOn: "2025-01-10", category: "見守り", summary: $s }, idempotencyKey: $key) { worry { id category } userErrors { code field } } }`;
const staff = { districtCouncil: 2, neighbourhoodOfficers: 1, welfareCommissioners: 1, professionals: 0 };
const count = async (table: string) =>
  Number((await sg.running.em.fork().execute<{ n: string }[]>(`select count(*) as n from hubs.${table}`))[0]!.n);
const hubId = async () => (await sg.query(`{ hubs { id } }`)).data!.hubs[0].id as string;

describe("idempotency keys on hubs mutations", () => {
  it("records a retried activity once, with its events once, and answers the retry with the same activity", async () => {
    const i = { hubId: await hubId(), startsAt: "2025-01-10T01:00:00Z", kind: "SALON", participants: 12, staff };
    const before = await Promise.all([count("activity"), count("outbox_event")]);
    const first = await sg.query(RECORD, { i, key: "activity-1" }, OPERATOR);
    expect(first.data!.recordActivity.userErrors).toEqual([]);
    const afterFirst = await Promise.all([count("activity"), count("outbox_event")]);
    expect(afterFirst[0]).toBe(before[0]! + 1);
    const [again, concurrent] = await Promise.all([
      sg.query(RECORD, { i, key: "activity-1" }, OPERATOR),
      sg.query(RECORD, { i, key: "activity-1" }, OPERATOR),
    ]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    expect(await Promise.all([count("activity"), count("outbox_event")])).toEqual(afterFirst);
    // The same key with other arguments is refused, and writes nothing.
    const reused = await sg.query(RECORD, { i: { ...i, participants: 13 }, key: "activity-1" }, OPERATOR);
    expect(reused.data!.recordActivity).toEqual({
      activity: null,
      userErrors: [{ code: "IDEMPOTENCY_KEY_REUSED", field: ["idempotencyKey"] }],
    });
    expect(await Promise.all([count("activity"), count("outbox_event")])).toEqual(afterFirst);
  });

  it("logs a retried worry once; a refused one does not use its key up", async () => {
    const h = await hubId();
    const before = await Promise.all([count("worry"), count("outbox_event")]);
    const refused = await sg.query(LOG, { h, s: "山田さん、最近見かけない", key: "worry-1" }, OPERATOR);
    expect(refused.data!.recordWorry.userErrors[0].code).toBe("PERSONAL_DATA_IN_SUMMARY");
    const first = await sg.query(LOG, { h, s: "一人暮らしの高齢者を最近見かけない", key: "worry-1" }, OPERATOR);
    expect(first.data!.recordWorry.userErrors).toEqual([]);
    const afterFirst = await Promise.all([count("worry"), count("outbox_event")]);
    expect(afterFirst[0]).toBe(before[0]! + 1);
    expect(await sg.query(LOG, { h, s: "一人暮らしの高齢者を最近見かけない", key: "worry-1" }, OPERATOR)).toEqual(first);
    expect(await Promise.all([count("worry"), count("outbox_event")])).toEqual(afterFirst);
  });
});
