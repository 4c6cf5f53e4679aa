import type { EntityManager } from "@mikro-orm/postgresql";
import { addMonths, loadReferenceData, tokyoMonth, type SeedOptions } from "@marugoto/shared";
import { ActivityEntity, type ActivityKindValue } from "../activity/activity.entity.js";
import { DistrictEntity, type District } from "../district/district.entity.js";
import { HubEntity, type Hub } from "../hub/hub.entity.js";
import { WorryEntity } from "../worry/worry.entity.js";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Which district each hub opened in, by fiscal year, reproducing the city's figures: FY2017 3 hubs in
 * 3 districts, FY2018 11/11, FY2019 19/19, FY2020–21 23 hubs in 21 districts, FY2022 24 in 22.
 */
function hubOpenings(): { district: number; fiscalYear: number }[] {
  const openings: { district: number; fiscalYear: number }[] = [];
  const add = (fy: number, districts: number[]) => districts.forEach((district) => openings.push({ district, fiscalYear: fy }));
  add(2017, [1, 2, 3]);
  add(2018, [4, 5, 6, 7, 8, 9, 10, 11]);
  add(2019, [12, 13, 14, 15, 16, 17, 18, 19]);
  add(2020, [20, 21, 1, 2]); // districts 1 and 2 get a second hub
  add(2022, [22]);
  return openings;
}

/**
 * The city's 30 districts and their councils (reference data) always; the hubs, last month's sessions
 * (two hubs fall short of the rule, as a demonstration) and two worries only with `fictional`, which
 * boot never passes in production (even with SEED=true).
 */
export async function seedHubs(
  em: EntityManager,
  options: SeedOptions,
): Promise<{ districtsCreated: number; hubsCreated: number; activitiesCreated: number }> {
  return em.fork().transactional(async (tx) => {
    const data = loadReferenceData();
    const { byCode, districtsCreated } = await seedDistricts(tx, data.city.districts);
    // The city's document gives only how many hubs there were each year: which district each is in,
    // its name, place and opening year are made up to match those counts. Such hubs would enter the
    // fiscal-year report by district and fail the monthly rule every month, so production has none
    // until 市社協 opens the real ones (`openHub`).
    if (!options.fictional) return { districtsCreated, hubsCreated: 0, activitiesCreated: 0 };
    if ((await tx.count(HubEntity, {})) > 0) return { districtsCreated, hubsCreated: 0, activitiesCreated: 0 };

    const month = addMonths(tokyoMonth(), -1);
    const hubs = createHubs(tx, byCode);
    const activitiesCreated = createActivities(tx, hubs, month);
    createWorries(tx, hubs, month);
    return { districtsCreated, hubsCreated: hubs.length, activitiesCreated };
  });
}

/** The city's districts, placeholders for those not yet in the database; all of them by code. */
async function seedDistricts(tx: EntityManager, count: number): Promise<{ byCode: Map<string, District>; districtsCreated: number }> {
  const existing = await tx.find(DistrictEntity, {});
  const byCode = new Map<string, District>(existing.map((d) => [d.code, d]));
  let districtsCreated = 0;
  for (let n = 1; n <= count; n++) {
    const code = `district-${pad(n)}`;
    if (byCode.has(code)) continue;
    byCode.set(
      code,
      tx.create(DistrictEntity, {
        code,
        name: `第${n}地区（仮称）`,
        councilCode: `district-council-${pad(n)}`,
        placeholder: true,
        sortOrder: n,
      }),
    );
    districtsCreated++;
  }
  return { byCode, districtsCreated };
}

/** One hub per opening, run by its district's council. */
function createHubs(tx: EntityManager, byCode: Map<string, District>): Hub[] {
  return hubOpenings().map((o, i) => {
    const district = byCode.get(`district-${pad(o.district)}`)!;
    return tx.create(HubEntity, {
      code: `hub-${pad(i + 1)}`,
      name: `${district.name} 地域づくり拠点${i >= 19 && o.district <= 2 ? "（第2）" : ""}`,
      district,
      operatorCode: district.councilCode,
      openedFiscalYear: o.fiscalYear,
      closedFiscalYear: null,
      place: `${district.name} 公民館（仮称）`,
      status: "ACTIVE",
    });
  });
}

/** Each hub's sessions in `month`; returns how many were created. */
function createActivities(tx: EntityManager, hubs: Hub[], month: string): number {
  let activitiesCreated = 0;
  hubs.forEach((hub, i) => {
    // hub-05: 7 sessions; hub-06: no professional consultation day; the others meet the rule.
    const sessions = i === 4 ? 7 : 8 + (i % 3);
    for (let s = 0; s < sessions; s++) {
      const kind: ActivityKindValue = s === 0 && i !== 5 ? "PROFESSIONAL_CONSULTATION" : s % 2 ? "EXERCISE" : "SALON";
      tx.create(ActivityEntity, {
        hub,
        startsAt: new Date(`${month}-${pad(1 + s * 3)}T10:00:00+09:00`),
        kind,
        title: kind === "PROFESSIONAL_CONSULTATION" ? "専門職の相談日" : kind === "EXERCISE" ? "100歳体操" : "いきいきサロン",
        participants: 8 + ((i + s) % 12),
        staff: {
          districtCouncil: 2,
          neighbourhoodOfficers: 1,
          welfareCommissioners: 1,
          professionals: kind === "PROFESSIONAL_CONSULTATION" ? 1 : 0,
        },
        notes: null,
        recordedBy: "seed",
      });
      activitiesCreated++;
    }
  });
  return activitiesCreated;
}

/** Two worries heard in `month`: one passed on, one solved locally. */
function createWorries(tx: EntityManager, hubs: Hub[], month: string): void {
  tx.create(WorryEntity, {
    hub: hubs[0]!,
    heardOn: `${month}-04`,
    category: "見守り",
    summary: "（架空）一人暮らしの高齢者の様子が心配との声。",
    resolution: "PASSED_ON",
    passedToCode: "community-general-support-center-01",
    resolvedAt: new Date(),
    recordedBy: "seed",
  });
  tx.create(WorryEntity, {
    hub: hubs[2]!,
    heardOn: `${month}-10`,
    category: "生活",
    summary: "（架空）ごみ出しが難しくなった世帯がある。",
    resolution: "SOLVED_LOCALLY",
    passedToCode: null,
    resolvedAt: new Date(),
    recordedBy: "seed",
  });
}
