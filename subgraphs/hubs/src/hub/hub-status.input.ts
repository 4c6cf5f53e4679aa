import { Field, ID, InputType } from "type-graphql";
import type { HubStatusValue } from "./hub.entity.js";
import { HubStatus } from "./hub.type.js";

@InputType("ChangeHubStatusInput", { description: "A hub paused (休止), resumed (再開) or closed (廃止), from today (Asia/Tokyo)." })
export class ChangeHubStatusInput {
  @Field(() => ID, { description: "The hub." })
  hubId!: string;
  @Field(() => HubStatus, { description: "Its new status: SUSPENDED or CLOSED from ACTIVE, ACTIVE again from SUSPENDED; CLOSED is final." })
  status!: HubStatusValue;
  @Field(() => String, {
    nullable: true,
    description: "Why (理由), up to 500 characters, without names or other identifying details; required to suspend or close.",
  })
  reason?: string | null;
}
