import type { EntityManager } from "@mikro-orm/postgresql";
import { cellCount, count, figuresToWithhold, type Count, type Identity } from "@marugoto/shared";
import type { District } from "../district/district.entity.js";
import type { DistrictService } from "../district/district.service.js";
import { fiscalYearRange, hubFigures, type DistrictFigures } from "./report.service.js";

/** A fiscal year's report, as this subgraph knows it: by its year. */
export interface FiscalYearReport {
  fiscalYear: number;
}

interface DistrictFigureCounts {
  hubs: Count;
  hubSessions: Count;
  hubParticipants: Count;
  worriesHeard: Count;
  worriesPassedOn: Count;
}

export interface HubFigureCounts extends DistrictFigureCounts {
  districtsWithHub: Count;
  byDistrict: (DistrictFigureCounts & { district: District })[];
}

/** The hubs' part of the fiscal-year report, counts suppressed as the caller's entitlement requires. */
export class FiscalYearReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly districts: DistrictService,
  ) {}

  /** The report of one fiscal year; refuses a year out of range. */
  report(fiscalYear: number): FiscalYearReport {
    fiscalYearRange(fiscalYear);
    return { fiscalYear };
  }

  /** Hubs, sessions, participants and worries, in total and by district. */
  async hubFigures(fiscalYear: number): Promise<HubFigureCounts> {
    const f = await hubFigures(this.em, fiscalYear);
    const districts = await this.districts.list();
    const activity = (d: Omit<DistrictFigures, "districtId">) => ({
      hubs: this.count(d.hubs),
      hubSessions: this.count(d.sessions),
      hubParticipants: this.count(d.participants),
    });
    // The districts add up to the city's totals: worries withheld in one district are not left to be
    // worked out from the others, nor by a district's council from its own (figuresToWithhold). Both
    // columns are withheld by the same districts: passed on is at most heard.
    const withheld = figuresToWithhold(f.byDistrict, [(d) => d.worries, (d) => d.worriesPassedOn], this.identity);
    const total = (n: number, column: number) => (withheld.totals.has(column) ? cellCount(n, this.identity, true) : this.count(n, true));
    return {
      ...activity(f),
      worriesHeard: total(f.worries, 0),
      worriesPassedOn: total(f.worriesPassedOn, 1),
      districtsWithHub: this.count(f.districtsWithHub),
      byDistrict: f.byDistrict.map((d) => ({
        district: districts.find((x) => x.id === d.districtId)!,
        ...activity(d),
        worriesHeard: cellCount(d.worries, this.identity, withheld.rows.has(d)),
        worriesPassedOn: cellCount(d.worriesPassedOn, this.identity, withheld.rows.has(d)),
      })),
    };
  }

  private count(n: number, sensitive = false): Count {
    return count(n, this.identity, sensitive);
  }
}
