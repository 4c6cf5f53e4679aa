import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { HubsContext } from "../context.js";
import type { Activity, ActivityStaff } from "./activity.entity.js";
import { RecordActivityInput } from "./activity.input.js";
import { ActivityPayload } from "./activity.payload.js";
import type { RecordActivityResult } from "./activity.service.js";
import { ActivityStaffType } from "./activity-staff.type.js";
import { ActivityType } from "./activity.type.js";

@Resolver(() => ActivityType)
export class ActivityResolver {
  @Mutation(() => ActivityPayload, { description: "Record a session held at a hub (its district council or 市社協)." })
  recordActivity(
    @Arg("input", () => RecordActivityInput, { description: "The session." }) input: RecordActivityInput,
    @Ctx() ctx: HubsContext,
  ): Promise<RecordActivityResult> {
    return ctx.activities.record(input);
  }

  @FieldResolver(() => ActivityStaffType, { description: "Staff by kind." })
  staff(@Root() a: Activity): ActivityStaff {
    return a.staff;
  }
}
