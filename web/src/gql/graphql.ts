/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The ground on which case data is shown (閲覧の根拠). Department alone is never one. */
export type AccessGround =
  /** The caller's organisation is assigned to the case. */
  | 'ASSIGNMENT'
  /** Emergency access by this person, time-limited and flagged for review. */
  | 'BREAK_GLASS'
  /** The person's consent names the caller's organisation. */
  | 'CONSENT'
  /** Disclosed to a 重層的支援会議, valid only while the person's consent covers it. */
  | 'MULTI_LAYERED_SUPPORT_MEETING'
  /** Disclosed to a 支援会議 the organisation is a member of (社会福祉法第106条の6), for its purpose. */
  | 'SUPPORT_MEETING';

/** What happened to an action item of an organisation (REASSIGNED_AWAY: it now belongs to another). */
export type ActionItemEventKind =
  /** An action item was created for the organisation. */
  | 'ACTION_ITEM_CREATED'
  /** It was given to another organisation: the organisation it was taken from is told so. */
  | 'ACTION_ITEM_REASSIGNED_AWAY'
  /** Its status or assignee changed. */
  | 'ACTION_ITEM_UPDATED'
  /** The end of a replay (with `markCaughtUp`): its cursor only; what follows is live. */
  | 'CAUGHT_UP';

/** Where an action item stands. */
export type ActionItemStatus =
  /** 取り消し (by the chair). */
  | 'CANCELLED'
  /** 完了. */
  | 'DONE'
  /** 対応中. */
  | 'IN_PROGRESS'
  /** 未着手. */
  | 'OPEN';

/** A new agenda item, added at the end. */
export type AddAgendaItemInput = {
  /** For a CASE item: the case's id. */
  caseId?: string | null | undefined;
  /** Description. */
  description?: string | null | undefined;
  /** Kind; CASE only on bodies that may handle individual cases. */
  kind: AgendaItemKind;
  /** The meeting. */
  meetingId: string;
  /** Presenting organisation's code (報告者). */
  presenterCode?: string | null | undefined;
  /** Minutes allowed (1–600). */
  timeboxMinutes?: number | null | undefined;
  /** Title. */
  title: string;
};

/** What changed on a live agenda. */
export type AgendaEventKind =
  /** An action item was created from an item; `itemId` is that item. */
  | 'ACTION_ITEM_ADDED'
  /** An action item from an item changed status or assignee; `itemId` is that item, if any. */
  | 'ACTION_ITEM_CHANGED'
  /** 次の議題へ: the current item is done; `itemId` is the new current item, if any. */
  | 'AGENDA_ADVANCED'
  /** The agenda was put in a new order. */
  | 'AGENDA_REORDERED'
  /** 前の議題に戻る: the last item done is current again; `itemId` is that item. */
  | 'AGENDA_STEPPED_BACK'
  /** The end of a replay (with `markCaughtUp`): the agenda as of then; what follows is live. */
  | 'CAUGHT_UP'
  /** A decision (決定事項) was recorded; `itemId` is its item. */
  | 'DECISION_RECORDED'
  /** An item was added at the end (議題の追加); `itemId` is the new item. */
  | 'ITEM_ADDED'
  /** 先送り: an item was deferred; `itemId` is the item. */
  | 'ITEM_DEFERRED'
  /** A pending or deferred item was removed; `itemId` is the removed item. */
  | 'ITEM_REMOVED'
  /** An item was edited; `itemId` is the item. */
  | 'ITEM_UPDATED'
  /** 休会: the meeting was paused. */
  | 'MEETING_ADJOURNED'
  /** 中止: the meeting was called off before it opened. */
  | 'MEETING_CANCELLED'
  /** 閉会: the meeting was closed; its agenda no longer changes. */
  | 'MEETING_CLOSED'
  /** The meeting was moved to a new time or place. */
  | 'MEETING_RESCHEDULED'
  /** 開会: the meeting was opened (or reopened); the first pending item is current. */
  | 'MEETING_STARTED'
  /** Membership, roles, attendance or a pledge (守秘義務の誓約) changed. */
  | 'MEMBERS_CHANGED'
  /** The minutes were approved and locked. */
  | 'MINUTES_APPROVED'
  /** The minutes (議事録) were drafted or redrafted. */
  | 'MINUTES_DRAFTED';

/** Kind of agenda item (議題の種類). */
export type AgendaItemKind =
  /** 個別ケース: only on bodies that may handle individual cases; contents shown after the confidentiality pledge. */
  | 'CASE'
  /** 報告. */
  | 'REPORT'
  /** 検討課題: a theme for discussion. */
  | 'TOPIC';

