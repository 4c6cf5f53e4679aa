import { Field, ObjectType } from "type-graphql";
import { MeetingType } from "./meeting.type.js";

@ObjectType("MeetingEdge", { description: "A meeting in a connection." })
export class MeetingEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => MeetingType, { description: "The meeting." })
  node!: MeetingType;
}
