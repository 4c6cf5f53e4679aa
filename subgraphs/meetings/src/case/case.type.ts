import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The cases subgraph's case, as this subgraph knows it: by id only. Fields added here are meetings'. */
@ObjectType("Case", { description: "A case (ケース); owned by the cases subgraph, which decides who may see it." })
@Directive('@key(fields: "id")')
export class CaseRef {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
}
