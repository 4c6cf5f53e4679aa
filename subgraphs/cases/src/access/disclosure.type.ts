import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { DISCLOSURE_KINDS } from "./access.entity.js";

export const DisclosureKind = enumFrom(DISCLOSURE_KINDS);
registerEnumType(DisclosureKind, {
  name: "DisclosureKind",
  description: "Which kind of meeting a case was disclosed to.",
  valuesConfig: {
    SUPPORT_MEETING: {
      description: "A 支援会議 (社会福祉法第106条の6): no consent needed; its members have a statutory duty of confidentiality (守秘義務).",
    },
    MULTI_LAYERED_SUPPORT_MEETING: { description: "A 重層的支援会議: valid only while the person's consent covers it." },
  },
});

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
