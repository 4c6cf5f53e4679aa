import { Field, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { HUB_EVENT_KINDS } from "./hub-events.js";

export const HubEventKind = enumFrom(HUB_EVENT_KINDS);
registerEnumType(HubEventKind, { name: "HubEventKind", description: "What happened at a hub." });

@ObjectType("HubEvent", { description: "Something recorded at a hub." })
export class HubEventType {
  @Field(() => String, { description: "Resume point for `after`." })
  cursor!: string;
  @Field(() => HubEventKind, { description: "What happened." })
  kind!: keyof typeof HubEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}
