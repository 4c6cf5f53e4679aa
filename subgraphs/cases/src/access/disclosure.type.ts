import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { DISCLOSURE_KINDS } from "./access.entity.js";

export const DisclosureKind = enumFrom(DISCLOSURE_KINDS);
registerEnumType(DisclosureKind, { name: "DisclosureKind", description: "Which kind of meeting a case was disclosed to." });

@ObjectType("Disclosure", { description: "A disclosure of the case to a meeting's members, for its purpose." })
export class DisclosureType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => DisclosureKind, { description: "Kind of meeting." })
  kind!: keyof typeof DisclosureKind;
  @Field(() => ID, { description: "The meeting's id." })
  meetingId!: string;
  @Field(() => String, { description: "Purpose (目的)." })
  purpose!: string;
  @Field(() => Date, { description: "When." })
  disclosedAt!: Date;
  @Field(() => Date, { nullable: true, description: "Revoked at." })
  revokedAt?: Date | null;
}
