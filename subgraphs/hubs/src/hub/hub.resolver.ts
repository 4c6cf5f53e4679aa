import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import {
  afterCursor,
  BadUserInputError,
  count,
  encodeCursor,
  fiscalYear as currentFiscalYear,
  isUuid,
  loadReferenceData,
  mapIterator,
  NotFoundError,
  parseMonth,
  runMutation,
  type StoredEvent,
} from "@marugoto/shared";
import { ActivityEntity, type Activity } from "../activity/activity.entity.js";
import { monthsBetween, tokyoMonth } from "../activity/activity.service.js";
import type { HubsContext } from "../context.js";
import { districtTopic, hubTopic } from "../events/hub-events.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import { fiscalYearRange, hubFigures } from "../report/report.service.js";
import {
  ActivityPayload,
  ActivityStaffType,
  ActivityType,
  ComplianceMonthType,
  CoverageYearType,
  DistrictType,
  HubComplianceEntry,
  HubFiguresType,
  FiscalYearReportType,
  HubCoverageType,
  HubEventType,
  HubMonthComplianceType,
  HubType,
  RecordActivityInput,
  WorryPayload,
  WorryType,
} from "../types.js";
import { WorryEntity, type Worry } from "../worry/worry.entity.js";
import type { District, Hub } from "./hub.entity.js";
import { activeIn } from "./hub.service.js";

const DISTRICT_GOAL = () => loadReferenceData().city.districts;

interface MonthRow {
  hubId: string;
  month: string;
  sessions: number;
  consultationDays: number;
}

function judge(row: MonthRow, rules: { minSessionsPerMonth: number; minProfessionalConsultationDaysPerMonth: number }) {
  const missingSessions = Math.max(0, rules.minSessionsPerMonth - row.sessions);
  const lacksConsultationDay = row.consultationDays < rules.minProfessionalConsultationDaysPerMonth;
  return { ...row, missingSessions, lacksConsultationDay, compliant: missingSessions === 0 && !lacksConsultationDay };
}

/** A hub's month against the rule; months without sessions count as zero. */
/** Longest compliance trend (ten years of months). */
const MAX_TREND_MONTHS = 120;

async function monthsOf(ctx: HubsContext, from: string, to: string) {
  const rows = await ctx.activities.months(from, to);
  return (hubId: string, month: string) => judge(rows.find((r) => r.hubId === hubId && r.month === month) ?? { hubId, month, sessions: 0, consultationDays: 0 }, ctx.activities.rules);
}

@Resolver(() => DistrictType)
export class DistrictResolver {
  @Query(() => [DistrictType], { description: "The city's districts (地区)." })
  districts(@Ctx() ctx: HubsContext): Promise<District[]> {
    return ctx.hubs.districts();
  }

  @FieldResolver(() => OrganizationRef, { description: "Its district council (地区社協)." })
  council(@Root() d: District): OrganizationRef {
    return organizationRef(d.councilCode);
  }

  @FieldResolver(() => [HubType], { description: "Its hubs." })
  hubs(@Root() d: District, @Ctx() ctx: HubsContext): Promise<Hub[]> {
    return ctx.hubs.hubsOfDistrict.load(d.id);
  }
}

@Resolver(() => HubType)
export class HubResolver {
  @Query(() => [HubType], { description: "Community hubs (地域づくり拠点), optionally of one district." })
  hubs(@Ctx() ctx: HubsContext, @Arg("districtCode", () => String, { nullable: true }) districtCode?: string | null): Promise<Hub[]> {
    return ctx.hubs.hubs(districtCode);
  }

  @Query(() => HubType, { nullable: true, description: "One hub." })
  hub(@Arg("id", () => ID) id: string, @Ctx() ctx: HubsContext): Promise<Hub | null> {
    return ctx.hubs.hub(id);
  }

  @FieldResolver(() => DistrictType, { description: "Its district." })
  async district(@Root() h: Hub, @Ctx() ctx: HubsContext): Promise<District> {
    return (await ctx.hubs.districtById.load(h.district.id))!;
  }

  @FieldResolver(() => String, { description: "The current event cursor: subscribe with `after:` it to miss nothing that follows this read." })
  async eventCursor(@Ctx() ctx: HubsContext): Promise<string> {
    return encodeCursor(await ctx.events.latest());
  }

  @FieldResolver(() => OrganizationRef, { description: "The district council that runs it." })
  operator(@Root() h: Hub): OrganizationRef {
    return organizationRef(h.operatorCode);
  }

  @FieldResolver(() => [ActivityType], { description: "Sessions in one month (Asia/Tokyo), in order." })
  activities(@Root() h: Hub, @Arg("month", () => String, { description: "YYYY-MM" }) month: string, @Ctx() ctx: HubsContext): Promise<Activity[]> {
    tokyoMonth(month);
    return ctx.hubs.activitiesOf.load(`${h.id}|${month}`);
  }

