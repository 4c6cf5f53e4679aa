import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { CASE_STATUSES } from "./case.entity.js";

export const CaseStatus = enumFrom(CASE_STATUSES);
registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description: "Where a case stands in the support lifecycle.",
  valuesConfig: {
    RECEIVED: { description: "相談受付." },
    ACCEPTED: { description: "受理 (complex cases go to 多機関協働)." },
    ASSESSMENT: { description: "アセスメント." },
    PLANNING: { description: "支援プラン作成." },
    IN_CONFERENCE: { description: "重層的支援会議・支援会議で協議." },
    DECIDED: { description: "支援決定 (by the city)." },
    IN_SUPPORT: { description: "支援の実施." },
    MONITORING: { description: "モニタリング." },
    EVALUATION: { description: "評価: close, continue, re-plan or suspend." },
    SUSPENDED: { description: "中断." },
    COLLABORATION_ENDED: { description: "多機関協働の終結: the lead organisation keeps accompanying the person." },
    CLOSED: { description: "終結: the case is closed." },
  },
});

@ObjectType("Case", {
  description:
    "A case (ケース): a household's support. Visible only on a ground (assignment, consent, a meeting it was disclosed to, break-glass); every read is audited. Fields of a kind the caller's grounds do not disclose are null.",
})
@Directive('@key(fields: "id")')
export class CaseType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
}
