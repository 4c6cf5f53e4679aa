import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";

/** Kinds of meeting body (会議体), from DOMAIN.md. */
export const BODY_KINDS = [
  "SUPPORT_MEETING",
  "MULTI_LAYERED_SUPPORT_MEETING",
  "MARUGOTO_COUNCIL",
  "MARUGOTO_WORKING_GROUP",
  "INTERNAL_WORKING_GROUP",
] as const;
export type BodyKindValue = (typeof BODY_KINDS)[number];

/** Which kinds may handle individual cases. A rule of law, so it lives in code, not in data. */
export const HANDLES_INDIVIDUAL_CASES: Record<BodyKindValue, boolean> = {
  SUPPORT_MEETING: true,
  MULTI_LAYERED_SUPPORT_MEETING: true,
  MARUGOTO_COUNCIL: false,
  MARUGOTO_WORKING_GROUP: false,
  INTERNAL_WORKING_GROUP: false,
};

export const MeetingBodyEntity = defineEntity({
  name: "MeetingBody",
  tableName: "meeting_body",
  triggers: [changeNotice("meetings", "meeting_body")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    code: p.string().length(80).unique(),
    kind: p.enum(BODY_KINDS).index(),
    name: p.string().length(200),
    legalBasis: p.string().length(200).nullable(),
    /** For working groups convened per topic: the topic. */
    topic: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type MeetingBody = InferEntity<typeof MeetingBodyEntity>;

export const BODY_MEMBER_ROLES = ["CHAIR", "SECRETARIAT", "MEMBER"] as const;
export type BodyMemberRoleValue = (typeof BODY_MEMBER_ROLES)[number];

/** A standing member organisation of a body, named by its directory code. */
export const BodyMemberEntity = defineEntity({
  name: "BodyMember",
  tableName: "body_member",
  triggers: [changeNotice("meetings", "body_member")],
  uniques: [{ properties: ["body", "organizationCode"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    body: () => p.manyToOne(MeetingBodyEntity).index(),
    organizationCode: p.string().length(80).index(),
    role: p.enum(BODY_MEMBER_ROLES).default("MEMBER"),
    position: p.integer(),
  },
});
export type BodyMember = InferEntity<typeof BodyMemberEntity>;
