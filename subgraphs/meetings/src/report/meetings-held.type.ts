import { Field, ObjectType } from "type-graphql";
import { Count } from "@marugoto/shared";
import { BodyKind } from "../body/body-kind.enum.js";

@ObjectType("MeetingsHeld", { description: "Meetings held in a fiscal year, of one kind of body (開催回数)." })
export class MeetingsHeldType {
  @Field(() => BodyKind, { description: "Kind of body." })
  kind!: keyof typeof BodyKind;
  @Field(() => Count, { description: "Sittings opened in the year (in progress, adjourned or closed)." })
  held!: Count;
}
