import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { chooseInputForm, deprecatedFlatArg, IDEMPOTENCY_KEY_ARG, tokyoDate } from "@marugoto/shared";
import type { CaseView } from "../case/case.service.js";
import { CaseType } from "../case/case.type.js";
import type { CasesContext } from "../context.js";
import { FeeLedgerMonthType } from "./fee-ledger-month.type.js";
import type { ParticipationSite, Placement } from "./participation.entity.js";
import { nextMonitoringDue } from "./participation.service.js";
import { ParticipationSiteType } from "./participation-site.type.js";
import { PLACE_IN_CHALLENGE_WORK_REQUIRED, PlaceInChallengeWorkInput } from "./placement.input.js";
import { PlacementPayload, placementPayload, type PlacementPayloadView } from "./placement.payload.js";
import { PlacementType } from "./placement.type.js";
import { WorkSessionType } from "./work-session.type.js";

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
    @Arg("input", () => PlaceInChallengeWorkInput, {
      nullable: true,
      description: "The placement; give this, not the deprecated flat arguments.",
    })
    input: PlaceInChallengeWorkInput | null | undefined,
    @Arg("caseId", () => ID, deprecatedFlatArg("The case.")) caseId: string | null | undefined,
    @Arg("personId", () => ID, deprecatedFlatArg("The household member to place.")) personId: string | null | undefined,
    @Arg("siteId", () => ID, deprecatedFlatArg("The site (受け入れ先).")) siteId: string | null | undefined,
    @Arg("startedOn", () => LocalDateResolver, deprecatedFlatArg("First day of the placement.")) startedOn: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<PlacementPayloadView> {
    const flat = { caseId, personId, siteId, startedOn };
    const { input: chosen, userErrors } = chooseInputForm(input, flat, PLACE_IN_CHALLENGE_WORK_REQUIRED);
    if (!chosen) return { placement: null, userErrors };
    return placementPayload(ctx, { key: idempotencyKey, operation: "placeInChallengeWork", args: chosen }, (tx) =>
      ctx.participation.place(tx, chosen),
    );
  }

  @Mutation(() => PlacementPayload, {
    description:
      "Log a session; a fourth of the person's sessions in the same week (Monday–Sunday), over all their placements, is refused (WEEKLY_SESSION_LIMIT).",
  })
  logWorkSession(
    @Arg("placementId", () => ID, { description: "The placement." }) placementId: string,
    @Arg("date", () => LocalDateResolver, { description: "The day of the session (not in the future)." }) date: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return placementPayload(
      ctx,
      { key: idempotencyKey, operation: "logWorkSession", args: { placementId, date } },
      async (tx) => (await ctx.participation.logSession(tx, placementId, date)).placement,
    );
  }

  @Mutation(() => PlacementPayload, { description: "Record the 3-monthly monitoring of a placement." })
  recordPlacementMonitoring(
    @Arg("placementId", () => ID, { description: "The placement." }) placementId: string,
    @Arg("date", () => LocalDateResolver, { description: "Date of the monitoring." }) date: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return placementPayload(ctx, { key: idempotencyKey, operation: "recordPlacementMonitoring", args: { placementId, date } }, (tx) =>
      ctx.participation.monitor(tx, placementId, date),
    );
  }
}
