import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { markCaughtUpArg } from "@marugoto/shared";
import type { Activity } from "../activity/activity.entity.js";
import { ActivityType } from "../activity/activity.type.js";
import type { HubsContext } from "../context.js";
import type { Hub } from "../hub/hub.entity.js";
import { HubType } from "../hub/hub.type.js";
import type { Worry } from "../worry/worry.entity.js";
import { WorryType } from "../worry/worry.type.js";
import { subscribeToDistrict, subscribeToHub, type HubEventRoot } from "./hub-event.service.js";
import { HubEventType } from "./hub-event.type.js";

type HubArgs = { hubId: string; after?: string | null; markCaughtUp?: boolean | null };
type DistrictArgs = { districtCode: string; after?: string | null; markCaughtUp?: boolean | null };

const AFTER = { nullable: true, description: "Cursor of the last event seen (or `eventCursor`): replays what followed it first." } as const;

@Resolver(() => HubEventType)
export class HubEventResolver {
  @Subscription(() => HubEventType, {
    description: "New activities and worries at one hub. With `after`, replays first.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, HubArgs, HubsContext>) =>
      subscribeToHub(context, args.hubId, args.after, args.markCaughtUp),
  })
  hubEvents(
    @Root() e: HubEventRoot,
    @Arg("hubId", () => ID, { description: "The hub." }) _hubId: string,
    @Arg("after", () => String, AFTER) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg()) _markCaughtUp?: boolean,
  ): HubEventRoot {
    return e;
  }

  @Subscription(() => HubEventType, {
    description: "New activities and worries at every hub of one district. With `after`, replays first.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, DistrictArgs, HubsContext>) =>
      subscribeToDistrict(context, args.districtCode, args.after, args.markCaughtUp),
  })
  districtEvents(
    @Root() e: HubEventRoot,
    @Arg("districtCode", () => String, { description: "The district's code, e.g. `district-01`." }) _code: string,
    @Arg("after", () => String, AFTER) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg()) _markCaughtUp?: boolean,
  ): HubEventRoot {
    return e;
  }

  @FieldResolver(() => HubType, { nullable: true, description: "The hub; null only for `CAUGHT_UP`." })
  async hub(@Root() e: HubEventRoot, @Ctx() ctx: HubsContext): Promise<Hub | null> {
    return e.hubId === null ? null : (await ctx.hubs.hub(e.hubId))!;
  }

  @FieldResolver(() => ActivityType, { nullable: true, description: "The activity recorded, for ACTIVITY_RECORDED." })
  activity(@Root() e: HubEventRoot, @Ctx() ctx: HubsContext): Promise<Activity | null> {
    return ctx.activities.find(e.activityId);
  }

  @FieldResolver(() => WorryType, { nullable: true, description: "The worry, for WORRY_* events." })
  worry(@Root() e: HubEventRoot, @Ctx() ctx: HubsContext): Promise<Worry | null> {
    return ctx.worries.find(e.worryId);
  }
}