  @FieldResolver(() => HubMonthComplianceType, { description: "This hub's month against the rule." })
  async compliance(@Root() h: Hub, @Arg("month", () => String, { description: "YYYY-MM" }) month: string, @Ctx() ctx: HubsContext) {
    return (await monthsOf(ctx, month, month))(h.id, month);
  }

  @FieldResolver(() => [WorryType], { description: "Worries heard here, newest first." })
  worries(@Root() h: Hub, @Ctx() ctx: HubsContext): Promise<Worry[]> {
    return ctx.worries.list(h.id);
  }

  @Query(() => [HubComplianceEntry], { description: "Active hubs' compliance in one month (Asia/Tokyo); `failingOnly` lists those that miss either rule." })
  async hubCompliance(@Arg("month", () => String, { description: "YYYY-MM" }) month: string, @Arg("failingOnly", () => Boolean, { nullable: true }) failingOnly: boolean | null | undefined, @Ctx() ctx: HubsContext) {
    tokyoMonth(month);
    const hubs = (await ctx.hubs.hubs()).filter((h) => h.status === "ACTIVE");
    const judgeOf = await monthsOf(ctx, month, month);
    return hubs.map((hub) => ({ hub, ...judgeOf(hub.id, month) })).filter((e) => !failingOnly || !e.compliant);
  }

  @Query(() => [ComplianceMonthType], { description: "Compliance trend by month: active hubs and those meeting the rule." })
  async hubComplianceTrend(@Arg("from", () => String) from: string, @Arg("to", () => String) to: string, @Ctx() ctx: HubsContext) {
    const [a, b] = [parseMonth(from, "from"), parseMonth(to, "to")];
    const span = (b.year - a.year) * 12 + (b.month - a.month);
    if (span < 0 || span >= MAX_TREND_MONTHS) throw new BadUserInputError(`期間は from ≦ to、${MAX_TREND_MONTHS}か月以内で指定してください。`, "to");
    const hubs = (await ctx.hubs.hubs()).filter((h) => h.status === "ACTIVE");
    const judgeOf = await monthsOf(ctx, from, to);
    return monthsBetween(from, to).map((month) => ({ month, hubs: hubs.length, compliantHubs: hubs.filter((h) => judgeOf(h.id, month).compliant).length }));
  }

  @Query(() => HubCoverageType, { description: "Districts with and without an active hub now, against the goal of all 30." })
  async hubCoverage(@Ctx() ctx: HubsContext) {
    const [districts, hubs] = [await ctx.hubs.districts(), await ctx.hubs.hubs()];
    const fy = currentFiscalYear();
    const covered = new Set(hubs.filter((h) => h.status === "ACTIVE" && activeIn(h, fy)).map((h) => h.district.id));
    return { goal: DISTRICT_GOAL(), withHub: districts.filter((d) => covered.has(d.id)), withoutHub: districts.filter((d) => !covered.has(d.id)) };
  }

  @Query(() => [CoverageYearType], { description: "Coverage by fiscal year, with the figures of the city's document beside it." })
  async hubCoverageHistory(@Ctx() ctx: HubsContext) {
    return (await ctx.hubs.coverageHistory()).map((y) => ({ ...y, goal: DISTRICT_GOAL() }));
  }

  @Mutation(() => ActivityPayload, { description: "Record a session held at a hub (its district council or 市社協)." })
  async recordActivity(@Arg("input", () => RecordActivityInput) input: RecordActivityInput, @Ctx() ctx: HubsContext) {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.activities.record(tx, input));
    return { activity: result ?? null, userErrors };
  }

  @Mutation(() => WorryPayload, { description: "Log a worry heard at a hub: a category and a summary without names (its district council or 市社協)." })
  async recordWorry(
    @Arg("hubId", () => ID) hubId: string,
    @Arg("heardOn", () => LocalDateResolver) heardOn: string,
    @Arg("category", () => String) category: string,
    @Arg("summary", () => String) summary: string,
    @Ctx() ctx: HubsContext,
  ) {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.worries.record(tx, hubId, heardOn, category, summary));
    return { worry: result ?? null, userErrors };
  }

  @Mutation(() => WorryPayload, { description: "Close a worry: solved locally, or passed on to an organisation (`passedToCode`)." })
  async resolveWorry(@Arg("worryId", () => ID) worryId: string, @Arg("passedToCode", () => String, { nullable: true }) passedToCode: string | null | undefined, @Ctx() ctx: HubsContext) {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.worries.resolve(tx, worryId, passedToCode));
    return { worry: result ?? null, userErrors };
  }
}

@Resolver(() => WorryType)
export class WorryResolver {
  @FieldResolver(() => String, { nullable: true, description: "The summary: for the hub's operator, 市社協 and the organisation it was passed to; null for others." })
  async summary(@Root() w: Worry, @Ctx() ctx: HubsContext): Promise<string | null> {
    const hub = await ctx.hubs.hub(w.hub.id);
    return hub && ctx.worries.maySeeSummary(w, hub) ? w.summary : null;
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: "Where it was passed on to." })
  passedTo(@Root() w: Worry): OrganizationRef | null {
    return w.passedToCode ? organizationRef(w.passedToCode) : null;
  }
}

