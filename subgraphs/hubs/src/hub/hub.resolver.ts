import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { encodeCursor, type Page } from "@marugoto/shared";
import type { Activity } from "../activity/activity.entity.js";
import { ActivityType } from "../activity/activity.type.js";
import type { MonthCompliance } from "../compliance/compliance.service.js";
import { HubMonthComplianceType } from "../compliance/hub-month-compliance.type.js";
import type { HubsContext } from "../context.js";
import type { District } from "../district/district.entity.js";
import { DistrictType } from "../district/district.type.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Worry, WorryResolutionValue } from "../worry/worry.entity.js";
import { WorryConnection } from "../worry/worry-connection.type.js";
import { WorryResolution } from "../worry/worry.type.js";
import type { HubStatusChange } from "./hub-status-change.entity.js";
import { HubStatusChangeType } from "./hub-status-change.type.js";
import type { Hub } from "./hub.entity.js";
import { HubType } from "./hub.type.js";

@Resolver(() => HubType)
export class HubResolver {
  @Query(() => [HubType], { description: "Community hubs (地域づくり拠点), optionally of one district." })
  hubs(
    @Ctx() ctx: HubsContext,
    @Arg("districtCode", () => String, { nullable: true, description: "Only the hubs of the district with this code, e.g. `district-01`." })
    districtCode?: string | null,
  ): Promise<Hub[]> {
    return ctx.hubs.hubs(districtCode);
  }

  @Query(() => HubType, { nullable: true, description: "One hub." })
  hub(@Arg("id", () => ID, { description: "Its id." }) id: string, @Ctx() ctx: HubsContext): Promise<Hub | null> {
    return ctx.hubs.hub(id);
  }

  @FieldResolver(() => DistrictType, { description: "Its district." })
  district(@Root() h: Hub, @Ctx() ctx: HubsContext): Promise<District> {
    return ctx.districts.of(h);
  }

  @FieldResolver(() => String, {
    description: "The current event cursor: subscribe with `after:` it to miss nothing that follows this read.",
  })
  async eventCursor(@Ctx() ctx: HubsContext): Promise<string> {
    // The request's cursor, read before its hubs (`HubService.cursor`), never the latest read now: that
    // could be ahead of the activities and worries read beside it.
    return encodeCursor(await ctx.hubs.cursor());
  }

  @FieldResolver(() => OrganizationRef, { description: "The district council that runs it." })
  operator(@Root() h: Hub): OrganizationRef {
    return organizationRef(h.operatorCode);
  }

  @FieldResolver(() => [ActivityType], { description: "Sessions in one month (Asia/Tokyo), in order." })
  activities(
    @Root() h: Hub,
    @Arg("month", () => String, { description: "YYYY-MM" }) month: string,
    @Ctx() ctx: HubsContext,
  ): Promise<Activity[]> {
    return ctx.activities.inMonth(h.id, month);
  }

  @FieldResolver(() => HubMonthComplianceType, { description: "This hub's month against the rule." })
  compliance(
    @Root() h: Hub,
    @Arg("month", () => String, { description: "YYYY-MM" }) month: string,
    @Ctx() ctx: HubsContext,
  ): Promise<MonthCompliance> {
    return ctx.compliance.ofHub(h.id, month);
  }

  @FieldResolver(() => [HubStatusChangeType], {
    description: "Its status changes (休止, 再開, 廃止), oldest first; before the first it was active, unless the first resumed it.",
  })
  statusChanges(@Root() h: Hub, @Ctx() ctx: HubsContext): Promise<HubStatusChange[]> {
    return ctx.hubs.statusChanges(h.id);
  }

  @FieldResolver(() => WorryConnection, {
    description:
      "Worries heard here that the caller may see, newest first (by the day heard, then as recorded), a page at a time: every one for the hub's operator (its 地区社協), 市社協 and the programme's analysts and auditors; for any other organisation, those passed on to it. The same holds for WORRY_* events of `hubEvents` and `districtEvents`.",
  })
  worries(
    @Root() h: Hub,
    @Ctx() ctx: HubsContext,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 200)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge." }) after?: string | null,
    @Arg("resolution", () => WorryResolution, {
      nullable: true,
      description: "Only worries of this resolution, e.g. OPEN for those still to be dealt with.",
    })
    resolution?: WorryResolutionValue | null,
  ): Promise<Page<Worry>> {
    return ctx.worries.page(h.id, first, after, resolution);
  }
}
