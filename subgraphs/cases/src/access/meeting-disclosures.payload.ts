import { Directive, Field, Int, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";

@Directive("@inaccessible")
@ObjectType("MeetingDisclosuresPayload", {
  description: "Result of withdrawing a meeting's disclosures from an organisation that leaves the meeting.",
})
export class MeetingDisclosuresPayload {
  @Field(() => Int, {
    nullable: true,
    description: "How many of the meeting's disclosures named the organisation and were withdrawn from it; null when refused.",
  })
  withdrawn?: number | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
