import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { isUuid, loadReferenceData, type Identity } from "@marugoto/shared";
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

  constructor(private readonly em: EntityManager) {
    this.districtById = new DataLoader(async (ids) => {
      const rows = await this.em.find(DistrictEntity, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
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
    return isUuid(id) ? this.em.findOne(HubEntity, id, { populate: ["district"] }) : Promise.resolve(null);
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
