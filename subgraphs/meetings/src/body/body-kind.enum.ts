import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { BODY_KINDS } from "./body.entity.js";

export const BodyKind = enumFrom(BODY_KINDS);
registerEnumType(BodyKind, {
  name: "MeetingBodyKind",
  description: "Kind of meeting body (会議体の種別).",
  valuesConfig: {
    SUPPORT_MEETING: {
      description: "支援会議: individual cases without consent, members bound to confidentiality (社会福祉法第106条の6).",
    },
    MULTI_LAYERED_SUPPORT_MEETING: { description: "重層的支援会議: individual cases with the person's consent only." },
    MARUGOTO_COUNCIL: { description: "福祉まるごと会議: directors and sections; never individual cases." },
    MARUGOTO_WORKING_GROUP: { description: "福祉まるごとワーキンググループ, convened per topic; never individual cases." },
    INTERNAL_WORKING_GROUP: { description: "庁内ワーキンググループ of the programme's sections; no individual cases." },
  },
});
