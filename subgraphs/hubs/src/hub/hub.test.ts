import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYear, referenceDataPath, tokyoMonth } from "@marugoto/shared";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { hubsSubgraph } from "../subgraph.js";

const data = JSON.parse(readFileSync(referenceDataPath, "utf8"));
let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(hubsSubgraph);
});
afterAll(() => sg?.close());

const OPERATOR = "shakyo";
const RECORD = `mutation ($i: RecordActivityInput!) { recordActivity(input: $i) { activity { id } userErrors { code message } } }`;
const staff = { districtCouncil: 2, neighbourhoodOfficers: 1, welfareCommissioners: 1, professionals: 0 };

async function hubIds(): Promise<string[]> {
  const res = await sg.query(`{ hubs { id code } }`);
  return res.data!.hubs.map((h: { id: string }) => h.id);
}

async function record(hubId: string, startsAt: string, kind = "SALON", org = OPERATOR) {
  // A consultation day needs a professional on staff.
  const professionals = kind === "PROFESSIONAL_CONSULTATION" ? 1 : 0;
  const res = await sg.query(RECORD, { i: { hubId, startsAt, kind, participants: 12, staff: { ...staff, professionals } } }, org);
  expect(res.errors).toBeUndefined();
  return res.data!.recordActivity;
}

describe("hubs: districts, hubs and coverage", () => {
  it("seeds the 30 districts and the hubs' growth of the city's document", async () => {
    const res = await sg.query(
      `{ districts { code council { code } } hubs { code } hubCoverageHistory { fiscalYear hubs districtsWithHub goal reportedHubs reportedDistricts } hubCoverage { goal withHub { code } withoutHub { code } } }`,
    );
    expect(res.data!.districts).toHaveLength(data.city.districts);
    expect(res.data!.districts[0]).toEqual({ code: "district-01", council: { code: "district-council-01" } });
    for (const h of data.hubs.history) {
      const year = res.data!.hubCoverageHistory.find((y: { fiscalYear: number }) => y.fiscalYear === h.fiscalYear);
      expect(year).toEqual({
        fiscalYear: h.fiscalYear,
        hubs: h.hubs,
        districtsWithHub: h.districts,
        goal: 30,
        reportedHubs: h.hubs,
        reportedDistricts: h.districts,
      });
    }
    const last = data.hubs.history.at(-1);
    // The history runs to the current fiscal year, the years after the city's last report computed
    // from the hubs (none has opened since: as many as that report).
    const years = res.data!.hubCoverageHistory as { fiscalYear: number; hubs: number; reportedHubs: number | null }[];
    expect(years.at(-1)!.fiscalYear).toBe(fiscalYear());
    expect(years.at(-1)).toMatchObject({ hubs: last.hubs, reportedHubs: fiscalYear() === last.fiscalYear ? last.hubs : null });
    expect(res.data!.hubs).toHaveLength(last.hubs);
    expect(res.data!.hubCoverage.withHub).toHaveLength(last.districts);
    expect(res.data!.hubCoverage.withoutHub).toHaveLength(30 - last.districts);
  });
});

