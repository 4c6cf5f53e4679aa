import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The meetings subgraph's agenda item, as this subgraph knows it: by id, with the case id it names. */
@ObjectType("AgendaItem", { description: "One item of a meeting's agenda (議題)." })
@Directive('@key(fields: "id")')
export class AgendaItemRef {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => ID, { nullable: true, description: "For a case item the caller may see: the case's id." })
  @Directive("@external")
  caseId?: string | null;
}
