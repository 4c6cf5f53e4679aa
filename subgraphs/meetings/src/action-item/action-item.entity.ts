import { randomUUIDv7 } from "node:crypto";
import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { changeNotice } from "@marugoto/shared";
import { AgendaItemEntity } from "../agenda/agenda-item.entity.js";
import { MeetingEntity } from "../meeting/meeting.entity.js";

export const ACTION_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type ActionStatusValue = (typeof ACTION_STATUSES)[number];

/** A task that came out of a meeting (アクションアイテム), owned by an organisation. */
export const ActionItemEntity = defineEntity({
  name: "ActionItem",
  tableName: "action_item",
  triggers: [changeNotice("meetings", "action_item")],
  indexes: [{ properties: ["assigneeCode", "status"] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUIDv7()),
    meeting: () => p.manyToOne(MeetingEntity).index(),
    item: () => p.manyToOne(AgendaItemEntity).nullable().index(),
    title: p.string().length(200),
    assigneeCode: p.string().length(80),
    /** A person at the assignee organisation, when one is named (担当者). */
    assigneePerson: p.string().length(100).nullable(),
    dueDate: p.date().nullable(),
    status: p.enum(ACTION_STATUSES).default("OPEN"),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type ActionItem = InferEntity<typeof ActionItemEntity>;
