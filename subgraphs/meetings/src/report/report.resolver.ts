import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import { count, Count } from "@marugoto/shared";
import { BODY_KINDS } from "../body/body.entity.js";
import { BodyKind } from "../body/body.type.js";
import type { MeetingsContext } from "../context.js";

/** The fiscal-year report, as the meetings subgraph contributes to it. */
@ObjectType("FiscalYearReport", { description: "The figures the city reports for a fiscal year." })
@Directive('@key(fields: "fiscalYear")')
export class FiscalYearReportRef {
  @Field(() => Int, { description: "Fiscal year, e.g. 2026 for 令和8年度." })
  fiscalYear!: number;
}

@ObjectType("MeetingsHeld", { description: "Meetings held in a fiscal year, of one kind of body (開催回数)." })
export class MeetingsHeldType {
  @Field(() => BodyKind, { description: "Kind of body." })
  kind!: keyof typeof BodyKind;
  @Field(() => Count, { description: "Sittings opened in the year (in progress, adjourned or closed)." })
  held!: Count;
}

@Resolver(() => FiscalYearReportRef)
export class MeetingsReportResolver {
  @FieldResolver(() => [MeetingsHeldType], { description: "Meetings held, by kind of body. Counts of sittings, not of people: never suppressed." })
  async meetingsHeld(@Root() r: FiscalYearReportRef, @Ctx() ctx: MeetingsContext) {
    const [start, end] = [new Date(`${r.fiscalYear}-04-01T00:00:00+09:00`), new Date(`${r.fiscalYear + 1}-04-01T00:00:00+09:00`)];
    const rows = await ctx.em.execute<{ kind: string; n: string }[]>(
      `select b.kind, count(*) as n from meetings.meeting m join meetings.meeting_body b on b.id = m.body_id
        where m.starts_at >= ? and m.starts_at < ? and m.status not in ('SCHEDULED', 'CANCELLED') group by b.kind`,
      [start, end],
    );
    return BODY_KINDS.map((kind) => ({ kind, held: count(Number(rows.find((x) => x.kind === kind)?.n ?? 0), ctx.identity, false) }));
  }
}
