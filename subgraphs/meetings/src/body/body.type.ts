import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { OrganizationRef } from "../organization/organization.type.js";
import { BODY_KINDS, BODY_MEMBER_ROLES } from "./body.entity.js";

export const BodyKind = enumFrom(BODY_KINDS);
registerEnumType(BodyKind, {
  name: "MeetingBodyKind",
  description: "Kind of meeting body (会議体の種別).",
  valuesConfig: {
    SUPPORT_MEETING: { description: "支援会議: individual cases without consent, members bound to confidentiality (社会福祉法第106条の6)." },
    MULTI_LAYERED_SUPPORT_MEETING: { description: "重層的支援会議: individual cases with the person's consent only." },
    MARUGOTO_COUNCIL: { description: "福祉まるごと会議: directors and sections; never individual cases." },
    MARUGOTO_WORKING_GROUP: { description: "福祉まるごとワーキンググループ, convened per topic; never individual cases." },
    INTERNAL_WORKING_GROUP: { description: "庁内ワーキンググループ of the programme's sections; no individual cases." },
  },
});

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

@ObjectType("MeetingBody", { description: "A meeting body (会議体): the standing body whose sittings are meetings." })
@Directive('@key(fields: "id")')
export class MeetingBodyType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Stable code, e.g. `marugoto-council`." })
  code!: string;

  @Field(() => BodyKind, { description: "Kind of body." })
  kind!: keyof typeof BodyKind;

  @Field(() => String, { description: "Japanese name (名称)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Legal basis (根拠), e.g. 社会福祉法第106条の6." })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: "For a working group convened per topic: its topic (テーマ)." })
  topic?: string | null;

  @Field(() => Boolean, { description: "Whether its meetings may handle individual cases (個別ケース). Fixed by kind." })
  handlesIndividualCases!: boolean;
}

@ObjectType("MeetingBodyMember", { description: "A standing member organisation of a body (構成員)." })
export class BodyMemberType {
  @Field(() => OrganizationRef, { description: "The member organisation." })
  organization!: OrganizationRef;

  @Field(() => BodyMemberRole, { description: "Its role in the body." })
  role!: keyof typeof BodyMemberRole;

  @Field(() => Int, { description: "Order in the membership list." })
  position!: number;
}
