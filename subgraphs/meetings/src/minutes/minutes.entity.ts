import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";
import { MeetingEntity } from "../meeting/meeting.entity.js";

export const MINUTES_STATUSES = ["DRAFT", "APPROVED"] as const;

/** The minutes of a meeting (議事録): drafted, then approved by the chair and locked. */
export const MinutesEntity = defineEntity({
  name: "Minutes",
  tableName: "minutes",
  triggers: [changeNotice("meetings", "minutes")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    meeting: () => p.oneToOne(MeetingEntity).owner().unique(),
    content: p.text(),
    status: p.enum(MINUTES_STATUSES).default("DRAFT"),
    /** For case meetings: when the case comes back (次回評価日). */
    nextReviewDate: p.date().nullable(),
    draftedBy: p.string().length(200),
    /** One more at every draft: what an editor saw, so that nobody saves over, or approves, a text they have not read. */
    revision: p.integer().default(1),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    approvedAt: p.datetime().nullable(),
    approvedBy: p.string().length(200).nullable(),
    /** The approver's organisation when they approved (the chair then), kept when the chair later changes. */
    approvedByOrganizationCode: p.string().length(80).nullable(),
  },
});
export type Minutes = InferEntity<typeof MinutesEntity>;