describe("hubs: the monthly rule (at least 8 sessions, one a professional consultation day)", () => {
  it("lists a hub with 7 sessions, and one without a consultation day, but not one with 8 and a consultation day", async () => {
    const [a, b, c] = await hubIds();
    const month = "2025-01";
    const day = (n: number) => `2025-01-${String(n).padStart(2, "0")}T01:00:00Z`;
    for (let i = 0; i < 7; i++) await record(a!, day(2 + i), i === 0 ? "PROFESSIONAL_CONSULTATION" : "SALON");
    for (let i = 0; i < 8; i++) await record(b!, day(2 + i), "EXERCISE");
    for (let i = 0; i < 8; i++) await record(c!, day(2 + i), i === 3 ? "PROFESSIONAL_CONSULTATION" : "SALON");
    const res = await sg.query(
      `query ($m: String!) { hubCompliance(month: $m, failingOnly: true) { hub { id } sessions consultationDays missingSessions lacksConsultationDay compliant } }`,
      { m: month },
    );
    const failing = res.data!.hubCompliance as {
      hub: { id: string };
      sessions: number;
      missingSessions: number;
      lacksConsultationDay: boolean;
    }[];
    expect(failing.find((f) => f.hub.id === a)).toMatchObject({
      sessions: 7,
      consultationDays: 1,
      missingSessions: 1,
      lacksConsultationDay: false,
      compliant: false,
    });
    expect(failing.find((f) => f.hub.id === b)).toMatchObject({
      sessions: 8,
      consultationDays: 0,
      missingSessions: 0,
      lacksConsultationDay: true,
    });
    expect(failing.find((f) => f.hub.id === c)).toBeUndefined();
    const all = await sg.query(`query ($m: String!) { hubCompliance(month: $m) { hub { id } compliant } }`, { m: month });
    expect(all.data!.hubCompliance.find((e: { hub: { id: string } }) => e.hub.id === c)).toMatchObject({ compliant: true });
  });

  it("counts months in Asia/Tokyo: 15:30 UTC on the last day is already the next month", async () => {
    const [, , , d] = await hubIds();
    // 2025-03-31T15:30Z = 2025-04-01 00:30 JST → April; 2025-02-28T14:59Z = 2025-02-28 23:59 JST → February.
    await record(d!, "2025-03-31T15:30:00Z");
    await record(d!, "2025-02-28T14:59:00Z");
    await record(d!, "2025-02-28T15:00:00Z"); // 2025-03-01 00:00 JST → March
    const res = await sg.query(
      `query ($id: ID!) { hub(id: $id) { feb: compliance(month: "2025-02") { sessions } mar: compliance(month: "2025-03") { sessions } apr: compliance(month: "2025-04") { sessions } } }`,
      { id: d },
    );
    expect(res.data!.hub).toEqual({ feb: { sessions: 1 }, mar: { sessions: 1 }, apr: { sessions: 1 } });
    const trend = await sg.query(`{ hubComplianceTrend(from: "2025-02", to: "2025-04") { month hubs compliantHubs } }`);
    expect(trend.data!.hubComplianceTrend.map((m: { month: string }) => m.month)).toEqual(["2025-02", "2025-03", "2025-04"]);
    expect(trend.data!.hubComplianceTrend.every((m: { compliantHubs: number }) => m.compliantHubs === 0)).toBe(true);
  });

  it("judges each month's hubs as they were: a hub opened later is no failure of an earlier month, one suspended since keeps its past", async () => {
    const { data } = await sg.query(
      `{ hubCoverageHistory { fiscalYear hubs } early: hubComplianceTrend(from: "2018-03", to: "2019-04") { month hubs } }`,
    );
    const hubsIn = (fy: number) => data!.hubCoverageHistory.find((y: { fiscalYear: number }) => y.fiscalYear === fy).hubs as number;
    const early = data!.early as { month: string; hubs: number }[];
    // March 2018 is in FY2017, April 2018 in FY2018, April 2019 in FY2019: each month counts its year's hubs.
    expect(early.find((m) => m.month === "2018-03")!.hubs).toBe(hubsIn(2017));
    expect(early.find((m) => m.month === "2018-04")!.hubs).toBe(hubsIn(2018));
    expect(early.find((m) => m.month === "2019-04")!.hubs).toBe(hubsIn(2019));
    expect(hubsIn(2017)).toBeLessThan(hubsIn(2019));
    const listed = async (month: string) =>
      (
        (await sg.query(`query ($m: String!) { hubCompliance(month: $m) { hub { code } } }`, { m: month })).data!.hubCompliance as {
          hub: { code: string };
        }[]
      ).map((e) => e.hub.code);
    expect(await listed("2018-03")).toHaveLength(hubsIn(2017));

    // A hub suspended now: gone from this month's list, still in its past months'.
    const now = tokyoMonth();
    const em = sg.running.em.fork();
    const [hub] = await em.execute<{ id: string; code: string }[]>(
      `select id, code from hubs.hub where status = 'ACTIVE' order by code limit 1`,
    );
    await em.execute(`update hubs.hub set status = 'SUSPENDED' where id = ?`, [hub!.id]);
    try {
      expect(await listed(now)).not.toContain(hub!.code);
      expect(await listed("2023-01")).toContain(hub!.code);
    } finally {
      await em.execute(`update hubs.hub set status = 'ACTIVE' where id = ?`, [hub!.id]);
    }
    expect(await listed(now)).toContain(hub!.code);
  });

  it("lets only the hub's district council or 市社協 record, and refuses bad input without writing", async () => {
    const [a] = await hubIds();
    const other = await sg.query(
      RECORD,
      { i: { hubId: a, startsAt: "2025-05-01T01:00:00Z", kind: "SALON", participants: 5, staff } },
      "district-council-30",
    );
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const own = await sg.query(`{ hubs { id operator { code } } }`);
    const operator = own.data!.hubs.find((h: { id: string }) => h.id === a).operator.code;
    expect((await record(a!, "2025-05-01T01:00:00Z", "SALON", operator)).userErrors).toEqual([]);
    const bad = await sg.query(
      RECORD,
      { i: { hubId: a, startsAt: "2025-05-02T01:00:00Z", kind: "SALON", participants: -1, staff } },
      OPERATOR,
    );
    expect(bad.data!.recordActivity).toEqual({
      activity: null,
      userErrors: [{ code: "INVALID_PARTICIPANTS", message: "参加者数は0以上の整数で入力してください。" }],
    });
    const may = await sg.query(`query ($id: ID!) { hub(id: $id) { compliance(month: "2025-05") { sessions } } }`, { id: a });
    expect(may.data!.hub.compliance.sessions).toBe(1);
  });
});

