import type { EntityManager } from "@mikro-orm/postgresql";
import {
  addMonths,
  cellCount,
  count,
  entitledToSmallCounts,
  figuresToWithhold,
  fiscalYearSpan,
  SMALL_COUNT,
  type Count,
  type Identity,
} from "@marugoto/shared";
import { SOURCE_KINDS, type SourceKindValue } from "../consultation/consultation.entity.js";

/** What the cases subgraph contributes to a fiscal year's report (`CaseFigures`). */
export interface CaseFigures {
  consultations: Count;
  peopleSupported: Count;
  supportPlans: Count;
  collaborationsEnded: Count;
  closures: Count;
  participationPartners: Count;
  participationParticipants: Count;
}

/** Consultations of one month from one source (`ConsultationMonthFigure`). */
export interface MonthFigure {
  month: string;
  source: SourceKindValue;
  consultations: Count;
}

/**
 * The bounds of a fiscal year, named once: calendar dates (`date` columns) from its first day up to
 * the next year's, and the same two days as instants in Asia/Tokyo (`timestamptz` columns).
 */
const FISCAL_YEAR = `fiscal_year as (
  select ?::date as first_day, ?::date as next_first_day, ?::timestamptz as starts_at, ?::timestamptz as ends_at
)`;

/** Each figure of `CaseFigures`: one count over the fiscal year, by name. */
const FIGURES = {
  consultations: `select count(*) from cases.consultation
    where received_on >= fy.first_day and received_on < fy.next_first_day`,
  people: `select count(distinct c.main_person_id) from cases.progress_entry p join cases.support_case c on c.id = p.case_id
    where p.date >= fy.first_day and p.date < fy.next_first_day`,
  plans: `select count(*) from cases.support_plan
    where created_at >= fy.starts_at and created_at < fy.ends_at`,
  ended: `select count(*) from cases.case_transition
    where to_status = 'COLLABORATION_ENDED' and at >= fy.starts_at and at < fy.ends_at`,
  closed: `select count(*) from cases.case_transition
    where to_status = 'CLOSED' and at >= fy.starts_at and at < fy.ends_at`,
  partners: `select count(distinct p.site_id) from cases.work_session s join cases.placement p on p.id = s.placement_id
    where s.date >= fy.first_day and s.date < fy.next_first_day`,
  participants: `select count(distinct p.person_id) from cases.work_session s join cases.placement p on p.id = s.placement_id
    where s.date >= fy.first_day and s.date < fy.next_first_day`,
} as const;

type FigureName = keyof typeof FIGURES;

const FIGURES_QUERY = `with ${FISCAL_YEAR}
select ${Object.entries(FIGURES)
  .map(([name, sql]) => `(${sql}) as ${name}`)
  .join(",\n  ")}
from fiscal_year fy`;

/** First day of fiscal year `fy` (1 April) and of the next one, as dates. */
const fiscalYearDays = (fy: number): [string, string] => [`${fy}-04-01`, `${fy + 1}-04-01`];

/** The twelve months of fiscal year `fy`, April to March, as YYYY-MM. */
function fiscalYearMonths(fy: number): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(`${fy}-04`, i));
}

/** The cases subgraph's figures for the fiscal-year report; small counts suppressed for callers not entitled. */
export class ReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  /** Consultations, people supported, plans, closures and participation support of fiscal year `fy`, in one query. */
  async caseFigures(fy: number): Promise<CaseFigures> {
    const [firstDay, nextFirstDay] = fiscalYearDays(fy);
    const { start: startsAt, end: endsAt } = fiscalYearSpan(fy);
    const [row] = await this.em.execute<Record<FigureName, string>[]>(FIGURES_QUERY, [firstDay, nextFirstDay, startsAt, endsAt]);
    const c = (name: FigureName, sensitive = true) => count(Number(row![name]), this.identity, sensitive);
    // The year's consultations are the total of `consultationsByMonth`: withheld with it when nothing
    // else would protect its small figures.
    const consultations = Number(row!.consultations);
    const totalWithheld =
      consultations >= SMALL_COUNT && !entitledToSmallCounts(this.identity) && (await this.monthWithholding(fy)).withholding.totals.has(0);
    return {
      consultations: totalWithheld ? cellCount(consultations, this.identity, true) : c("consultations"),
      peopleSupported: c("people"),
      supportPlans: c("plans"),
      collaborationsEnded: c("ended"),
      closures: c("closed"),
      participationPartners: c("partners", false),
      participationParticipants: c("participants"),
    };
  }

  /** Consultations of fiscal year `fy` by month and source, every month and source listed. */
  async consultationsByMonth(fy: number): Promise<MonthFigure[]> {
    const { cells, withholding } = await this.monthWithholding(fy);
    return cells.map((cell) => ({
      month: cell.month,
      source: cell.source,
      consultations: cellCount(cell.n, this.identity, withholding.rows.has(cell)),
    }));
  }

  /** The year's consultations by month and source, and which of them (and whether their total) this caller is not shown. */
  private async monthWithholding(fy: number) {
    const rows = await this.em.execute<{ month: string; source: string; n: string }[]>(
      `select to_char(received_on, 'YYYY-MM') as month, source_kind as source, count(*) as n
         from cases.consultation where received_on >= ? and received_on < ? group by 1, 2`,
      fiscalYearDays(fy),
    );
    const counted = new Map(rows.map((row) => [`${row.month}|${row.source}`, Number(row.n)]));
    const cells = fiscalYearMonths(fy).flatMap((month) =>
      SOURCE_KINDS.map((source) => ({ month, source, n: counted.get(`${month}|${source}`) ?? 0 })),
    );
    return { cells, withholding: figuresToWithhold(cells, [(cell) => cell.n], this.identity) };
  }
}
