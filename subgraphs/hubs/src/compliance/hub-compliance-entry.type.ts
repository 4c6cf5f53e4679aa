import { Field, ObjectType } from "type-graphql";
import { HubType } from "../hub/hub.type.js";
import { HubMonthComplianceType } from "./hub-month-compliance.type.js";

@ObjectType("HubComplianceEntry", { description: "One hub's month against the rule." })
export class HubComplianceEntry extends HubMonthComplianceType {
  @Field(() => HubType, { description: "The hub." })
  hub!: HubType;
}
