import { Field, ObjectType } from "type-graphql";
import { Count } from "@marugoto/shared";

@ObjectType("CaseFigures", {
  description:
    "Case figures of a fiscal year. Counts of people below 5 are suppressed for callers not entitled (role `analyst` or `auditor`).",
})
export class CaseFiguresType {
  @Field(() => Count, { description: "Consultations received (相談受付件数)." })
  consultations!: Count;
  @Field(() => Count, { description: "People supported: main persons of cases with support logged in the year (支援実人数)." })
  peopleSupported!: Count;
  @Field(() => Count, { description: "Support plans made (プラン作成件数)." })
  supportPlans!: Count;
  @Field(() => Count, { description: "Multi-agency collaborations ended (多機関協働の終結)." })
  collaborationsEnded!: Count;
  @Field(() => Count, { description: "Cases closed (終結件数)." })
  closures!: Count;
  @Field(() => Count, { description: "チャレンジ就労 sites that received someone (参加支援の受け入れ先)." })
  participationPartners!: Count;
  @Field(() => Count, { description: "People with a チャレンジ就労 session (参加支援の利用者)." })
  participationParticipants!: Count;
}
