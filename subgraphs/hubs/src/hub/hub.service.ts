import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { isUuid, loadReferenceData, type Identity } from "@marugoto/shared";
import { ActivityEntity, type Activity } from "../activity/activity.entity.js";
import { tokyoMonth } from "../activity/activity.service.js";
import { DistrictEntity, HubEntity, type District, type Hub } from "./hub.entity.js";

/** The multi-agency coordinator runs the hubs programme under contract; it may act for every hub. */
export const PROGRAMME_OPERATOR = "shakyo";

export interface CoverageYear {
  fiscalYear: number;
  hubs: number;
  districtsWithHub: number;
  /** As the city's document reports it, when it does (for comparison). */
  reportedHubs: number | null;
  reportedDistricts: number | null;
}

/** A hub's operator (its district council) or 市社協 may record for it. */
export const mayOperate = (hub: Hub, identity: Identity) => identity.org === hub.operatorCode || identity.org === PROGRAMME_OPERATOR;

/** Hubs active in a fiscal year: opened by then, not closed before it. */
export const activeIn = (hub: Hub, fy: number) => hub.openedFiscalYear <= fy && (hub.closedFiscalYear == null || hub.closedFiscalYear > fy);

/** Districts and hubs, and the coverage of the districts by hubs. */
export class HubService {
  readonly districtById: DataLoader<string, District | null>;
  readonly hubsOfDistrict: DataLoader<string, Hub[]>;
  readonly hubById: DataLoader<string, Hub | null>;
  /** A hub's sessions in a Tokyo month; keyed `hubId|YYYY-MM`, one statement per month asked. */
  readonly activitiesOf: DataLoader<string, Activity[]>;

  constructor(private readonly em: EntityManager) {
    this.districtById = new DataLoader(async (ids) => {
      const rows = await this.em.find(DistrictEntity, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    this.hubById = new DataLoader(async (ids) => {
      const rows = await this.em.find(HubEntity, { id: { $in: ids.filter(isUuid) } }, { populate: ["district"] });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    this.activitiesOf = new DataLoader(async (keys) => {
      const byMonth = new Map<string, string[]>();
      for (const key of keys) {
        const [hubId, month] = key.split("|") as [string, string];
        byMonth.set(month, [...(byMonth.get(month) ?? []), hubId]);
      }
      const found = new Map<string, Activity[]>();
      for (const [month, hubIds] of byMonth) {
        const { start, end } = tokyoMonth(month);
        const rows = await this.em.find(ActivityEntity, { hub: { $in: hubIds }, startsAt: { $gte: start, $lt: end } }, { orderBy: { startsAt: "asc" } });
        for (const hubId of hubIds) found.set(`${hubId}|${month}`, rows.filter((r) => r.hub.id === hubId));
      }
      return keys.map((k) => found.get(k) ?? []);
    });
    this.hubsOfDistrict = new DataLoader(async (ids) => {
      const rows = await this.em.find(HubEntity, { district: { $in: [...ids] } }, { orderBy: { code: "asc" } });
      return ids.map((id) => rows.filter((r) => r.district.id === id));
    });
  }

  districts(): Promise<District[]> {
    return this.em.find(DistrictEntity, {}, { orderBy: { sortOrder: "asc" } });
  }

  hubs(districtCode?: string | null): Promise<Hub[]> {
    return this.em.find(HubEntity, districtCode ? { district: { code: districtCode } } : {}, { orderBy: { code: "asc" }, populate: ["district"] });
  }

  hub(id: string): Promise<Hub | null> {
    return isUuid(id) ? this.hubById.load(id) : Promise.resolve(null);
  }

  /** Coverage of the 30 districts, year by year, computed from the hubs' opening years. */
  async coverageHistory(): Promise<CoverageYear[]> {
    const hubs = await this.em.find(HubEntity, {});
    const reported = new Map(loadReferenceData().hubs.history.map((h) => [h.fiscalYear, h]));
    const first = Math.min(...hubs.map((h) => h.openedFiscalYear));
    const last = Math.max(...hubs.map((h) => h.openedFiscalYear), ...reported.keys());
    const years: CoverageYear[] = [];
    for (let fy = first; fy <= last; fy++) {
      const active = hubs.filter((h) => activeIn(h, fy));
      years.push({
        fiscalYear: fy,
        hubs: active.length,
        districtsWithHub: new Set(active.map((h) => h.district.id)).size,
        reportedHubs: reported.get(fy)?.hubs ?? null,
        reportedDistricts: reported.get(fy)?.districts ?? null,
      });
    }
    return years;
  }
}
