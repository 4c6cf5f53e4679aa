import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { WorryType } from "./worry.type.js";

@ObjectType("WorryPayload", { description: "Result of a mutation on a worry." })
export class WorryPayload {
  @Field(() => WorryType, { nullable: true, description: "The worry; null when refused." })
  worry?: WorryType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
