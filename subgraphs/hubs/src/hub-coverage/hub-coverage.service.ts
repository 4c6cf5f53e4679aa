import type { EntityManager } from "@mikro-orm/postgresql";
import { fiscalYear as currentFiscalYear, loadReferenceData } from "@marugoto/shared";
import type { District } from "../district/district.entity.js";
import type { DistrictService } from "../district/district.service.js";
import { HubEntity } from "../hub/hub.entity.js";
import { activeIn, type HubService } from "../hub/hub.service.js";

export interface CoverageYear {
  fiscalYear: number;
  hubs: number;
  districtsWithHub: number;
  /** The goal: every district. */
  goal: number;
  /** As the city's document reports it, when it does (for comparison). */
  reportedHubs: number | null;
  reportedDistricts: number | null;
}

export interface Coverage {
  goal: number;
  withHub: District[];
  withoutHub: District[];
}

/** The goal: a hub in every district of the city. */
const districtGoal = () => loadReferenceData().city.districts;

/** Coverage of the city's districts by hubs, now and year by year. */
export class HubCoverageService {
  constructor(
    private readonly em: EntityManager,
    private readonly districts: DistrictService,
    private readonly hubs: HubService,
  ) {}

  /** Districts with and without an active hub in the current fiscal year. */
  async now(): Promise<Coverage> {
    const [districts, hubs] = [await this.districts.list(), await this.hubs.hubs()];
    const fy = currentFiscalYear();
    const covered = new Set(hubs.filter((h) => h.status === "ACTIVE" && activeIn(h, fy)).map((h) => h.district.id));
    return {
      goal: districtGoal(),
      withHub: districts.filter((d) => covered.has(d.id)),
      withoutHub: districts.filter((d) => !covered.has(d.id)),
    };
  }

  /**
   * Coverage of the districts, year by year, computed from the hubs' opening and closing years: from
   * the first hub's year to the current fiscal year (or a later reported or opening year).
   */
  async history(): Promise<CoverageYear[]> {
    const hubs = await this.em.find(HubEntity, {});
    const reported = new Map(loadReferenceData().hubs.history.map((h) => [h.fiscalYear, h]));
    const first = Math.min(...hubs.map((h) => h.openedFiscalYear));
    const last = Math.max(...hubs.map((h) => h.openedFiscalYear), ...reported.keys(), currentFiscalYear());
    const years: CoverageYear[] = [];
    for (let fy = first; fy <= last; fy++) {
      const active = hubs.filter((h) => activeIn(h, fy));
      years.push({
        fiscalYear: fy,
        hubs: active.length,
        districtsWithHub: new Set(active.map((h) => h.district.id)).size,
        goal: districtGoal(),
        reportedHubs: reported.get(fy)?.hubs ?? null,
        reportedDistricts: reported.get(fy)?.districts ?? null,
      });
    }
    return years;
  }
}
