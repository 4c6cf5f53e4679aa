import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, fiscalYear, tokyoDate, tokyoMonth } from "@marugoto/shared";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { ruleAppliesTo } from "../compliance/compliance.service.js";
import { hubsSubgraph } from "../subgraph.js";
import type { HubStatusChange } from "./hub-status-change.entity.js";
import type { Hub } from "./hub.entity.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(hubsSubgraph);
});
afterAll(() => sg?.close());

const CHANGE = `mutation ($i: ChangeHubStatusInput!) { changeHubStatus(input: $i) { hub { status closedFiscalYear statusChanges { status effectiveOn reason } } userErrors { code field message } } }`;
const change = (org: string, hubId: string, status: string, reason?: string) =>
  sg.query(CHANGE, { i: { hubId, status, reason } }, org).then((r) => r.data?.changeHubStatus ?? r.errors);

/** The seeded hubs with their operators (district councils). */
async function hubs(): Promise<{ id: string; operator: string }[]> {
  const res = await sg.query(`{ hubs { id operator { code } } }`);
  return res.data!.hubs.map((h: { id: string; operator: { code: string } }) => ({ id: h.id, operator: h.operator.code }));
}

describe("a hub paused, resumed and closed", () => {
  it("by its district council (pause, resume) and 市社協 (close), with the day and reason kept, an event, and nothing recorded while paused", async () => {
    const [hub, other] = await hubs();
    const today = tokyoDate();

    // Another district's council may not touch it; its own may not close it; a pause needs a reason.
    expect((await change(other!.operator, hub!.id, "SUSPENDED", "会場の改修"))[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await change(hub!.operator, hub!.id, "CLOSED", "担い手の不足"))[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await change(hub!.operator, hub!.id, "SUSPENDED")).userErrors).toEqual([
      { code: "REQUIRED", field: ["reason"], message: "休止・廃止の理由を入力してください。" },
    ]);
    expect(
      (await change(hub!.operator, hub!.id, "SUSPENDED", "山田太郎さんの入院のため")).userErrors.map((e: { code: string }) => e.code),
    ).toEqual(["IDENTIFYING_DETAILS"]);
    expect((await change(hub!.operator, hub!.id, "ACTIVE")).userErrors.map((e: { code: string }) => e.code)).toEqual([
      "HUB_STATUS_UNCHANGED",
    ]);

    const cursor = (await sg.query(`query ($h: ID!) { hub(id: $h) { eventCursor } }`, { h: hub!.id })).data!.hub.eventCursor as string;
    const paused = await change(hub!.operator, hub!.id, "SUSPENDED", "会場の改修");
    expect(paused).toEqual({
      hub: {
        status: "SUSPENDED",
        closedFiscalYear: null,
        statusChanges: [{ status: "SUSPENDED", effectiveOn: today, reason: "会場の改修" }],
      },
      userErrors: [],
    });
    const held = await sg.query(
      `mutation ($h: ID!) { recordActivity(input: { hubId: $h, startsAt: "${new Date().toISOString()}", kind: SALON, participants: 5, staff: { districtCouncil: 1, neighbourhoodOfficers: 0, welfareCommissioners: 0, professionals: 0 } }) { userErrors { code } } }`,
      { h: hub!.id },
      hub!.operator,
    );
    expect(held.data!.recordActivity.userErrors).toEqual([{ code: "HUB_NOT_ACTIVE" }]);

    expect((await change(hub!.operator, hub!.id, "ACTIVE")).hub.status).toBe("ACTIVE");
    const closed = await change("shakyo", hub!.id, "CLOSED", "担い手の不足により廃止");
    expect(closed.hub).toMatchObject({ status: "CLOSED", closedFiscalYear: fiscalYear() });
    expect(closed.hub.statusChanges.map((c: { status: string }) => c.status)).toEqual(["SUSPENDED", "ACTIVE", "CLOSED"]);
    // Closing is final.
    expect((await change("shakyo", hub!.id, "ACTIVE")).userErrors.map((e: { code: string }) => e.code)).toEqual(["HUB_CLOSED"]);

    // Each change is an event of the hub and its district, in order.
    const events = await sg.running.em
      .fork()
      .execute<{ kind: string; status: string }[]>(
        `select kind, payload->>'status' as status from hubs.outbox_event where topic = ? and seq > ? order by seq`,
        [`hub:${hub!.id}`, Number(Buffer.from(cursor, "base64url").toString().slice(2))],
      );
    expect(events).toEqual([
      { kind: "HUB_STATUS_CHANGED", status: "SUSPENDED" },
      { kind: "HUB_STATUS_CHANGED", status: "ACTIVE" },
      { kind: "HUB_STATUS_CHANGED", status: "CLOSED" },
    ]);
  });

  it("a session recorded while the hub is being paused waits for the pause and is refused", async () => {
    const list = await hubs();
    const hub = list[4]!;
    const RECORD = `mutation ($h: ID!) { recordActivity(input: { hubId: $h, startsAt: "${new Date().toISOString()}", kind: SALON, participants: 5, staff: { districtCouncil: 1, neighbourhoodOfficers: 0, welfareCommissioners: 0, professionals: 0 } }) { activity { id } userErrors { code } } }`;
    const [paused, recorded] = await whileRowHeld(sg.running.em, "hubs.hub", hub.id, [
      () => change(hub.operator, hub.id, "SUSPENDED", "会場の改修"),
      () => sg.query(RECORD, { h: hub.id }, hub.operator),
    ]);
    expect(paused.hub.status).toBe("SUSPENDED");
    expect(recorded!.data!.recordActivity).toEqual({ activity: null, userErrors: [{ code: "HUB_NOT_ACTIVE" }] });
  });

  it("leaves out of the monthly rule the months a hub was paused or closed in, and keeps those it ran throughout", async () => {
    const [, , hub] = await hubs();
    const now = tokyoMonth();
    const [m1, m2, m3, m4] = [4, 3, 2, 1].map((back) => addMonths(now, -back));
    // Paused from the 10th of m2, resumed on the 1st of m4 (written as history of past days).
    const em = sg.running.em.fork();
    for (const [status, day] of [
      ["SUSPENDED", `${m2}-10`],
      ["ACTIVE", `${m4}-01`],
    ])
      await em.execute(
        `insert into hubs.hub_status_change (id, hub_id, status, effective_on, reason, recorded_by, recorded_at) values (gen_random_uuid(), ?, ?, ?, '会場の改修', 'test', now())`,
        [hub!.id, status, day],
      );
    const trend = await sg.query(`query ($f: String!, $t: String!) { hubComplianceTrend(from: $f, to: $t) { month hubs } }`, {
      f: m1,
      t: now,
    });
    const counted = async (month: string) =>
      (
        (await sg.query(`query ($m: String!) { hubCompliance(month: $m) { hub { id } } }`, { m: month })).data!.hubCompliance as {
          hub: { id: string };
        }[]
      ).some((e) => e.hub.id === hub!.id);
    expect([await counted(m1!), await counted(m2!), await counted(m3!), await counted(m4!), await counted(now)]).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
    // The trend counts one hub fewer in the two months it was paused in.
    const byMonth = Object.fromEntries((trend.data!.hubComplianceTrend as { month: string; hubs: number }[]).map((t) => [t.month, t.hubs]));
    expect(byMonth[m1!]! - byMonth[m2!]!).toBe(1);
    expect(byMonth[m1!]! - byMonth[m3!]!).toBe(1);
    expect(byMonth[m4!]).toBe(byMonth[m1!]);
    // The hub's own month says whether the rule applies to it.
    const own = await sg.query(
      `query ($h: ID!, $a: String!, $b: String!) { hub(id: $h) { a: compliance(month: $a) { ruleApplies } b: compliance(month: $b) { ruleApplies } } }`,
      { h: hub!.id, a: m1, b: m2 },
    );
    expect(own.data!.hub).toEqual({ a: { ruleApplies: true }, b: { ruleApplies: false } });
  });
});

