import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { ActivityType } from "./activity.type.js";

@ObjectType("ActivityPayload", { description: "Result of recording an activity." })
export class ActivityPayload {
  @Field(() => ActivityType, { nullable: true, description: "The activity; null when refused." })
  activity?: ActivityType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