describe("hubs: batching", () => {
  it("lists every hub with its month, compliance and worries in a few statements", async () => {
    const { result, statements } = await sg.running.counter.measure(() =>
      sg.query(
        `{ hubs { code district { name } operator { code } compliance(month: "2025-01") { sessions compliant } activities(month: "2025-01") { kind } worries { nodes { category summary } } } }`,
        {},
        OPERATOR,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.hubs.length).toBeGreaterThanOrEqual(24);
    // The request's event cursor (read once, before the hubs), the hubs, the hubs' status history
    // (whether the rule applies each month), and one per list.
    expect(statements.length).toBeLessThanOrEqual(8);
  });

  it("batches references: the statement count does not grow with the number of hubs", async () => {
    const HUBS = `query ($d: String) { hubs(districtCode: $d) { code district { name hubs { code } } operator { code } compliance(month: "2025-01") { sessions } activities(month: "2025-01") { kind staff { professionals } } worries { nodes { category summary passedTo { code } } } } }`;
    const statementsFor = async (d: string | null) => {
      const { result, statements } = await sg.running.counter.measure(() => sg.query(HUBS, { d }, OPERATOR));
      expect(result.errors).toBeUndefined();
      return { rows: (result.data!.hubs as unknown[]).length, statements: statements.length };
    };
    const first = (await sg.query(`{ hubs { district { code } } }`)).data!.hubs[0].district.code as string;
    const few = await statementsFor(first);
    const many = await statementsFor(null);
    expect(few.rows).toBeGreaterThanOrEqual(1);
    expect(many.rows).toBeGreaterThan(few.rows * 5);
    expect(many.statements).toBe(few.statements);
  });
});

describe("hubs: worries", () => {
  it("closes a worry once when it is passed on and solved locally at once, and passes it only to an organisation that exists and takes consultations", async () => {
    const [a] = await hubIds();
    const recorded = await sg.query(
      `mutation { recordWorry(input: { hubId: "${a}", heardOn: "2025-02-03", category: "見守り", summary: "新聞がたまっている家がある" }) { worry { id } } }`,
      {},
      OPERATOR,
    );
    const id = recorded.data!.recordWorry.worry.id as string;
    const resolve = (passedToCode: string | null) => () =>
      sg.query(
        `mutation ($id: ID!, $to: String) { resolveWorry(worryId: $id, passedToCode: $to) { worry { resolution } userErrors { code message field } } }`,
        { id, to: passedToCode },
        OPERATOR,
      );
    const unknown = await resolve("no-such-centre")();
    expect(unknown.data!.resolveWorry.userErrors).toEqual([
      {
        code: "UNKNOWN_ORGANIZATION",
        message: "つなぎ先の組織コード「no-such-centre」の組織は組織名簿にありません。",
        field: ["passedToCode"],
      },
    ]);
    // Known, but none that takes a consultation: a department, the hub's own district council, a facility.
    for (const code of ["fukushi-suishin-bu", "district-council-01", "welfare-facility-01"])
      expect((await resolve(code)()).data!.resolveWorry.userErrors).toEqual([
        {
          code: "NOT_A_CONSULTATION_RECEIVER",
          message: expect.stringContaining("相談を受ける機関ではありません"),
          field: ["passedToCode"],
        },
      ]);
    const answers = await whileRowHeld(sg.running.em, "hubs.worry", id, [resolve("community-general-support-center-01"), resolve(null)]);
    expect(answers.map((r) => r.data!.resolveWorry.userErrors.map((e: { code: string }) => e.code))).toEqual([[], ["ALREADY_RESOLVED"]]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ resolution: string; passed_to_code: string }[]>(`select resolution, passed_to_code from hubs.worry where id = ?`, [id]);
    expect(row).toEqual({ resolution: "PASSED_ON", passed_to_code: "community-general-support-center-01" });
    const resolved = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*) as n from hubs.outbox_event where kind = 'WORRY_RESOLVED' and topic = ? and payload->>'worryId' = ?`,
        [`hub:${a}`, id],
      );
    expect(Number(resolved[0]!.n)).toBe(1);
  });

  it("keeps names out and the summary for those who need it", async () => {
    const [a] = await hubIds();
    const log = `mutation ($h: ID!, $s: String!) { recordWorry(input: { hubId: $h, heardOn: "2025-01-10", category: "見守り", summary: $s }) { worry { id summary } userErrors { code } } }`;
    expect((await sg.query(log, { h: a, s: "山田さん、最近見かけない" }, OPERATOR)).data!.recordWorry.userErrors).toEqual([
      { code: "PERSONAL_DATA_IN_SUMMARY" },
    ]);
    const ok = await sg.query(log, { h: a, s: "一人暮らしの高齢者を最近見かけない" }, OPERATOR);
    const id = ok.data!.recordWorry.worry.id;
    await sg.query(
      `mutation ($id: ID!) { resolveWorry(worryId: $id, passedToCode: "community-general-support-center-02") { worry { resolution } } }`,
      { id },
      OPERATOR,
    );
    const read = (org: string) =>
      sg.query(
        `query ($h: ID!) { hub(id: $h) { worries(first: 200) { nodes { id summary resolution passedTo { code } } } } }`,
        { h: a },
        org,
      );
    const mine = (org: string) => read(org).then((r) => r.data!.hub.worries.nodes.find((w: { id: string }) => w.id === id));
    expect(await mine("community-general-support-center-02")).toMatchObject({
      summary: "一人暮らしの高齢者を最近見かけない",
      resolution: "PASSED_ON",
    });
    // Another organisation does not see the worry at all (a list of worries by hub and day is the
    // count by district the fiscal-year report withholds when small); an analyst of the programme
    // sees it, without its summary.
    expect(await mine("koho")).toBeUndefined();
    const analyst = await sg.query(
      `query ($h: ID!) { hub(id: $h) { worries(first: 200) { nodes { id summary passedTo { code } } } } }`,
      { h: a },
      "seikatsu-fukushi",
      ["analyst"],
    );
    expect(analyst.data!.hub.worries.nodes.find((w: { id: string }) => w.id === id)).toEqual({
      id,
      summary: null,
      passedTo: { code: "community-general-support-center-02" },
    });
  });

  it("shows each organisation only the worries it may see: the hub's operator and 市社協 all, another only those passed on to it", async () => {
    const [, b] = await hubIds();
    const { data } = await sg.query(`query ($h: ID!) { hub(id: $h) { operator { code } } }`, { h: b });
    const operator = data!.hub.operator.code as string;
    // Without `to`, the worry stays open; with it, it is passed on.
    const log = async (summary: string, to?: string) => {
      const res = await sg.query(
        `mutation ($h: ID!, $s: String!) { recordWorry(input: { hubId: $h, heardOn: "2025-03-04", category: "見守り", summary: $s }) { worry { id } } }`,
        { h: b, s: summary },
        operator,
      );
      const id = res.data!.recordWorry.worry.id as string;
      if (to !== undefined)
        await sg.query(
          `mutation ($id: ID!, $to: String) { resolveWorry(worryId: $id, passedToCode: $to) { worry { id } } }`,
          { id, to },
          operator,
        );
      return id;
    };
    const open = await log("ごみ出しに困っている世帯がある");
    const passed = await log("介護の相談先を知りたい人がいる", "community-general-support-center-03");
    // An empty code is no organisation: solved locally, nothing stored in its place.
    const res = await sg.query(
      `mutation ($h: ID!) { recordWorry(input: { hubId: $h, heardOn: "2025-03-04", category: "見守り", summary: "回覧板が止まっている" }) { worry { id } } }`,
      { h: b },
      operator,
    );
    const local = res.data!.recordWorry.worry.id as string;
    const solved = await sg.query(
      `mutation ($id: ID!) { resolveWorry(worryId: $id, passedToCode: "") { worry { resolution passedTo { code } } } }`,
      { id: local },
      operator,
    );
    expect(solved.data!.resolveWorry.worry).toEqual({ resolution: "SOLVED_LOCALLY", passedTo: null });

    const seen = async (org: string) =>
      (
        (await sg.query(`query ($h: ID!) { hub(id: $h) { worries(first: 200) { nodes { id } } } }`, { h: b }, org)).data!.hub.worries
          .nodes as { id: string }[]
      )
        .map((w) => w.id)
        .filter((id) => [open, passed, local].includes(id))
        .sort();
    expect(await seen(operator)).toEqual([open, passed, local].sort());
    expect(await seen("shakyo")).toEqual([open, passed, local].sort());
    expect(await seen("community-general-support-center-03")).toEqual([passed]);
    expect(await seen("koho")).toEqual([]);
    expect(await seen("nozei")).toEqual([]);
  });

  it("pages a hub's worries newest first, by resolution, counting only those the caller may see", async () => {
    const hub = (await hubIds())[3]!;
    const ids: string[] = [];
    for (const [day, summary] of [
      ["2026-11-01", "草刈りの手が足りない"],
      ["2026-11-02", "配食の相談先を知りたい"],
      ["2026-11-03", "雪下ろしの担い手がいない"],
    ]) {
      const res = await sg.query(
        `mutation ($h: ID!, $d: LocalDate!, $s: String!) { recordWorry(input: { hubId: $h, heardOn: $d, category: "生活", summary: $s }) { worry { id } } }`,
        { h: hub, d: day, s: summary },
        OPERATOR,
      );
      ids.push(res.data!.recordWorry.worry.id as string);
    }
    // The oldest of the three is passed on; the newest solved locally; the middle one stays open.
    const resolve = (id: string, to: string | null) =>
      sg.query(
        `mutation ($id: ID!, $to: String) { resolveWorry(worryId: $id, passedToCode: $to) { userErrors { code } } }`,
        { id, to },
        OPERATOR,
      );
    await resolve(ids[0]!, "community-general-support-center-04");
    await resolve(ids[2]!, null);

    const PAGE = `query ($h: ID!, $first: Int, $after: String, $r: WorryResolution) { hub(id: $h) { worries(first: $first, after: $after, resolution: $r) { nodes { id heardOn } edges { cursor } pageInfo { hasNextPage endCursor } } } }`;
    const page = async (org: string, vars: Record<string, unknown>) => {
      const res = await sg.query(PAGE, { h: hub, ...vars }, org);
      expect(res.errors).toBeUndefined();
      return res.data!.hub.worries as {
        nodes: { id: string; heardOn: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const first = await page(OPERATOR, { first: 2 });
    expect(first.nodes.map((w) => w.id)).toEqual([ids[2], ids[1]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await page(OPERATOR, { first: 2, after: first.pageInfo.endCursor });
    expect(next.nodes[0]!.id).toBe(ids[0]);
    expect(next.nodes.every((w) => w.heardOn <= "2026-11-01")).toBe(true);
    expect((await page(OPERATOR, { first: 200, r: "OPEN" })).nodes.map((w) => w.id).filter((id) => ids.includes(id))).toEqual([ids[1]]);

    // The agency the oldest was passed to: its first page of one is that worry, not an empty page
    // where newer worries it may not see were counted.
    const agency = await page("community-general-support-center-04", { first: 1 });
    expect(agency.nodes.map((w) => w.id)).toEqual([ids[0]]);
    expect(agency.pageInfo.hasNextPage).toBe(false);

    // A cursor not made by this list is bad input, said in Japanese.
    for (const key of [
      ["x", 1],
      ["2026-02-30", ids[0]],
      ["1", ids[0]],
    ]) {
      const forged = await sg.query(PAGE, { h: hub, after: Buffer.from(JSON.stringify(key)).toString("base64url") }, OPERATOR);
      expect(forged.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(forged.errors?.[0]?.message).toContain("カーソル");
    }
  });

  it("reads a hub's event cursor before the hub and its lists: it is never ahead of what was read beside it", async () => {
    const [a] = await hubIds();
    const { result, statements } = await sg.running.counter.measure(() =>
      sg.query(
        `query ($h: ID!) { hub(id: $h) { worries { nodes { id } } activities(month: "2025-01") { id } eventCursor } }`,
        { h: a },
        OPERATOR,
      ),
    );
    expect(result.errors).toBeUndefined();
    const cursorAt = statements.findIndex((q) => q.includes("outbox_event"));
    const rowsAt = statements.findIndex((q) => /from "hubs"\."(hub|worry|activity)"/.test(q));
    expect(cursorAt, statements.join("\n")).toBeGreaterThanOrEqual(0);
    expect(cursorAt).toBeLessThan(rowsAt);
  });
});
