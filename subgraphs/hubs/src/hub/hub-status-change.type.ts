import { Field, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { HubStatusValue } from "./hub.entity.js";
import { HubStatus } from "./hub.type.js";

@ObjectType("HubStatusChange", { description: "A change of a hub's status (休止, 再開, 廃止) and the day it took effect." })
export class HubStatusChangeType {
  @Field(() => HubStatus, { description: "The status from that day." })
  status!: HubStatusValue;
  @Field(() => LocalDateResolver, { description: "The day it took effect (Asia/Tokyo)." })
  effectiveOn!: string;
  @Field(() => String, { nullable: true, description: "Why (理由)." })
  reason?: string | null;
}
