import { Directive, Field, Int, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";

@Directive("@inaccessible")
@ObjectType("MeetingDisclosuresPayload", {
  description:
    "Result of withdrawing a meeting's disclosures from an organisation that leaves the meeting, or from every member of a meeting called off.",
})
export class MeetingDisclosuresPayload {
  @Field(() => Int, {
    nullable: true,
    description:
      "How many of the meeting's disclosures were withdrawn (those naming the leaving organisation, or all of a meeting called off); null when refused.",
  })
  withdrawn?: number | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
