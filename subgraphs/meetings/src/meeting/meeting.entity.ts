import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";
import { MeetingBodyEntity } from "../body/body.entity.js";

export const MEETING_STATUSES = ["SCHEDULED", "IN_PROGRESS", "ADJOURNED", "CLOSED", "CANCELLED"] as const;
export type MeetingStatusValue = (typeof MEETING_STATUSES)[number];

/** One sitting of a body (会議). */
export const MeetingEntity = defineEntity({
  name: "Meeting",
  tableName: "meeting",
  triggers: [changeNotice("meetings", "meeting")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    body: () => p.manyToOne(MeetingBodyEntity).index(),
    title: p.string().length(200),
    startsAt: p.datetime().index(),
    endsAt: p.datetime().nullable(),
    place: p.string().length(200).nullable(),
    /** 非公開: invisible to non-members. Always true for case-handling bodies. */
    confidential: p.boolean().default(false),
    status: p.enum(MEETING_STATUSES).default("SCHEDULED"),
    /** The agenda item under discussion (現在の議題). */
    currentItemId: p.uuid().nullable(),
    /**
     * The calendar's SEQUENCE (RFC 5545): one more on every change a calendar shows (time, place,
     * cancellation, agenda), in the transaction of the change. See `bumpSequence`.
     */
    sequence: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Meeting = InferEntity<typeof MeetingEntity>;

export const MEMBER_ROLES = ["CHAIR", "SECRETARY", "MEMBER"] as const;
export type MemberRoleValue = (typeof MEMBER_ROLES)[number];
export const ATTENDANCE = ["UNKNOWN", "PRESENT", "ABSENT"] as const;
export type AttendanceValue = (typeof ATTENDANCE)[number];

/** A member organisation of one meeting, its attendance and, for case meetings, its confidentiality pledge. */
export const MeetingMemberEntity = defineEntity({
  name: "MeetingMember",
  tableName: "meeting_member",
  triggers: [changeNotice("meetings", "meeting_member")],
  uniques: [{ properties: ["meeting", "organizationCode"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    meeting: () => p.manyToOne(MeetingEntity).index(),
    organizationCode: p.string().length(80).index(),
    role: p.enum(MEMBER_ROLES).default("MEMBER"),
    attendance: p.enum(ATTENDANCE).default("UNKNOWN"),
    /** 守秘義務の誓約 while a member: when and by whom (the lasting record is `ConfidentialityPledge`). */
    pledgedAt: p.datetime().nullable(),
    pledgedBy: p.string().length(200).nullable(),
    /** When the organisation was (last) invited: a removed and re-invited member's row is a new one. Null for rows older than this record. */
    joinedAt: p
      .datetime()
      .nullable()
      .onCreate(() => new Date()),
    position: p.integer(),
  },
});
export type MeetingMember = InferEntity<typeof MeetingMemberEntity>;

/**
 * 守秘義務の誓約 as a lasting record: one row per meeting and organisation, written when it pledges and
 * never removed — the duty outlives membership, so removing the member leaves the pledge on record,
 * and an organisation invited back sits under the pledge it gave.
 */
export const ConfidentialityPledgeEntity = defineEntity({
  name: "ConfidentialityPledge",
  tableName: "confidentiality_pledge",
  triggers: [changeNotice("meetings", "confidentiality_pledge")],
  uniques: [{ properties: ["meeting", "organizationCode"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    meeting: () => p.manyToOne(MeetingEntity).index(),
    organizationCode: p.string().length(80),
    pledgedAt: p.datetime(),
    pledgedBy: p.string().length(200),
  },
});
