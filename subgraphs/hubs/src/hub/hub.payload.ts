import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { HubType } from "./hub.type.js";

@ObjectType("HubPayload", { description: "Result of a mutation on a hub." })
export class HubPayload {
  @Field(() => HubType, { nullable: true, description: "The hub as it now stands; null when refused." })
  hub?: HubType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
