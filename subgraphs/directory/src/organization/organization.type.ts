import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { AGENCY_KINDS, ORGANIZATION_KINDS } from "./organization.entity.js";

export const OrganizationKind = enumFrom(ORGANIZATION_KINDS);
registerEnumType(OrganizationKind, {
  name: "OrganizationKind",
  description: "Kind of organisation (組織の種別).",
  valuesConfig: {
    DEPARTMENT: { description: "A city department (部), e.g. 福祉推進部." },
    CITY_SECTION: { description: "A city section (課・室・センター) within a department." },
    SOCIAL_WELFARE_COUNCIL: { description: "The city social welfare council (市社協)." },
    CONSULTATION_AGENCY: { description: "A consultation support agency (相談支援関連機関); see agencyKind." },
    DISTRICT_COUNCIL: { description: "A district social welfare council (地区社協)." },
    WELFARE_FACILITY: { description: "A welfare facility of the city's network (社会福祉施設)." },
  },
});

export const AgencyKind = enumFrom(AGENCY_KINDS);
registerEnumType(AgencyKind, {
  name: "AgencyKind",
  description: "Kind of consultation agency (相談支援関連機関の種別).",
  valuesConfig: {
    CORE_COMMUNITY_GENERAL_SUPPORT_CENTER: { description: "基幹型地域包括支援センター." },
    COMMUNITY_GENERAL_SUPPORT_CENTER: { description: "地域包括支援センター." },
    DISABILITY_CONSULTATION_CENTER: { description: "障がい者相談支援センター." },
    ADULT_GUARDIANSHIP_CENTER: { description: "成年後見センター." },
    SELF_RELIANCE_SUPPORT_AGENCY: { description: "生活困窮者自立相談支援機関." },
  },
});

@ObjectType("Organization", {
  description: "An organisation taking part in the programme (組織): a department, section, council, agency or facility.",
})
@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
export class OrganizationType {
  @Field(() => ID, { description: "Stable identifier (UUIDv7)." })
  id!: string;

  @Field(() => String, { description: "Stable short code, e.g. `nozei` for 納税課; tokens name the caller's organisation by it." })
  code!: string;

  @Field(() => String, { description: "Japanese name (名称)." })
  name!: string;

  @Field(() => OrganizationKind, { description: "Kind of organisation (種別)." })
  kind!: keyof typeof OrganizationKind;

  @Field(() => AgencyKind, { nullable: true, description: "For consultation agencies: which kind (機関種別)." })
  agencyKind?: keyof typeof AgencyKind | null;

  @Field(() => Boolean, { description: "True while the name is a generated placeholder (仮称) awaiting the real one." })
  placeholder!: boolean;

  @Field(() => Int, { description: "Display order among siblings." })
  sortOrder!: number;
}