/** Where an agenda item stands. */
export type AgendaItemStatus =
  /** 協議中: the item under discussion now. */
  | 'CURRENT'
  /** 先送り. */
  | 'DEFERRED'
  /** 協議済み. */
  | 'DONE'
  /** 未協議. */
  | 'PENDING';

/** Attendance of a member organisation (出欠). */
export type Attendance =
  /** 欠席. */
  | 'ABSENT'
  /** 出席. */
  | 'PRESENT'
  /** 未確認. */
  | 'UNKNOWN';

/** A member organisation's role in a body. */
export type BodyMemberRole =
  /** Chairs the body (座長・議長). */
  | 'CHAIR'
  /** Member (構成員). */
  | 'MEMBER'
  /** Runs the body's business (事務局). */
  | 'SECRETARIAT';

/** Where a case stands in the support lifecycle. */
export type CaseStatus =
  /** 受理 (complex cases go to 多機関協働). */
  | 'ACCEPTED'
  /** アセスメント. */
  | 'ASSESSMENT'
  /** 終結: the case is closed. */
  | 'CLOSED'
  /** 多機関協働の終結: the lead organisation keeps accompanying the person. */
  | 'COLLABORATION_ENDED'
  /** 支援決定 (by the city). */
  | 'DECIDED'
  /** 評価: close, continue, re-plan or suspend. */
  | 'EVALUATION'
  /** 重層的支援会議・支援会議で協議. */
  | 'IN_CONFERENCE'
  /** 支援の実施. */
  | 'IN_SUPPORT'
  /** モニタリング. */
  | 'MONITORING'
  /** 支援プラン作成. */
  | 'PLANNING'
  /** 相談受付. */
  | 'RECEIVED'
  /** 中断. */
  | 'SUSPENDED';

/** Where a consultation came from (相談経路). */
export type ConsultationSource =
  /** A consultation agency. */
  | 'AGENCY'
  /** A city section. */
  | 'CITY_SECTION'
  /** A community hub (地域づくり拠点), via its district council. */
  | 'HUB'
  /** Other. */
  | 'OTHER'
  /** A 民生委員. */
  | 'WELFARE_COMMISSIONER';

/** A task from an agenda item for an organisation. */
export type CreateActionItemInput = {
  /** Assignee organisation's code. */
  assigneeCode: string;
  /** A named person there (担当者). */
  assigneePerson?: string | null | undefined;
  /** Due date. */
  dueDate?: string | null | undefined;
  /** The agenda item it comes from. */
  itemId: string;
  /** What is to be done. */
  title: string;
};

/** Kind of meeting body (会議体の種別). */
export type MeetingBodyKind =
  /** 庁内ワーキンググループ of the programme's sections; no individual cases. */
  | 'INTERNAL_WORKING_GROUP'
  /** 福祉まるごと会議: directors and sections; never individual cases. */
  | 'MARUGOTO_COUNCIL'
  /** 福祉まるごとワーキンググループ, convened per topic; never individual cases. */
  | 'MARUGOTO_WORKING_GROUP'
  /** 重層的支援会議: individual cases with the person's consent only. */
  | 'MULTI_LAYERED_SUPPORT_MEETING'
  /** 支援会議: individual cases without consent, members bound to confidentiality (社会福祉法第106条の6). */
  | 'SUPPORT_MEETING';

/** What happened to a meeting of an organisation. */
export type MeetingEventKind =
  /** The end of a replay (with `markCaughtUp`): its cursor only; what follows is live. */
  | 'CAUGHT_UP'
  /** The meeting was moved to a new time or place. */
  | 'MEETING_RESCHEDULED'
  /** A sitting was scheduled (開催予定). */
  | 'MEETING_SCHEDULED'
  /** The meeting was opened, adjourned, closed or cancelled. */
  | 'MEETING_STATUS_CHANGED'
  /** An organisation was invited to or removed from the meeting. */
  | 'MEMBERSHIP_CHANGED';

/** A member organisation's role in one meeting. */
export type MeetingMemberRole =
  /** 議長: edits the agenda, approves the minutes. */
  | 'CHAIR'
  /** 構成員: reads. */
  | 'MEMBER'
  /** 書記: named by the chair; edits the agenda. */
  | 'SECRETARY';

/** Where a meeting stands (会議の状態). */
export type MeetingStatus =
  /** 休会: paused, may be opened again. */
  | 'ADJOURNED'
  /** 中止: called off before it opened; nothing about it changes any more. */
  | 'CANCELLED'
  /** 終了: nothing on its agenda changes any more. */
  | 'CLOSED'
  /** 開会中. */
  | 'IN_PROGRESS'
  /** 予定: not yet opened. */
  | 'SCHEDULED';

/** Where minutes stand. */
export type MinutesStatus =
  /** 承認済み: locked. */
  | 'APPROVED'
  /** 下書き. */
  | 'DRAFT';

