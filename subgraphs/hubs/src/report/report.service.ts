import type { EntityManager } from "@mikro-orm/postgresql";
import { fiscalYearSpan, RuleViolation } from "@marugoto/shared";
import { DistrictEntity } from "../district/district.entity.js";
import { HubEntity } from "../hub/hub.entity.js";
import { activeIn } from "../hub/hub.service.js";

/** The instants of a fiscal year (April to March) in Asia/Tokyo. */
export function fiscalYearRange(fy: number): { start: Date; end: Date } {
  if (!Number.isInteger(fy) || fy < 2000 || fy > 2100)
    throw new RuleViolation("INVALID_FISCAL_YEAR", "年度が正しくありません。", ["fiscalYear"]);
  return fiscalYearSpan(fy);
}

export interface DistrictFigures {
  districtId: string;
  hubs: number;
  sessions: number;
  participants: number;
  worries: number;
  worriesPassedOn: number;
}

export interface HubFigures {
  hubs: number;
  districtsWithHub: number;
  sessions: number;
  participants: number;
  worries: number;
  worriesPassedOn: number;
  byDistrict: DistrictFigures[];
}

/** The hubs' part of the fiscal-year report, by district: a few aggregate statements. */
export async function hubFigures(em: EntityManager, fy: number): Promise<HubFigures> {
  const { start, end } = fiscalYearRange(fy);
  const [districts, hubs, activity, worries] = await Promise.all([
    em.find(DistrictEntity, {}, { orderBy: { sortOrder: "asc" } }),
    em.find(HubEntity, {}),
    em.execute<{ district_id: string; sessions: string; participants: string }[]>(
      `select h.district_id, count(*) as sessions, coalesce(sum(a.participants), 0) as participants
         from hubs.activity a join hubs.hub h on h.id = a.hub_id where a.starts_at >= ? and a.starts_at < ? group by 1`,
      [start, end],
    ),
    em.execute<{ district_id: string; worries: string; passed: string }[]>(
      `select h.district_id, count(*) as worries, count(*) filter (where w.resolution = 'PASSED_ON') as passed
         from hubs.worry w join hubs.hub h on h.id = w.hub_id where w.heard_on >= ? and w.heard_on < ? group by 1`,
      [`${fy}-04-01`, `${fy + 1}-04-01`],
    ),
  ]);
  const active = hubs.filter((h) => activeIn(h, fy));
  const byDistrict = districts.map((d) => {
    const a = activity.find((r) => r.district_id === d.id);
    const w = worries.find((r) => r.district_id === d.id);
    return {
      districtId: d.id,
      hubs: active.filter((h) => h.district.id === d.id).length,
      sessions: Number(a?.sessions ?? 0),
      participants: Number(a?.participants ?? 0),
      worries: Number(w?.worries ?? 0),
      worriesPassedOn: Number(w?.passed ?? 0),
    };
  });
  const sum = (k: keyof DistrictFigures) => byDistrict.reduce((n, d) => n + (d[k] as number), 0);
  return {
    hubs: active.length,
    districtsWithHub: new Set(active.map((h) => h.district.id)).size,
    sessions: sum("sessions"),
    participants: sum("participants"),
    worries: sum("worries"),
    worriesPassedOn: sum("worriesPassedOn"),
    byDistrict,
  };
}
