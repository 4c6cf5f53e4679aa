import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * The meetings subgraph's meeting, as this subgraph names it: by id only. The gateway asks the
 * meetings subgraph for everything else, with its own visibility rule (a confidential meeting is null
 * to a non-member).
 */
@ObjectType("Meeting", { description: "A sitting of a body (会議)." })
@Directive('@key(fields: "id", resolvable: false)')
export class MeetingRef {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
}