/** File format of the report. */
export type ReportFileFormat =
  /** One section as CSV (UTF-8 with BOM, as Japanese Excel needs). */
  | 'CSV'
  /** An Excel workbook, one sheet per section. */
  | 'XLSX';

/** A section of the fiscal-year report, one sheet each. */
export type ReportSection =
  /** 相談受付と支援実人数: consultations and people supported. */
  | 'CONSULTATIONS'
  /** 地域づくり拠点: hubs, sessions, participants, worries, by district. */
  | 'HUBS'
  /** 会議の開催: meetings held by kind of body. */
  | 'MEETINGS'
  /** 参加支援（チャレンジ就労）: partner sites and participants. */
  | 'PARTICIPATION'
  /** プラン作成と終結: support plans, collaborations ended, closures. */
  | 'PLANS';

/** A new time (and place) for a meeting. */
export type RescheduleMeetingInput = {
  /** New planned end. */
  endsAt?: string | null | undefined;
  /** The meeting. */
  meetingId: string;
  /** New place; omit to keep. */
  place?: string | null | undefined;
  /** New start. */
  startsAt: string;
};

/** A new sitting of a body. */
export type ScheduleMeetingInput = {
  /** The body's code, e.g. `marugoto-council`. */
  bodyCode: string;
  /** 非公開. Forced for case-handling bodies. */
  confidential?: boolean | null | undefined;
  /** Planned end. */
  endsAt?: string | null | undefined;
  /** Organisation codes to invite besides the body's standing members (支援会議, 重層的支援会議: chosen case by case, by the chair alone — MEMBERS_BY_CHAIR_ONLY otherwise). */
  memberCodes?: Array<string> | null | undefined;
  /** Place. */
  place?: string | null | undefined;
  /** Start. */
  startsAt: string;
  /** Title (会議名). */
  title: string;
};

/** How an organisation's shared cases changed. */
export type SharedCaseEventKind =
  /** The organisation now sees the case (an assignment, a consent or a disclosure to a meeting it sits on). */
  | 'CASE_SHARED'
  /** The organisation's last ground on the case ended (assignment ended, consent withdrawn, disclosure revoked). */
  | 'CASE_UNSHARED'
  /** The end of a replay (with `markCaughtUp`): its cursor only, no case; what follows is live. */
  | 'CAUGHT_UP';

/** Changes to an agenda item; omitted fields stay. */
export type UpdateAgendaItemInput = {
  /** New description (empty clears). */
  description?: string | null | undefined;
  /** The item's `revision` the caller read; the board sends it. Anything else now (another editor saved meanwhile): nothing is changed, AGENDA_ITEM_CHANGED. Omitted: no check, the last save wins. */
  expectedRevision?: number | null | undefined;
  /** The item. */
  itemId: string;
  /** New presenting organisation's code. */
  presenterCode?: string | null | undefined;
  /** New time allowed. */
  timeboxMinutes?: number | null | undefined;
  /** New title. */
  title?: string | null | undefined;
};

export type MinutesPrintQueryVariables = Exact<{
  id: string;
}>;


export type MinutesPrintQuery = { meeting: { id: string, title: string, startsAt: string, endsAt: string | null, place: string | null, confidential: boolean, status: MeetingStatus, body: { name: string }, members: Array<{ role: MeetingMemberRole, attendance: Attendance, organization: { name: string } | null }>, agenda: Array<{ id: string, position: number, kind: AgendaItemKind, title: string, description: string | null, redacted: boolean, case: { caseNumber: string } | null, presenter: { name: string } | null, decisions: Array<{ id: string, content: string }>, actionItems: Array<{ id: string, title: string, assigneePerson: string | null, dueDate: string | null, status: ActionItemStatus, assignee: { name: string } | null }> }>, minutes: { content: string, status: MinutesStatus, nextReviewDate: string | null, approvedAt: string | null, approvedBy: { name: string } | null } | null } | null };

export type RequestMinutesFileMutationVariables = Exact<{
  id: string;
}>;


export type RequestMinutesFileMutation = { requestMinutesFile: { link: { url: string, fileName: string, expiresAt: string } | null, userErrors: Array<{ code: string, message: string }> } };

export type RequestReportFileMutationVariables = Exact<{
  fy: number;
  format: ReportFileFormat;
  section?: ReportSection | null | undefined;
}>;


export type RequestReportFileMutation = { requestFiscalYearReportFile: { link: { url: string, fileName: string, expiresAt: string } | null, userErrors: Array<{ code: string, message: string }> } };

export type ChartFiguresQueryVariables = Exact<{
  from: string;
  to: string;
  fy: number;
}>;