@Resolver(() => ActivityType)
export class ActivityResolver {
  @FieldResolver(() => ActivityStaffType, { description: "Staff by kind." })
  staff(@Root() a: Activity) {
    return a.staff;
  }
}

interface HubEventRoot {
  cursor: string;
  kind: string;
  occurredAt: Date;
  hubId: string;
  activityId: string | null;
  worryId: string | null;
}

const eventRoot = (e: StoredEvent): HubEventRoot => ({
  cursor: encodeCursor(e.seq),
  kind: e.kind,
  occurredAt: e.createdAt,
  hubId: e.payload.hubId as string,
  activityId: (e.payload.activityId as string | undefined) ?? null,
  worryId: (e.payload.worryId as string | undefined) ?? null,
});

@Resolver(() => HubEventType)
export class HubEventResolver {
  @Subscription(() => HubEventType, {
    description: "New activities and worries at one hub. With `after`, replays first.",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { hubId: string; after?: string | null }, HubsContext>) => {
      if (!(await context.hubs.hub(args.hubId))) throw new NotFoundError("拠点", args.hubId);
      return mapIterator(context.events.subscribe(hubTopic(args.hubId), afterCursor(args.after)), (e) => (context.renew(), eventRoot(e)));
    },
  })
  hubEvents(@Root() e: HubEventRoot, @Arg("hubId", () => ID) _hubId: string, @Arg("after", () => String, { nullable: true }) _after?: string | null): HubEventRoot {
    return e;
  }

  @Subscription(() => HubEventType, {
    description: "New activities and worries at every hub of one district. With `after`, replays first.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { districtCode: string; after?: string | null }, HubsContext>) =>
      mapIterator(context.events.subscribe(districtTopic(args.districtCode), afterCursor(args.after)), (e) => (context.renew(), eventRoot(e))),
  })
  districtEvents(@Root() e: HubEventRoot, @Arg("districtCode", () => String) _code: string, @Arg("after", () => String, { nullable: true }) _after?: string | null): HubEventRoot {
    return e;
  }

  @FieldResolver(() => HubType, { description: "The hub." })
  async hub(@Root() e: HubEventRoot, @Ctx() ctx: HubsContext): Promise<Hub> {
    return (await ctx.hubs.hub(e.hubId))!;
  }

  @FieldResolver(() => ActivityType, { nullable: true, description: "The activity recorded, for ACTIVITY_RECORDED." })
  async activity(@Root() e: HubEventRoot, @Ctx() ctx: HubsContext): Promise<Activity | null> {
    if (!e.activityId || !isUuid(e.activityId)) return null;
    return ctx.em.findOne(ActivityEntity, e.activityId);
  }

  @FieldResolver(() => WorryType, { nullable: true, description: "The worry, for WORRY_* events." })
  async worry(@Root() e: HubEventRoot, @Ctx() ctx: HubsContext): Promise<Worry | null> {
    if (!e.worryId || !isUuid(e.worryId)) return null;
    return ctx.em.findOne(WorryEntity, e.worryId);
  }
}

@Resolver(() => FiscalYearReportType)
export class FiscalYearReportResolver {
  @Query(() => FiscalYearReportType, { description: "The fiscal-year report (年度実績): consultations, people supported, plans, meetings, closures, participation support, hubs." })
  fiscalYearReport(@Arg("fiscalYear", () => Int, { description: "e.g. 2026 for 令和8年度." }) fiscalYear: number): { fiscalYear: number } {
    fiscalYearRange(fiscalYear);
    return { fiscalYear };
  }

  @FieldResolver(() => String, { description: "Japanese label, e.g. 令和8年度." })
  label(@Root() r: { fiscalYear: number }): string {
    return r.fiscalYear >= 2019 ? `令和${r.fiscalYear - 2018}年度` : `平成${r.fiscalYear - 1988}年度`;
  }

  @FieldResolver(() => HubFiguresType, { description: "Hubs, their sessions and participants, worries — in total and by district." })
  async hubFigures(@Root() r: { fiscalYear: number }, @Ctx() ctx: HubsContext) {
    const f = await hubFigures(ctx.em, r.fiscalYear);
    const districts = await ctx.hubs.districts();
    const c = (n: number, sensitive = false) => count(n, ctx.identity, sensitive);
    return {
      hubs: c(f.hubs),
      districtsWithHub: c(f.districtsWithHub),
      hubSessions: c(f.sessions),
      hubParticipants: c(f.participants),
      worriesHeard: c(f.worries, true),
      worriesPassedOn: c(f.worriesPassedOn, true),
      byDistrict: f.byDistrict.map((d) => ({
        district: districts.find((x) => x.id === d.districtId)!,
        hubs: c(d.hubs),
        hubSessions: c(d.sessions),
        hubParticipants: c(d.participants),
        worriesHeard: c(d.worries, true),
        worriesPassedOn: c(d.worriesPassedOn, true),
      })),
    };
  }
}

