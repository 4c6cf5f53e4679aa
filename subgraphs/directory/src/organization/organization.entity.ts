import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";

/** Kinds of organisation in the programme. */
export const ORGANIZATION_KINDS = [
  "DEPARTMENT",
  "CITY_SECTION",
  "SOCIAL_WELFARE_COUNCIL",
  "CONSULTATION_AGENCY",
  "DISTRICT_COUNCIL",
  "WELFARE_FACILITY",
] as const;
export type OrganizationKindValue = (typeof ORGANIZATION_KINDS)[number];

/** Kinds of consultation agency (相談支援関連機関), as in data/yamagata.json. */
export const AGENCY_KINDS = [
  "CORE_COMMUNITY_GENERAL_SUPPORT_CENTER",
  "COMMUNITY_GENERAL_SUPPORT_CENTER",
  "DISABILITY_CONSULTATION_CENTER",
  "ADULT_GUARDIANSHIP_CENTER",
  "SELF_RELIANCE_SUPPORT_AGENCY",
] as const;
export type AgencyKindValue = (typeof AGENCY_KINDS)[number];

export const OrganizationEntity = defineEntity({
  name: "Organization",
  tableName: "organization",
  triggers: [changeNotice("directory", "organization")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    code: p.string().length(80).unique(),
    name: p.string().length(200),
    kind: p.enum(ORGANIZATION_KINDS).index(),
    agencyKind: p.enum(AGENCY_KINDS).nullable(),
    /** True for generated entries whose real name is not loaded yet. */
    placeholder: p.boolean().default(false),
    sortOrder: p.integer().default(0),
    parent: () => p.manyToOne(OrganizationEntity).nullable().index(),
    operatedBy: () => p.manyToOne(OrganizationEntity).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Organization = InferEntity<typeof OrganizationEntity>;
