import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ACTION_STATUSES } from "./action-item/action-item.entity.js";
import { ITEM_KINDS, ITEM_STATUSES } from "./agenda/agenda-item.entity.js";
import { ACTION_ITEM_EVENT_KINDS, AGENDA_EVENT_KINDS, MEETING_EVENT_KINDS } from "./events/meeting-events.js";
import { ATTENDANCE, MEETING_STATUSES, MEMBER_ROLES } from "./meeting/meeting.entity.js";
import { MINUTES_STATUSES } from "./minutes/minutes.entity.js";
import { TOPIC_STATUSES } from "./topic/topic.entity.js";

export const MeetingStatus = enumFrom(MEETING_STATUSES);
registerEnumType(MeetingStatus, {
  name: "MeetingStatus",
  description: "Where a meeting stands (会議の状態).",
  valuesConfig: {
    SCHEDULED: { description: "予定: not yet opened." },
    IN_PROGRESS: { description: "開会中." },
    ADJOURNED: { description: "休会: paused, may be opened again." },
    CLOSED: { description: "終了: nothing on its agenda changes any more." },
    CANCELLED: { description: "中止: called off before it opened; nothing about it changes any more." },
  },
});

export const MeetingMemberRole = enumFrom(MEMBER_ROLES);
registerEnumType(MeetingMemberRole, {
  name: "MeetingMemberRole",
  description: "A member organisation's role in one meeting.",
  valuesConfig: {
    CHAIR: { description: "議長: edits the agenda, approves the minutes." },
    SECRETARY: { description: "書記: named by the chair; edits the agenda." },
    MEMBER: { description: "構成員: reads." },
  },
});

export const Attendance = enumFrom(ATTENDANCE);
registerEnumType(Attendance, {
  name: "Attendance",
  description: "Attendance of a member organisation (出欠).",
  valuesConfig: { UNKNOWN: { description: "未確認." }, PRESENT: { description: "出席." }, ABSENT: { description: "欠席." } },
});

export const AgendaItemKind = enumFrom(ITEM_KINDS);
registerEnumType(AgendaItemKind, {
  name: "AgendaItemKind",
  description: "Kind of agenda item (議題の種類).",
  valuesConfig: {
    CASE: { description: "個別ケース: only on bodies that may handle individual cases; contents shown after the confidentiality pledge." },
    TOPIC: { description: "検討課題: a theme for discussion." },
    REPORT: { description: "報告." },
  },
});

export const AgendaItemStatus = enumFrom(ITEM_STATUSES);
registerEnumType(AgendaItemStatus, {
  name: "AgendaItemStatus",
  description: "Where an agenda item stands.",
  valuesConfig: {
    PENDING: { description: "未協議." },
    CURRENT: { description: "協議中: the item under discussion now." },
    DONE: { description: "協議済み." },
    DEFERRED: { description: "先送り." },
  },
});

export const ActionItemStatus = enumFrom(ACTION_STATUSES);
registerEnumType(ActionItemStatus, {
  name: "ActionItemStatus",
  description: "Where an action item stands.",
  valuesConfig: {
    OPEN: { description: "未着手." },
    IN_PROGRESS: { description: "対応中." },
    DONE: { description: "完了." },
    CANCELLED: { description: "取り消し (by the chair)." },
  },
});

export const MinutesStatus = enumFrom(MINUTES_STATUSES);
registerEnumType(MinutesStatus, {
  name: "MinutesStatus",
  description: "Where minutes stand.",
  valuesConfig: { DRAFT: { description: "下書き." }, APPROVED: { description: "承認済み: locked." } },
});

export const TopicStatus = enumFrom(TOPIC_STATUSES);
registerEnumType(TopicStatus, {
  name: "TopicStatus",
  description: "Where a de-identified topic stands.",
  valuesConfig: {
    RAISED: { description: "提起済み." },
    UNDER_DISCUSSION: { description: "検討中." },
    ADOPTED: { description: "採用: a mechanism or project follows." },
    DECLINED: { description: "見送り." },
  },
});

/** What a live agenda stream carries: every published kind, and the mark of a replay's end. */
export const AgendaEventKind = enumFrom([...AGENDA_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(AgendaEventKind, { name: "AgendaEventKind", description: "What changed on a live agenda." });

export const MeetingEventKind = enumFrom(MEETING_EVENT_KINDS);
registerEnumType(MeetingEventKind, { name: "MeetingEventKind", description: "What happened to a meeting of an organisation." });

export const ActionItemEventKind = enumFrom(ACTION_ITEM_EVENT_KINDS);
registerEnumType(ActionItemEventKind, {
  name: "ActionItemEventKind",
  description: "What happened to an action item of an organisation (REASSIGNED_AWAY: it now belongs to another).",
});
