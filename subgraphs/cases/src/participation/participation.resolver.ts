import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom, runMutation, tokyoDate, UserError } from "@marugoto/shared";
import type { CaseView } from "../case/case.service.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import { CaseType } from "../types.js";
import { PlacementEntity, SITE_KINDS, type ParticipationSite, type Placement } from "./participation.entity.js";
import { nextMonitoringDue } from "./participation.service.js";

export const SiteKind = enumFrom(SITE_KINDS);
registerEnumType(SiteKind, {
  name: "ParticipationSiteKind",
  description: "Kind of チャレンジ就労 site.",
  valuesConfig: { WELFARE_FACILITY: { description: "A facility of the 中間的就労部会 network." }, NON_WELFARE_PARTNER: { description: "A new partner outside welfare." } },
});

@ObjectType("ParticipationSite", { description: "A site offering チャレンジ就労 (受け入れ先)." })
export class ParticipationSiteType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Stable code." })
  code!: string;
  @Field(() => String, { description: "Name." })
  name!: string;
  @Field(() => SiteKind, { description: "Kind." })
  kind!: keyof typeof SiteKind;
  @Field(() => Boolean, { description: "Accepting people now." })
  active!: boolean;
  @Field(() => LocalDateResolver, { description: "When it joined." })
  joinedOn!: string;
}

@ObjectType("FeeLedgerMonth", { description: "The activity fee (活動費) of one placement in one month: the fee times the sessions. There is no wage: no employment contract." })
export class FeeLedgerMonthType {
  @Field(() => String, { description: "Month, YYYY-MM." })
  month!: string;
  @Field(() => Int, { description: "Sessions." })
  sessions!: number;
  @Field(() => Int, { description: "Fee per session (¥)." })
  feePerSessionYen!: number;
  @Field(() => Int, { description: "Total (¥)." })
  totalYen!: number;
}

@ObjectType("WorkSession", { description: "One チャレンジ就労 session." })
export class WorkSessionType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date." })
  date!: string;
  @Field(() => Int, { description: "Activity fee (¥)." })
  feeYen!: number;
}

@ObjectType("Placement", { description: "A person's チャレンジ就労 at a site: at most 3 sessions a week, monitored every 3 months." })
export class PlacementType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Started on." })
  startedOn!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Ended on." })
  endedOn?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Last monitoring." })
  lastMonitoredOn?: string | null;
}

@ObjectType("PlacementPayload", { description: "Result of a チャレンジ就労 mutation." })
export class PlacementPayload {
  @Field(() => PlacementType, { nullable: true, description: "The placement; null when refused." })
  placement?: PlacementType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@Resolver(() => PlacementType)
export class PlacementResolver {
  @Query(() => [ParticipationSiteType], { description: "チャレンジ就労 sites: the network's facilities and new partners." })
  participationSites(@Ctx() ctx: CasesContext): Promise<ParticipationSite[]> {
    return ctx.participation.sites();
  }

  @Query(() => [PlacementType], { description: "Placements whose 3-monthly monitoring is overdue, of cases the caller may see." })
  overdueParticipationMonitorings(@Ctx() ctx: CasesContext): Promise<Placement[]> {
    return ctx.participation.overdue();
  }

  @FieldResolver(() => ParticipationSiteType, { description: "The site." })
  async site(@Root() p: Placement, @Ctx() ctx: CasesContext): Promise<ParticipationSite> {
    return (await ctx.participation.siteById.load(p.site.id))!;
  }

  @FieldResolver(() => CaseType, { nullable: true, description: "The case (through the caller's grounds)." })
  case(@Root() p: Placement, @Ctx() ctx: CasesContext): Promise<CaseView | null> {
    return ctx.cases.read(p.case.id, "placement");
  }

  @FieldResolver(() => [WorkSessionType], { description: "Sessions, newest first." })
  sessions(@Root() p: Placement, @Ctx() ctx: CasesContext) {
    return ctx.participation.sessionsOf.load(p.id);
  }

  @FieldResolver(() => LocalDateResolver, { description: "When the next monitoring is due." })
  nextMonitoringDue(@Root() p: Placement): string {
    return nextMonitoringDue(p);
  }

  @FieldResolver(() => Boolean, { description: "Monitoring overdue (Asia/Tokyo today)." })
  monitoringOverdue(@Root() p: Placement): boolean {
    return !p.endedOn && nextMonitoringDue(p) < tokyoDate();
  }

  @FieldResolver(() => FeeLedgerMonthType, { description: "The activity-fee ledger for one month." })
  ledger(@Root() p: Placement, @Arg("month", () => String, { description: "YYYY-MM" }) month: string, @Ctx() ctx: CasesContext) {
    return ctx.participation.ledger(p, month);
  }

  @Mutation(() => PlacementPayload, { description: "Place a household member at a チャレンジ就労 site (lead or coordinator)." })
  async placeInChallengeWork(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("personId", () => ID) personId: string,
    @Arg("siteId", () => ID) siteId: string,
    @Arg("startedOn", () => LocalDateResolver) startedOn: string,
    @Ctx() ctx: CasesContext,
  ) {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.participation.place(tx, caseId, personId, siteId, startedOn));
    return { placement: result ?? null, userErrors };
  }

  @Mutation(() => PlacementPayload, { description: "Log a session; a fourth in the same week (Monday–Sunday) is refused (WEEKLY_SESSION_LIMIT)." })
  async logWorkSession(@Arg("placementId", () => ID) placementId: string, @Arg("date", () => LocalDateResolver) date: string, @Ctx() ctx: CasesContext) {
    const { userErrors } = await runMutation(ctx.em, (tx) => ctx.participation.logSession(tx, placementId, date));
    ctx.renew();
    return { placement: userErrors.length ? null : await ctx.em.findOne(PlacementEntity, placementId), userErrors };
  }

  @Mutation(() => PlacementPayload, { description: "Record the 3-monthly monitoring of a placement." })
  async recordPlacementMonitoring(@Arg("placementId", () => ID) placementId: string, @Arg("date", () => LocalDateResolver) date: string, @Ctx() ctx: CasesContext) {
    const { result, userErrors } = await runMutation(ctx.em, (tx) => ctx.participation.monitor(tx, placementId, date));
    return { placement: result ?? null, userErrors };
  }
}

@Resolver(() => ParticipationSiteType)
export class ParticipationSiteResolver {
  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The site's organisation in the directory." })
  organization(@Root() s: ParticipationSite): OrganizationRef | null {
    return s.organizationCode ? organizationRef(s.organizationCode) : null;
  }
}

/** Placements and the person placed, on a case: PROGRESS information. */
@Resolver(() => CaseType)
export class CasePlacementsResolver {
  @FieldResolver(() => [PlacementType], { nullable: true, description: "チャレンジ就労 placements. PROGRESS." })
  placements(@Root() v: CaseView, @Ctx() ctx: CasesContext): Promise<Placement[]> {
    return ctx.participation.placementsOfCase.load(v.row.id);
  }
}
