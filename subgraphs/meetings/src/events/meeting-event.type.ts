import { Field, ObjectType } from "type-graphql";
import { MeetingEventKind } from "./meeting-event-kind.enum.js";

@ObjectType("MeetingEvent", { description: "A meeting of an organisation was scheduled, rescheduled or changed status or membership." })
export class MeetingEventType {
  @Field(() => String, { description: "Resume point: pass it as `after` to receive only what follows." })
  cursor!: string;
  @Field(() => MeetingEventKind, { description: "What happened." })
  kind!: keyof typeof MeetingEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}