export type ChartFiguresQuery = { hubCoverageHistory: Array<{ fiscalYear: number, hubs: number, districtsWithHub: number, goal: number }>, hubComplianceTrend: Array<{ month: string, hubs: number, compliantHubs: number }>, fiscalYearReport: { fiscalYear: number, label: string, consultationsByMonth: Array<{ month: string, source: ConsultationSource, consultations: { value: number | null, display: string, suppressed: boolean } }> }, actionItemTally: Array<{ open: number, overdue: number, done: number, organization: { code: string, name: string } | null }> };

export type CalendarFeedsQueryVariables = Exact<{ [key: string]: never; }>;


export type CalendarFeedsQuery = { calendarFeeds: Array<{ id: string, label: string, createdAt: string, revokedAt: string | null }> };

export type CreateCalendarFeedMutationVariables = Exact<{
  label: string;
}>;


export type CreateCalendarFeedMutation = { createCalendarFeed: { url: string | null, feed: { id: string, label: string, createdAt: string, revokedAt: string | null } | null, userErrors: Array<{ code: string, message: string }> } };

export type RevokeCalendarFeedMutationVariables = Exact<{
  id: string;
}>;


export type RevokeCalendarFeedMutation = { revokeCalendarFeed: { feed: { id: string, revokedAt: string | null } | null, userErrors: Array<{ code: string, message: string }> } };

export type BoardMyOrganizationQueryVariables = Exact<{
  from?: string | null | undefined;
}>;


export type BoardMyOrganizationQuery = { me: { organization: { code: string, name: string, eventCursor: string, meetings: { nodes: Array<{ id: string, title: string, startsAt: string, endsAt: string | null, place: string | null, status: MeetingStatus, confidential: boolean, eventCursor: string, body: { name: string, kind: MeetingBodyKind } }> }, actionItems: { nodes: Array<{ id: string, title: string, status: ActionItemStatus, dueDate: string | null, overdue: boolean, redacted: boolean, agendaItemId: string | null, assignee: { code: string } | null, meeting: { id: string, title: string } | null }> } } | null } };

export type BoardDirectoryQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardDirectoryQuery = { organizations: Array<{ code: string, name: string }>, meetingBodies: Array<{ id: string, code: string, name: string, kind: MeetingBodyKind, handlesIndividualCases: boolean, members: Array<{ role: BodyMemberRole, organization: { code: string } }> }> };

export type BoardSharedCasesQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardSharedCasesQuery = { me: { organization: { sharedCases: { eventCursor: string, totalCount: number, nodes: Array<{ id: string, caseNumber: string, status: CaseStatus, nextReviewDate: string | null, grounds: Array<AccessGround>, lead: { name: string } | null }> } } | null } };

export type BoardSharedCasesChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BoardSharedCasesChangedSubscription = { sharedCasesChanged: { cursor: string, kind: SharedCaseEventKind, caseId: string | null, case: { id: string, caseNumber: string, status: CaseStatus, nextReviewDate: string | null, grounds: Array<AccessGround>, lead: { name: string } | null } | null } };

export type BoardMeetingQueryVariables = Exact<{
  id: string;
}>;


export type BoardMeetingQuery = { meeting: { id: string, title: string, startsAt: string, endsAt: string | null, place: string | null, status: MeetingStatus, canEdit: boolean, eventCursor: string, confidential: boolean, body: { code: string, name: string, kind: MeetingBodyKind, handlesIndividualCases: boolean }, members: Array<{ role: MeetingMemberRole, attendance: Attendance, pledged: boolean, organization: { code: string } | null }>, currentItem: { id: string } | null, agenda: Array<{ id: string, title: string, description: string | null, kind: AgendaItemKind, status: AgendaItemStatus, position: number, redacted: boolean, timeboxMinutes: number | null, revision: number, presenter: { code: string } | null, decisions: Array<{ id: string, content: string, decidedAt: string }>, actionItems: Array<{ id: string, title: string, status: ActionItemStatus, dueDate: string | null, redacted: boolean, assigneePerson: string | null, assignee: { code: string } | null }> }>, minutes: { content: string, status: MinutesStatus, nextReviewDate: string | null, approvedAt: string | null, revision: number } | null } | null };

export type BoardAgendaChangedSubscriptionVariables = Exact<{
  id: string;
  after?: string | null | undefined;
}>;


export type BoardAgendaChangedSubscription = { agendaChanged: { cursor: string, kind: AgendaEventKind, itemId: string | null, meeting: { id: string, title: string, startsAt: string, endsAt: string | null, place: string | null, status: MeetingStatus, currentItem: { id: string } | null }, agenda: Array<{ id: string, title: string, description: string | null, kind: AgendaItemKind, status: AgendaItemStatus, position: number, redacted: boolean, timeboxMinutes: number | null, revision: number, presenter: { code: string } | null }> } };

