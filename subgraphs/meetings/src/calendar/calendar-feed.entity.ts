import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";

/**
 * An organisation's calendar feed (カレンダー配信): a calendar client cannot send a bearer token, so
 * the feed's URL carries a random token. Only its SHA-256 is stored; a revoked feed answers nothing.
 */
export const CalendarFeedEntity = defineEntity({
  name: "CalendarFeed",
  tableName: "calendar_feed",
  triggers: [changeNotice("meetings", "calendar_feed")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    /** The organisation whose meetings it shows: what that organisation may see, no more. */
    organizationCode: p.string().length(80).index(),
    /** sha256 (hex) of the token in the URL. */
    tokenHash: p.string().length(64).unique(),
    /** A name for the feed (e.g. 課の共有カレンダー). */
    label: p.string().length(100),
    createdBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.string().length(200).nullable(),
  },
});
export type CalendarFeed = InferEntity<typeof CalendarFeedEntity>;
