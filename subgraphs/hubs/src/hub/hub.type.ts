import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { HUB_STATUSES } from "./hub.entity.js";

export const HubStatus = enumFrom(HUB_STATUSES);
registerEnumType(HubStatus, {
  name: "HubStatus",
  description: "Whether a hub is running (ACTIVE), paused (SUSPENDED) or closed.",
  valuesConfig: {
    ACTIVE: { description: "Running: holds sessions and hears worries (活動中)." },
    SUSPENDED: { description: "Paused for a while; expected to resume (休止中)." },
    CLOSED: { description: "No longer run (廃止)." },
  },
});

@ObjectType("Hub", { description: "A community hub (地域づくり拠点), run by its district council under contract with 市社協." })
@Directive('@key(fields: "id")')
export class HubType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Stable code, e.g. `hub-01`." })
  code!: string;
  @Field(() => String, { description: "Name." })
  name!: string;
  @Field(() => Int, { description: "Fiscal year it opened (開設年度)." })
  openedFiscalYear!: number;
  @Field(() => Int, { nullable: true, description: "Fiscal year it closed." })
  closedFiscalYear?: number | null;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "The day it opened (Asia/Tokyo), for a hub opened through `openHub`; null for those opened before.",
  })
  openedOn?: string | null;
  @Field(() => String, { nullable: true, description: "Where it meets (場所)." })
  place?: string | null;
  @Field(() => HubStatus, { description: "Status." })
  status!: keyof typeof HubStatus;
}
