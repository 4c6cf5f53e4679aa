import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";
import { BODY_KINDS, MeetingBodyEntity } from "../body/body.entity.js";

export const TOPIC_STATUSES = ["RAISED", "UNDER_DISCUSSION", "ADOPTED", "DECLINED"] as const;
export type TopicStatusValue = (typeof TOPIC_STATUSES)[number];

/**
 * A de-identified need for a new mechanism (新たな仕組みの検討課題), raised by a case meeting to a policy
 * body. By design it has no column that could point at a case or a person.
 */
export const TopicEntity = defineEntity({
  name: "Topic",
  tableName: "topic",
  triggers: [changeNotice("meetings", "topic")],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    title: p.string().length(200),
    description: p.text(),
    category: p.string().length(100),
    status: p.enum(TOPIC_STATUSES).default("RAISED"),
    /** Kind of body it came from (never which meeting: that could identify a case). */
    originKind: p.enum(BODY_KINDS),
    raisedOn: p.date(),
    targetBody: () => p.manyToOne(MeetingBodyEntity).index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Topic = InferEntity<typeof TopicEntity>;
