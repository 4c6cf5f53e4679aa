import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { TOPIC_STATUSES } from "./topic.entity.js";

export const TopicStatus = enumFrom(TOPIC_STATUSES);
registerEnumType(TopicStatus, {
  name: "TopicStatus",
  description: "Where a de-identified topic stands.",
  valuesConfig: {
    RAISED: { description: "提起済み." },
    UNDER_DISCUSSION: { description: "検討中." },
    ADOPTED: { description: "採用: a mechanism or project follows." },
    DECLINED: { description: "見送り." },
  },
});
