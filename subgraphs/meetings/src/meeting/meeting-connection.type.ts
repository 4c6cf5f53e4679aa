import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "@marugoto/shared";
import { MeetingEdge } from "./meeting-edge.type.js";
import { MeetingType } from "./meeting.type.js";

@ObjectType("MeetingConnection", { description: "A page of meetings, by start time." })
export class MeetingConnection {
  @Field(() => [MeetingEdge], { description: "The meetings of this page." })
  edges!: MeetingEdge[];
  @Field(() => [MeetingType], { description: "The meetings of this page, without cursors." })
  nodes!: MeetingType[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}
