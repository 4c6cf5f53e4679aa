import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { count, Count, entitledToSmallCounts, SMALL_COUNT } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import { SOURCE_KINDS } from "../consultation/consultation.entity.js";
import { SourceKind } from "../enums.js";

/** The fiscal-year report, as the cases subgraph contributes to it. */
@ObjectType("FiscalYearReport", { description: "The figures the city reports for a fiscal year." })
@Directive('@key(fields: "fiscalYear")')
export class FiscalYearReportRef {
  @Field(() => Int, { description: "Fiscal year, e.g. 2026 for 令和8年度." })
  fiscalYear!: number;
}

@ObjectType("CaseFigures", { description: "Case figures of a fiscal year. Counts of people below 5 are suppressed for callers not entitled (role `analyst` or `auditor`)." })
export class CaseFiguresType {
  @Field(() => Count, { description: "Consultations received (相談受付件数)." })
  consultations!: Count;
  @Field(() => Count, { description: "People supported: main persons of cases with support logged in the year (支援実人数)." })
  peopleSupported!: Count;
  @Field(() => Count, { description: "Support plans made (プラン作成件数)." })
  supportPlans!: Count;
  @Field(() => Count, { description: "Multi-agency collaborations ended (多機関協働の終結)." })
  collaborationsEnded!: Count;
  @Field(() => Count, { description: "Cases closed (終結件数)." })
  closures!: Count;
  @Field(() => Count, { description: "チャレンジ就労 sites that received someone (参加支援の受け入れ先)." })
  participationPartners!: Count;
  @Field(() => Count, { description: "People with a チャレンジ就労 session (参加支援の利用者)." })
  participationParticipants!: Count;
}

@ObjectType("ConsultationMonthFigure", { description: "Consultations received in one month from one source (月別・経路別の相談受付件数)." })
export class ConsultationMonthFigure {
  @Field(() => String, { description: "The month, YYYY-MM (Asia/Tokyo)." })
  month!: string;
  @Field(() => SourceKind, { description: "Where the consultations came from (相談経路)." })
  source!: (typeof SOURCE_KINDS)[number];
  @Field(() => Count, { description: "Consultations received; below 5 suppressed for callers not entitled." })
  consultations!: Count;
}

@Resolver(() => FiscalYearReportRef)
export class CaseReportResolver {
  @FieldResolver(() => CaseFiguresType, { description: "Consultations, people supported, plans, closures, participation support." })
  async caseFigures(@Root() r: FiscalYearReportRef, @Ctx() ctx: CasesContext) {
    const fy = r.fiscalYear;
    const [from, to] = [`${fy}-04-01`, `${fy + 1}-04-01`];
    const [start, end] = [new Date(`${from}T00:00:00+09:00`), new Date(`${to}T00:00:00+09:00`)];
    const [row] = await ctx.em.execute<Record<string, string>[]>(
      `select
         (select count(*) from cases.consultation where received_on >= ? and received_on < ?) as consultations,
         (select count(distinct c.main_person_id) from cases.progress_entry p join cases.support_case c on c.id = p.case_id where p.date >= ? and p.date < ?) as people,
         (select count(*) from cases.support_plan where created_at >= ? and created_at < ?) as plans,
         (select count(*) from cases.case_transition where to_status = 'COLLABORATION_ENDED' and at >= ? and at < ?) as ended,
         (select count(*) from cases.case_transition where to_status = 'CLOSED' and at >= ? and at < ?) as closed,
         (select count(distinct p.site_id) from cases.work_session s join cases.placement p on p.id = s.placement_id where s.date >= ? and s.date < ?) as partners,
         (select count(distinct p.person_id) from cases.work_session s join cases.placement p on p.id = s.placement_id where s.date >= ? and s.date < ?) as participants`,
      [from, to, from, to, start, end, start, end, start, end, from, to, from, to],
    );
    const c = (key: string, sensitive = true) => count(Number(row![key]), ctx.identity, sensitive);
    return {
      consultations: c("consultations"),
      peopleSupported: c("people"),
      supportPlans: c("plans"),
      collaborationsEnded: c("ended"),
      closures: c("closed"),
      participationPartners: c("partners", false),
      participationParticipants: c("participants"),
    };
  }

  @FieldResolver(() => [ConsultationMonthFigure], {
    description:
      "Consultations by month (April to March) and source, every month and source listed. For callers not entitled, figures below 5 show \"<5\"; and so that none of them can be worked out from the year's total, more figures are withheld (shown \"—\") until the withheld ones are at least two and add up to at least 5.",
  })
  async consultationsByMonth(@Root() r: FiscalYearReportRef, @Ctx() ctx: CasesContext): Promise<ConsultationMonthFigure[]> {
    const fy = r.fiscalYear;
    const rows = await ctx.em.execute<{ month: string; source: string; n: string }[]>(
      `select to_char(received_on, 'YYYY-MM') as month, source_kind as source, count(*) as n
         from cases.consultation where received_on >= ? and received_on < ? group by 1, 2`,
      [`${fy}-04-01`, `${fy + 1}-04-01`],
    );
    const counted = new Map(rows.map((row) => [`${row.month}|${row.source}`, Number(row.n)]));
    const months = Array.from({ length: 12 }, (_, i) => {
      const m = ((i + 3) % 12) + 1;
      return `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
    });
    const cells = months.flatMap((month) => SOURCE_KINDS.map((source) => ({ month, source, n: counted.get(`${month}|${source}`) ?? 0 })));
    const withheld = new Set<(typeof cells)[number]>();
    if (!entitledToSmallCounts(ctx.identity)) {
      for (const cell of cells) if (cell.n > 0 && cell.n < SMALL_COUNT) withheld.add(cell);
      const sum = () => [...withheld].reduce((n, c) => n + c.n, 0);
      const shown = cells.filter((c) => c.n >= SMALL_COUNT).sort((a, b) => a.n - b.n);
      while (withheld.size > 0 && (withheld.size < 2 || sum() < SMALL_COUNT) && shown.length) withheld.add(shown.shift()!);
    }
    return cells.map((cell) => ({
      month: cell.month,
      source: cell.source,
      consultations: !withheld.has(cell)
        ? count(cell.n, ctx.identity, false)
        : cell.n < SMALL_COUNT
          ? count(cell.n, ctx.identity)
          : { value: null, display: "—", suppressed: true },
    }));
  }
}
