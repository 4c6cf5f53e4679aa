import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { REFERRAL_STATUSES } from "./assignment.entity.js";

export const ReferralStatus = enumFrom(REFERRAL_STATUSES);
registerEnumType(ReferralStatus, {
  name: "ReferralStatus",
  description: "Where a referral stands (sent, accepted, declined).",
  valuesConfig: {
    SENT: { description: "Sent, waiting for the receiving organisation's answer (依頼中)." },
    ACCEPTED: { description: "Accepted: the receiving organisation is assigned as support (受諾)." },
    DECLINED: { description: "Declined, with a reason (辞退)." },
  },
});

@ObjectType("Referral", { description: "A referral between organisations (つなぎ)." })
export class ReferralType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => ReferralStatus, { description: "Where it stands." })
  status!: keyof typeof ReferralStatus;
  @Field(() => String, { nullable: true, description: "Note from the sender." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: "Why it was declined." })
  declineReason?: string | null;
  @Field(() => Date, { description: "Sent." })
  sentAt!: Date;
}
