import { Field, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";

@ObjectType("PlanRole", { description: "One organisation's role in a support plan: what, how often, until when." })
export class PlanRoleType {
  @Field(() => String, { description: "What it does." })
  what!: string;
  @Field(() => String, { nullable: true, description: "How often (頻度)." })
  frequency?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Until when (期限)." })
  until?: string | null;
}
