import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { hubsSubgraph } from "../subgraph.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(hubsSubgraph);
});
afterAll(() => sg?.close());

/** A fiscal year no seed reaches: only the worries written here count in it. */
const FY = 2001;
const FIGURES = `query ($fy: Int!) { _entities(representations: [{ __typename: "FiscalYearReport", fiscalYear: $fy }]) { ... on FiscalYearReport {
  hubFigures { worriesHeard { value display } worriesPassedOn { value display } byDistrict { district { code } worriesHeard { value display } } } } } }`;

type Figure = { value: number | null; display: string };
interface Figures {
  worriesHeard: Figure;
  worriesPassedOn: Figure;
  byDistrict: { district: { code: string }; worriesHeard: Figure }[];
}

async function figures(roles: string[]): Promise<Figures> {
  const res = await sg.query(FIGURES, { fy: FY }, "koho", roles);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].hubFigures as Figures;
}

describe("worries by district in the fiscal-year report", () => {
  it("withholds more districts when one is small, so that the city total cannot give the small one away", async () => {
    const em = sg.running.em.fork();
    const hubs = await em.execute<{ id: string; code: string }[]>(
      `select distinct on (d.code) h.id, d.code from hubs.hub h join hubs.district d on d.id = h.district_id order by d.code, h.id limit 3`,
    );
    expect(hubs).toHaveLength(3);
    // Three districts: 2, 7 and 20 worries heard in the year.
    const heard = [2, 7, 20];
    for (const [i, hub] of hubs.entries())
      for (let k = 0; k < heard[i]!; k++)
        await em.execute(
          `insert into hubs.worry (id, hub_id, heard_on, category, summary, resolution, recorded_by, created_at) values (gen_random_uuid(), ?, '2001-06-01', '見守り', '近所の見守り', 'OPEN', 'test', now())`,
          [hub.id],
        );
    const byCode = (f: Figures) => Object.fromEntries(f.byDistrict.map((d) => [d.district.code, d.worriesHeard]));

    const staff = await figures(["staff"]);
    expect(staff.worriesHeard).toEqual({ value: 29, display: "29" });
    // 29 − 20 would give the small one away; so would 29 − 20 − 7 to the council of the district of 7,
    // which knows its own: all three are withheld, and all show the same ("<5" beside "—" would tell
    // which is small).
    for (const hub of hubs) expect(byCode(staff)[hub.code]).toEqual({ value: null, display: "—" });
    const shown = Object.values(byCode(staff)).filter((f) => f.value !== null);
    expect(shown.every((f) => f.value === 0)).toBe(true);
    expect(staff.worriesPassedOn).toEqual({ value: 0, display: "0" });

    // An analyst sees every figure.
    const analyst = byCode(await figures(["analyst"]));
    expect([analyst[hubs[0]!.code], analyst[hubs[1]!.code]]).toEqual([
      { value: 2, display: "2" },
      { value: 7, display: "7" },
    ]);
  });

  it("withholds the city's total too when the districts alone could not hide a small one", async () => {
    const em = sg.running.em.fork();
    const hubs = await em.execute<{ id: string; code: string }[]>(
      `select distinct on (d.code) h.id, d.code from hubs.hub h join hubs.district d on d.id = h.district_id order by d.code, h.id limit 2`,
    );
    // Another fiscal year: two districts of 3 worries each, 6 in all — who knows one knows the other.
    for (const hub of hubs)
      for (let k = 0; k < 3; k++)
        await em.execute(
          `insert into hubs.worry (id, hub_id, heard_on, category, summary, resolution, recorded_by, created_at) values (gen_random_uuid(), ?, '2002-06-01', '見守り', '近所の見守り', 'OPEN', 'test', now())`,
          [hub.id],
        );
    const res = await sg.query(FIGURES, { fy: 2002 }, "koho", ["staff"]);
    const staff = res.data!._entities[0].hubFigures as Figures;
    expect(staff.worriesHeard).toEqual({ value: null, display: "—" });
    for (const d of staff.byDistrict) expect(d.worriesHeard.display).toBe(hubs.some((h) => h.code === d.district.code) ? "—" : "0");
    const analyst = (await sg.query(FIGURES, { fy: 2002 }, "koho", ["analyst"])).data!._entities[0].hubFigures as Figures;
    expect(analyst.worriesHeard).toEqual({ value: 6, display: "6" });
  });
});
