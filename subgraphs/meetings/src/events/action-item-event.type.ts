import { Field, ObjectType } from "type-graphql";
import { ActionItemEventKind } from "./action-item-event-kind.enum.js";

@ObjectType("ActionItemEvent", { description: "An action item of an organisation changed." })
export class ActionItemEventType {
  @Field(() => String, { description: "Resume point: pass it as `after` to receive only what follows." })
  cursor!: string;
  @Field(() => ActionItemEventKind, { description: "What happened." })
  kind!: keyof typeof ActionItemEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}
