import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { mutateOnce } from "../idempotency/run-once.js";
import type { Activity, ActivityStaff } from "./activity.entity.js";
import { RecordActivityInput } from "./activity.input.js";
import { ActivityPayload } from "./activity.payload.js";
import type { RecordActivityResult } from "./activity.service.js";
import { ActivityStaffType } from "./activity-staff.type.js";
import { ActivityType } from "./activity.type.js";

@Resolver(() => ActivityType)
export class ActivityResolver {
  @Mutation(() => ActivityPayload, { description: "Record a session held at a hub (its district council or 市社協)." })
  async recordActivity(
    @Arg("input", () => RecordActivityInput, { description: "The session." }) input: RecordActivityInput,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<RecordActivityResult> {
    const once = { key: idempotencyKey, operation: "recordActivity", args: { input } };
    const { result: id, userErrors } = await mutateOnce(ctx, once, async (tx) => (await ctx.activities.recordIn(tx, input)).id);
    // Read again (for a retry: the one recorded first), through the renewed context.
    return { activity: id === undefined ? null : await ctx.activities.find(id), userErrors };
  }

  @FieldResolver(() => ActivityStaffType, { description: "Staff by kind." })
  staff(@Root() a: Activity): ActivityStaff {
    return a.staff;
  }
}