describe("a hub opened", () => {
  const OPEN = `mutation ($i: OpenHubInput!) { openHub(input: $i) { hub { id code name place status openedFiscalYear openedOn operator { code } district { code } } userErrors { code field } } }`;
  const open = (org: string, input: Record<string, unknown>) => sg.query(OPEN, { i: input }, org);

  it("by 市社協 alone, in a district, run by its council, under the next code, with every problem of the input at once", async () => {
    const { data } = await sg.query(`{ districts { code council { code } hubs { code } } }`);
    const districts = data!.districts as { code: string; council: { code: string }; hubs: { code: string }[] }[];
    const empty = districts.find((d) => d.hubs.length === 0)!;
    const covered = await sg.query(`{ hubCoverage { withHub { code } } }`);
    expect(covered.data!.hubCoverage.withHub).not.toContainEqual({ code: empty.code });
    const codes = districts.flatMap((d) => d.hubs.map((h) => Number(h.code.slice(4))));

    expect((await open(empty.council.code, { districtCode: empty.code, name: "新しい拠点" })).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    const bad = await open("shakyo", { districtCode: "district-99".repeat(1000), name: " ", place: "x".repeat(201) });
    expect(bad.data!.openHub.userErrors).toEqual([
      { code: "UNKNOWN_DISTRICT", field: ["districtCode"] },
      { code: "REQUIRED", field: ["name"] },
      { code: "TOO_LONG", field: ["place"] },
    ]);
    // Every caller reads a hub's name and place: neither may single anyone out.
    expect((await open("shakyo", { districtCode: empty.code, name: "拠点", place: "山田太郎さん宅" })).data!.openHub.userErrors).toEqual([
      { code: "IDENTIFYING_DETAILS", field: ["place"] },
    ]);

    const opened = await open("shakyo", { districtCode: empty.code, name: "みなみ地域づくり拠点", place: "南公民館" });
    expect(opened.data!.openHub).toEqual({
      hub: {
        id: expect.any(String),
        code: `hub-${String(Math.max(...codes) + 1).padStart(2, "0")}`,
        name: "みなみ地域づくり拠点",
        place: "南公民館",
        status: "ACTIVE",
        openedFiscalYear: fiscalYear(),
        openedOn: tokyoDate(),
        operator: { code: empty.council.code },
        district: { code: empty.code },
      },
      userErrors: [],
    });
    const hubId = opened.data!.openHub.hub.id as string;
    // The same name twice in one district is refused.
    expect((await open("shakyo", { districtCode: empty.code, name: "みなみ地域づくり拠点" })).data!.openHub.userErrors).toEqual([
      { code: "HUB_NAME_TAKEN", field: ["name"] },
    ]);

    // Its district is now covered; the monthly rule applies from next month, not this one (it opened today),
    // nor to the months of this fiscal year before it.
    const coverage = await sg.query(`{ hubCoverage { withHub { code } } }`);
    expect(coverage.data!.hubCoverage.withHub).toContainEqual({ code: empty.code });
    const counted = async (month: string) =>
      (
        (await sg.query(`query ($m: String!) { hubCompliance(month: $m) { hub { id } } }`, { m: month })).data!.hubCompliance as {
          hub: { id: string };
        }[]
      ).some((e) => e.hub.id === hubId);
    const now = tokyoMonth();
    expect([await counted(addMonths(now, -1)), await counted(now), await counted(addMonths(now, 1))]).toEqual([
      false,
      tokyoDate().endsWith("-01"),
      true,
    ]);
    // Its district's subscribers hear of it.
    const [event] = await sg.running.em
      .fork()
      .execute<{ kind: string }[]>(`select kind from hubs.outbox_event where topic = ? and payload->>'hubId' = ?`, [
        `district:${empty.code}`,
        hubId,
      ]);
    expect(event).toEqual({ kind: "HUB_OPENED" });
  });
});

describe("several changes in one request", () => {
  it("each answers as committed, whatever an earlier one read or was refused", async () => {
    const opened = await sg.query(
      `mutation { openHub(input: { districtCode: "district-29", name: "一度に変える拠点", place: "集会所" }) { hub { id } userErrors { code } } }`,
      {},
      "shakyo",
    );
    const hubId = opened.data!.openHub.hub.id as string;
    const withDistrict = `code district { hubs { code } }`;
    const res = await sg.query(
      `mutation ($h: ID!) {
        a: changeHubStatus(input: { hubId: $h, status: SUSPENDED, reason: "会場の改修" }) { hub { status ${withDistrict} } }
        b: changeHubStatus(input: { hubId: $h, status: SUSPENDED, reason: "会場の改修" }) { userErrors { code } }
        c: changeHubStatus(input: { hubId: $h, status: ACTIVE }) { hub { status statusChanges { status } } }
        d: openHub(input: { districtCode: "district-29", name: "一度に開く拠点" }) { hub { ${withDistrict} } }
      }`,
      { h: hubId },
      "shakyo",
    );
    expect(res.errors).toBeUndefined();
    const { a, b, c, d } = res.data! as Record<
      string,
      {
        hub: { status: string; code: string; district: { hubs: { code: string }[] }; statusChanges: { status: string }[] };
        userErrors: { code: string }[];
      }
    >;
    expect(a!.hub.status).toBe("SUSPENDED");
    expect(b!.userErrors).toEqual([{ code: "HUB_STATUS_UNCHANGED" }]);
    expect(c!.hub.status).toBe("ACTIVE");
    expect(c!.hub.statusChanges.map((x) => x.status)).toEqual(["SUSPENDED", "ACTIVE"]);
    // The district's hubs, read by the first change, include the hub the last opened.
    expect(d!.hub.district.hubs.map((h) => h.code)).toContain(d!.hub.code);
    expect(d!.hub.district.hubs).toHaveLength(a!.hub.district.hubs.length + 1);
  });
});

describe("ruleAppliesTo", () => {
  const hub = { openedFiscalYear: 2020, closedFiscalYear: null, status: "ACTIVE" } as unknown as Hub;
  const history = (...changes: [string, string][]) => changes.map(([status, effectiveOn]) => ({ status, effectiveOn }) as HubStatusChange);
  const TODAY = "2026-06-15";

  it("applies to a hub without history in every month from its opening year", () => {
    expect(ruleAppliesTo(hub, [], "2020-04", TODAY)).toBe(true);
    expect(ruleAppliesTo(hub, [], "2020-03", TODAY)).toBe(false);
    expect(ruleAppliesTo({ ...hub, status: "SUSPENDED" } as Hub, [], "2026-06", TODAY)).toBe(false);
    expect(ruleAppliesTo({ ...hub, status: "SUSPENDED" } as Hub, [], "2026-05", TODAY)).toBe(true);
  });

  it("with history: only months it was active throughout; a resumption on the 1st counts that month", () => {
    const changes = history(["SUSPENDED", "2026-02-10"], ["ACTIVE", "2026-04-01"], ["CLOSED", "2026-06-03"]);
    const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"];
    expect(months.map((m) => ruleAppliesTo({ ...hub, status: "CLOSED", closedFiscalYear: 2026 } as Hub, changes, m, TODAY))).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
    // Paused before history was kept (its first change resumes it): not active before that change.
    expect(["2026-02", "2026-03", "2026-04"].map((m) => ruleAppliesTo(hub, history(["ACTIVE", "2026-03-15"]), m, TODAY))).toEqual([
      false,
      false,
      true,
    ]);
    // Opened on a day: the months that began before it are left out, even in its fiscal year.
    const opened = { ...hub, openedFiscalYear: 2026, openedOn: "2026-05-01" } as Hub;
    expect(["2026-04", "2026-05", "2026-06"].map((m) => ruleAppliesTo(opened, [], m, TODAY))).toEqual([false, true, true]);
    // Resumed on the 2nd: the month it was paused for a day is left out.
    expect(ruleAppliesTo(hub, history(["SUSPENDED", "2026-02-10"], ["ACTIVE", "2026-04-02"]), "2026-04", TODAY)).toBe(false);
    // Paused and resumed on the 1st itself: paused in that month all the same.
    expect(ruleAppliesTo(hub, history(["SUSPENDED", "2026-05-01"], ["ACTIVE", "2026-05-01"]), "2026-05", TODAY)).toBe(false);
  });
});