export type BoardMeetingsChangedSubscriptionVariables = Exact<{
  code: string;
  after?: string | null | undefined;
}>;


export type BoardMeetingsChangedSubscription = { meetingsChanged: { cursor: string, kind: MeetingEventKind, meeting: { id: string, title: string, startsAt: string, endsAt: string | null, place: string | null, status: MeetingStatus, confidential: boolean, body: { name: string, kind: MeetingBodyKind } } | null } };

export type BoardActionItemsChangedSubscriptionVariables = Exact<{
  code: string;
  after?: string | null | undefined;
}>;


export type BoardActionItemsChangedSubscription = { actionItemsChanged: { cursor: string, kind: ActionItemEventKind, actionItem: { id: string, title: string, status: ActionItemStatus, dueDate: string | null, overdue: boolean, redacted: boolean, agendaItemId: string | null, assigneePerson: string | null, assignee: { code: string } | null, meeting: { id: string, title: string } | null } | null } };

export type BoardScheduleMeetingMutationVariables = Exact<{
  input: ScheduleMeetingInput;
  key?: string | null | undefined;
}>;


export type BoardScheduleMeetingMutation = { scheduleMeeting: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardRescheduleMeetingMutationVariables = Exact<{
  input: RescheduleMeetingInput;
  key?: string | null | undefined;
}>;


export type BoardRescheduleMeetingMutation = { rescheduleMeeting: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardAddMemberMutationVariables = Exact<{
  id: string;
  code: string;
}>;


export type BoardAddMemberMutation = { addMeetingMember: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardRemoveMemberMutationVariables = Exact<{
  id: string;
  code: string;
}>;


export type BoardRemoveMemberMutation = { removeMeetingMember: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardRecordAttendanceMutationVariables = Exact<{
  id: string;
  code: string;
  attendance: Attendance;
}>;


export type BoardRecordAttendanceMutation = { recordAttendance: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardPledgeMutationVariables = Exact<{
  id: string;
}>;


export type BoardPledgeMutation = { pledgeConfidentiality: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardAddItemMutationVariables = Exact<{
  input: AddAgendaItemInput;
  key?: string | null | undefined;
}>;


export type BoardAddItemMutation = { addAgendaItem: { item: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardUpdateItemMutationVariables = Exact<{
  input: UpdateAgendaItemInput;
}>;


export type BoardUpdateItemMutation = { updateAgendaItem: { item: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardRemoveItemMutationVariables = Exact<{
  itemId: string;
}>;


export type BoardRemoveItemMutation = { removeAgendaItem: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardReorderMutationVariables = Exact<{
  id: string;
  itemIds: Array<string> | string;
  seen?: Array<string> | string | null | undefined;
}>;


export type BoardReorderMutation = { reorderAgenda: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardStartMutationVariables = Exact<{
  id: string;
}>;


export type BoardStartMutation = { startMeeting: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardAdvanceMutationVariables = Exact<{
  id: string;
  seen?: string | null | undefined;
}>;


export type BoardAdvanceMutation = { advanceAgenda: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardStepBackMutationVariables = Exact<{
  id: string;
  seen?: string | null | undefined;
}>;


export type BoardStepBackMutation = { returnToPreviousItem: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardAdjournMutationVariables = Exact<{
  id: string;
}>;


export type BoardAdjournMutation = { adjournMeeting: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardCancelMutationVariables = Exact<{
  id: string;
}>;


export type BoardCancelMutation = { cancelMeeting: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardCloseMutationVariables = Exact<{
  id: string;
}>;


export type BoardCloseMutation = { closeMeeting: { meeting: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardDeferMutationVariables = Exact<{
  itemId: string;
}>;


export type BoardDeferMutation = { deferAgendaItem: { item: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardDecideMutationVariables = Exact<{
  itemId: string;
  content: string;
  key?: string | null | undefined;
}>;


export type BoardDecideMutation = { recordDecision: { decision: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardCreateActionMutationVariables = Exact<{
  input: CreateActionItemInput;
  key?: string | null | undefined;
}>;


export type BoardCreateActionMutation = { createActionItem: { actionItem: { id: string } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardUpdateActionStatusMutationVariables = Exact<{
  id: string;
  status: ActionItemStatus;
}>;


export type BoardUpdateActionStatusMutation = { updateActionItemStatus: { actionItem: { id: string, status: ActionItemStatus } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardDraftMinutesMutationVariables = Exact<{
  id: string;
  content: string;
  nextReviewDate?: string | null | undefined;
  rev?: number | null | undefined;
}>;


export type BoardDraftMinutesMutation = { draftMinutes: { minutes: { status: MinutesStatus, revision: number } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };

export type BoardApproveMinutesMutationVariables = Exact<{
  id: string;
  rev?: number | null | undefined;
}>;


export type BoardApproveMinutesMutation = { approveMinutes: { minutes: { status: MinutesStatus } | null, userErrors: Array<{ field: Array<string> | null, code: string, message: string }> } };


export const MinutesPrintDocument = {"__meta__":{"hash":"sha256:84b173753e2b0247219dc3c6a7905f40becd3b9aa8851c809c341a23a673da3e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MinutesPrint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"confidential"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agenda"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"presenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"assigneePerson"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"minutes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextReviewDate"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MinutesPrintQuery, MinutesPrintQueryVariables>;
export const RequestMinutesFileDocument = {"__meta__":{"hash":"sha256:65c5fa4e0fcce6d5319aed87aa4462146db1f67b4d6572b5b5ad0e0766419336"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestMinutesFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestMinutesFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RequestMinutesFileMutation, RequestMinutesFileMutationVariables>;
export const RequestReportFileDocument = {"__meta__":{"hash":"sha256:a4ccbbc40f4eda84ab3cb0bda3e1bcdcdb468e1bb0cac02c29b8ba6921869d93"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestReportFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportFileFormat"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"section"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportSection"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestFiscalYearReportFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fiscalYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fy"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"section"},"value":{"kind":"Variable","name":{"kind":"Name","value":"section"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RequestReportFileMutation, RequestReportFileMutationVariables>;
export const ChartFiguresDocument = {"__meta__":{"hash":"sha256:65419eb6cf97bc9d2dc0368b80651c5563252e88e30814d6d8f0bc2e5b5ceea7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChartFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hubCoverageHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"hubs"}},{"kind":"Field","name":{"kind":"Name","value":"districtsWithHub"}},{"kind":"Field","name":{"kind":"Name","value":"goal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hubComplianceTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"hubs"}},{"kind":"Field","name":{"kind":"Name","value":"compliantHubs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYearReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fiscalYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"consultationsByMonth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"consultations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"display"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItemTally"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"done"}}]}}]}}]} as unknown as DocumentNode<ChartFiguresQuery, ChartFiguresQueryVariables>;
export const CalendarFeedsDocument = {"__meta__":{"hash":"sha256:723413a70c316e2acbe6df11f815a1a6ff6c63a7041d104d10bac26a2e752038"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CalendarFeeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"calendarFeeds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<CalendarFeedsQuery, CalendarFeedsQueryVariables>;
export const CreateCalendarFeedDocument = {"__meta__":{"hash":"sha256:207b7f8b521ed3e41aa652047685148c83a59c724b8050571d45ece4a1650804"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCalendarFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"label"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCalendarFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"Variable","name":{"kind":"Name","value":"label"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCalendarFeedMutation, CreateCalendarFeedMutationVariables>;
export const RevokeCalendarFeedDocument = {"__meta__":{"hash":"sha256:8c00f4ce05335ca0933672583dd0253f315f6609b71017c43329b1b8f167157f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeCalendarFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeCalendarFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeCalendarFeedMutation, RevokeCalendarFeedMutationVariables>;
export const BoardMyOrganizationDocument = {"__meta__":{"hash":"sha256:34d9c715e307b74361c276fb8879b40a33978f6b9dd5233e4811b2c4eac8adbd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardMyOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"eventCursor"}},{"kind":"Field","name":{"kind":"Name","value":"meetings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"confidential"}},{"kind":"Field","name":{"kind":"Name","value":"eventCursor"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"OPEN"},{"kind":"EnumValue","value":"IN_PROGRESS"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"}},{"kind":"Field","name":{"kind":"Name","value":"agendaItemId"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardMyOrganizationQuery, BoardMyOrganizationQueryVariables>;
export const BoardDirectoryDocument = {"__meta__":{"hash":"sha256:08288f79df30cc137deef76f1dd4b55db03553631536dfaf0576e18f02c826b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardDirectory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetingBodies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"handlesIndividualCases"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardDirectoryQuery, BoardDirectoryQueryVariables>;
export const BoardSharedCasesDocument = {"__meta__":{"hash":"sha256:75b6c5df3dfe564e993027be4d857d4f5779ba318bd60a3953a7657270a8af6f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardSharedCases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharedCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventCursor"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextReviewDate"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grounds"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardSharedCasesQuery, BoardSharedCasesQueryVariables>;
export const BoardSharedCasesChangedDocument = {"__meta__":{"hash":"sha256:f60e689ac26f1cdcede722dfd677458bbdac2cdc2cfea81537c3c53ad9821206"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardSharedCasesChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sharedCasesChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextReviewDate"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grounds"}}]}}]}}]}}]} as unknown as DocumentNode<BoardSharedCasesChangedSubscription, BoardSharedCasesChangedSubscriptionVariables>;
export const BoardMeetingDocument = {"__meta__":{"hash":"sha256:cd95114ebadc066be1d50e7e1fc2387c804566ea10ed536180cefde61579ac38"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoardMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"canEdit"}},{"kind":"Field","name":{"kind":"Name","value":"eventCursor"}},{"kind":"Field","name":{"kind":"Name","value":"confidential"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"handlesIndividualCases"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"pledged"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agenda"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"}},{"kind":"Field","name":{"kind":"Name","value":"timeboxMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"presenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"}},{"kind":"Field","name":{"kind":"Name","value":"assigneePerson"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"minutes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextReviewDate"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}}]}}]} as unknown as DocumentNode<BoardMeetingQuery, BoardMeetingQueryVariables>;
export const BoardAgendaChangedDocument = {"__meta__":{"hash":"sha256:83cad5a5ea36d09a6ef05e34c35cd34b2c36530c55b5a04e0f9c3478d149cf16"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardAgendaChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agendaChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"itemId"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"currentItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agenda"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"}},{"kind":"Field","name":{"kind":"Name","value":"timeboxMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"presenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardAgendaChangedSubscription, BoardAgendaChangedSubscriptionVariables>;
export const BoardMeetingsChangedDocument = {"__meta__":{"hash":"sha256:fcf9c3fa6ac331a05e0c6427ab990594706eceefc9efb8831e3ac234fd98e67f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardMeetingsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meetingsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"place"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"confidential"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardMeetingsChangedSubscription, BoardMeetingsChangedSubscriptionVariables>;
export const BoardActionItemsChangedDocument = {"__meta__":{"hash":"sha256:4a5c3e9307701709ca03e65865e91ca85fb812d1ca6ab34be368418ffe1e78cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BoardActionItemsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionItemsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"redacted"}},{"kind":"Field","name":{"kind":"Name","value":"agendaItemId"}},{"kind":"Field","name":{"kind":"Name","value":"assigneePerson"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoardActionItemsChangedSubscription, BoardActionItemsChangedSubscriptionVariables>;
export const BoardScheduleMeetingDocument = {"__meta__":{"hash":"sha256:d4eb856b775952b360e09e21f121fd3b97d0b05cd26115a09a31fff63e1aecd5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardScheduleMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleMeetingInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardScheduleMeetingMutation, BoardScheduleMeetingMutationVariables>;
export const BoardRescheduleMeetingDocument = {"__meta__":{"hash":"sha256:c11f05c8e3d31352945ed74089f7c4eda89a4b57e09a8295b140a445a7968c2e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardRescheduleMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RescheduleMeetingInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rescheduleMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardRescheduleMeetingMutation, BoardRescheduleMeetingMutationVariables>;
export const BoardAddMemberDocument = {"__meta__":{"hash":"sha256:18d301017ec15fda2db59dec7e73a8c87e4211dcf8884ada3f9299959f39bcbc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardAddMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addMeetingMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"organizationCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardAddMemberMutation, BoardAddMemberMutationVariables>;
export const BoardRemoveMemberDocument = {"__meta__":{"hash":"sha256:acbb49ccee25cca632d2f93cac20a9003314d2cd014e1f2bd70e7528c1f5e4dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardRemoveMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeMeetingMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"organizationCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardRemoveMemberMutation, BoardRemoveMemberMutationVariables>;
export const BoardRecordAttendanceDocument = {"__meta__":{"hash":"sha256:cdf017023595ad93dec0e9d3f0a007d5091d777ee2f45311ec1f4d4eb88769e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardRecordAttendance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attendance"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Attendance"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordAttendance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"organizationCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"attendance"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attendance"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardRecordAttendanceMutation, BoardRecordAttendanceMutationVariables>;
export const BoardPledgeDocument = {"__meta__":{"hash":"sha256:1f3f5a4313a3ea1b03e8a1d8b76139f0c622a84445d8e3cbb2a1ecb5d6c2f236"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardPledge"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pledgeConfidentiality"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardPledgeMutation, BoardPledgeMutationVariables>;
export const BoardAddItemDocument = {"__meta__":{"hash":"sha256:e96df63609d8ef0238975f588a8fbce2ccbba14abbe4db158ce9d51107c83206"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardAddItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddAgendaItemInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addAgendaItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardAddItemMutation, BoardAddItemMutationVariables>;
export const BoardUpdateItemDocument = {"__meta__":{"hash":"sha256:39111a431f885dadf581e7c98634928660753798a8593983d8dc37ac6028272f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardUpdateItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAgendaItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAgendaItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardUpdateItemMutation, BoardUpdateItemMutationVariables>;
export const BoardRemoveItemDocument = {"__meta__":{"hash":"sha256:0222b945c457edc4772e9bbf2aa5b01accf91bb8f7a8e28980a66ff176424e28"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardRemoveItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeAgendaItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardRemoveItemMutation, BoardRemoveItemMutationVariables>;
export const BoardReorderDocument = {"__meta__":{"hash":"sha256:fac9cdd7d97d433fc837bba9b91bd9462ab3eb6516008e87287324b811855efa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardReorder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seen"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reorderAgenda"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"itemIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedItemIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seen"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardReorderMutation, BoardReorderMutationVariables>;
export const BoardStartDocument = {"__meta__":{"hash":"sha256:270234b7c4bc8782820587e8ac018bd9567f34875179c964e88586e667271231"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardStart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardStartMutation, BoardStartMutationVariables>;
export const BoardAdvanceDocument = {"__meta__":{"hash":"sha256:5d1229843e797e2574ddb98ebd5774bc6df2eb9c198f2969b23d99c3386df7ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardAdvance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seen"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advanceAgenda"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedCurrentItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seen"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardAdvanceMutation, BoardAdvanceMutationVariables>;
export const BoardStepBackDocument = {"__meta__":{"hash":"sha256:921be4609782114df593bdb5ac10e7df4b25bcc0639d670a2088a62b6550ed80"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardStepBack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seen"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnToPreviousItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedCurrentItemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seen"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardStepBackMutation, BoardStepBackMutationVariables>;
export const BoardAdjournDocument = {"__meta__":{"hash":"sha256:35cefba482e51fbbb56c40b0bcb077eff2ea2008806c0b5f6f175a41d1af64cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardAdjourn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adjournMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardAdjournMutation, BoardAdjournMutationVariables>;
export const BoardCancelDocument = {"__meta__":{"hash":"sha256:ca6cd074dc3f2c58c41220247bbc1ec16a2bccd48a60d433b43984d5f6630cee"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardCancel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardCancelMutation, BoardCancelMutationVariables>;
export const BoardCloseDocument = {"__meta__":{"hash":"sha256:d276c7370847b009288a6a113fc4692a5db6e566e46756037dfec66ad8fe0dd6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardClose"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardCloseMutation, BoardCloseMutationVariables>;
export const BoardDeferDocument = {"__meta__":{"hash":"sha256:069932fc2e5167c66d304bd638542e48ab5cb121597b9c6a33f6596bfca83eb7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardDefer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deferAgendaItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardDeferMutation, BoardDeferMutationVariables>;
export const BoardDecideDocument = {"__meta__":{"hash":"sha256:4d7ce8a19d76f79479e94bef73ac0fe0d5b997fa7ad843fba9d00fb08bb2d3f4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardDecide"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"content"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordDecision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"content"},"value":{"kind":"Variable","name":{"kind":"Name","value":"content"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardDecideMutation, BoardDecideMutationVariables>;
export const BoardCreateActionDocument = {"__meta__":{"hash":"sha256:ee7a6c9005318721fa7c9228680895621e209ae42e775035a51e1dbd6f4b4c9a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardCreateAction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateActionItemInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createActionItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardCreateActionMutation, BoardCreateActionMutationVariables>;
export const BoardUpdateActionStatusDocument = {"__meta__":{"hash":"sha256:adc262f982a6afab31228c1535a59b56a8a6fd1bdc0718be56162bdd9f283454"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardUpdateActionStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActionItemStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateActionItemStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardUpdateActionStatusMutation, BoardUpdateActionStatusMutationVariables>;
export const BoardDraftMinutesDocument = {"__meta__":{"hash":"sha256:bbe501b72e317d483c1c26728e47ef56ce95c5d6f0f53029806334a1c7d78aac"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardDraftMinutes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"content"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"nextReviewDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rev"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"draftMinutes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"content"},"value":{"kind":"Variable","name":{"kind":"Name","value":"content"}}},{"kind":"Argument","name":{"kind":"Name","value":"nextReviewDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"nextReviewDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedRevision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rev"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minutes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardDraftMinutesMutation, BoardDraftMinutesMutationVariables>;
export const BoardApproveMinutesDocument = {"__meta__":{"hash":"sha256:2ce745b6bca00fa7659a7d34a44a6130bc4e5fc5dcfd804ce614bc634d623b05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BoardApproveMinutes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rev"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveMinutes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedRevision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rev"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minutes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BoardApproveMinutesMutation, BoardApproveMinutesMutationVariables>;