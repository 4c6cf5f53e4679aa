import { Field, ID, ObjectType } from "type-graphql";
import { AgendaEventKind } from "./agenda-event-kind.enum.js";

@ObjectType("AgendaEvent", { description: "A change to a live agenda, with the whole agenda as it stood right after it." })
export class AgendaEventType {
  @Field(() => String, { description: "Resume point: pass it as `after` to receive only what follows." })
  cursor!: string;
  @Field(() => AgendaEventKind, { description: "What changed." })
  kind!: keyof typeof AgendaEventKind;
  @Field(() => Date, { description: "When it changed." })
  occurredAt!: Date;
  @Field(() => ID, { nullable: true, description: "The item concerned, if one." })
  itemId?: string | null;
}
