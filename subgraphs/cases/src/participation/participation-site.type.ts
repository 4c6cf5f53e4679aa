import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { SITE_KINDS } from "./participation.entity.js";

export const SiteKind = enumFrom(SITE_KINDS);
registerEnumType(SiteKind, {
  name: "ParticipationSiteKind",
  description: "Kind of チャレンジ就労 site.",
  valuesConfig: {
    WELFARE_FACILITY: { description: "A facility of the 中間的就労部会 network." },
    NON_WELFARE_PARTNER: { description: "A new partner outside welfare." },
  },
});

@ObjectType("ParticipationSite", { description: "A site offering チャレンジ就労 (受け入れ先)." })
export class ParticipationSiteType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Stable code." })
  code!: string;
  @Field(() => String, { description: "Name." })
  name!: string;
  @Field(() => SiteKind, { description: "Kind." })
  kind!: keyof typeof SiteKind;
  @Field(() => Boolean, { description: "Accepting people now." })
  active!: boolean;
  @Field(() => LocalDateResolver, { description: "When it joined." })
  joinedOn!: string;
}
