/**
 * Japanese labels of the graph's enums, one table per enum, worded as the programme writes them
 * (docs: design/DOMAIN.md): what a screen, a document or a message shows for a value.
 * The tables are keyed by the enum's values; a value a table lacks is shown as itself.
 * This file imports nothing: the board's browser bundle takes it as `@marugoto/shared/labels`.
 */

/** The support lifecycle (CaseStatus), in the order a case moves through it. */
export const CASE_STATUS_LABELS = {
  RECEIVED: "相談受付",
  ACCEPTED: "受理",
  ASSESSMENT: "アセスメント",
  PLANNING: "支援プラン作成",
  IN_CONFERENCE: "会議で協議",
  DECIDED: "支援決定",
  IN_SUPPORT: "支援の実施",
  MONITORING: "モニタリング",
  EVALUATION: "評価",
  SUSPENDED: "中断",
  COLLABORATION_ENDED: "多機関協働の終結",
  CLOSED: "終結",
} as const;

/** Why a caller may see a case (AccessGround). */
export const ACCESS_GROUND_LABELS = {
  ASSIGNMENT: "担当",
  CONSENT: "本人同意",
  SUPPORT_MEETING: "支援会議",
  MULTI_LAYERED_SUPPORT_MEETING: "重層的支援会議",
  BREAK_GLASS: "緊急閲覧",
} as const;

/** Where a consultation came from (ConsultationSource, 相談経路). */
export const CONSULTATION_SOURCE_LABELS = {
  AGENCY: "相談支援機関",
  CITY_SECTION: "市の課",
  HUB: "地域づくり拠点",
  WELFARE_COMMISSIONER: "民生委員",
  OTHER: "その他",
} as const;

/** Kinds of meeting body (BodyKind). */
export const BODY_KIND_LABELS = {
  SUPPORT_MEETING: "支援会議",
  MULTI_LAYERED_SUPPORT_MEETING: "重層的支援会議",
  MARUGOTO_COUNCIL: "福祉まるごと会議",
  MARUGOTO_WORKING_GROUP: "福祉まるごとワーキンググループ",
  INTERNAL_WORKING_GROUP: "庁内ワーキンググループ",
} as const;

/** Where a meeting stands (MeetingStatus). */
export const MEETING_STATUS_LABELS = {
  SCHEDULED: "予定",
  IN_PROGRESS: "開会中",
  ADJOURNED: "休会中",
  CLOSED: "閉会",
  CANCELLED: "中止",
} as const;

/** A member organisation's role in one meeting (MeetingMemberRole), as the minutes write it. */
export const MEETING_MEMBER_ROLE_LABELS = {
  CHAIR: "座長・議長",
  SECRETARY: "事務局",
  MEMBER: "構成員",
} as const;

/** Attendance of a member organisation (Attendance, 出欠). */
export const ATTENDANCE_LABELS = {
  UNKNOWN: "未確認",
  PRESENT: "出席",
  ABSENT: "欠席",
} as const;

/** Kind of agenda item (AgendaItemKind). */
export const AGENDA_ITEM_KIND_LABELS = {
  CASE: "個別ケース",
  TOPIC: "検討課題",
  REPORT: "報告",
} as const;

/** Where an agenda item stands (AgendaItemStatus). */
export const AGENDA_ITEM_STATUS_LABELS = {
  PENDING: "未協議",
  CURRENT: "協議中",
  DONE: "協議済み",
  DEFERRED: "先送り",
} as const;

/** Where an action item stands (ActionItemStatus). */
export const ACTION_ITEM_STATUS_LABELS = {
  OPEN: "未着手",
  IN_PROGRESS: "対応中",
  DONE: "完了",
  CANCELLED: "取消",
} as const;

/** Where a de-identified topic stands (TopicStatus). */
export const TOPIC_STATUS_LABELS = {
  RAISED: "提起済み",
  UNDER_DISCUSSION: "検討中",
  ADOPTED: "採用",
  DECLINED: "見送り",
} as const;

/** The label of `value` in `table`, or the value itself when the table does not know it. */
export function labelOf(table: Readonly<Record<string, string>>, value: string): string {
  return Object.hasOwn(table, value) ? table[value]! : value;
}
