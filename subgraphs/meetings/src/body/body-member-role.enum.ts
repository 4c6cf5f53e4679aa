import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { BODY_MEMBER_ROLES } from "./body.entity.js";

export const BodyMemberRole = enumFrom(BODY_MEMBER_ROLES);
registerEnumType(BodyMemberRole, {
  name: "BodyMemberRole",
  description: "A member organisation's role in a body.",
  valuesConfig: {
    CHAIR: { description: "Chairs the body (座長・議長)." },
    SECRETARIAT: { description: "Runs the body's business (事務局)." },
    MEMBER: { description: "Member (構成員)." },
  },
});
