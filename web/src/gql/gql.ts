/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MinutesPrint($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place confidential status\n      body { name }\n      members { role attendance organization { name } }\n      agenda {\n        id position kind title description redacted\n        case { caseNumber }\n        presenter { name }\n        decisions { id content }\n        actionItems { id title assigneePerson dueDate status assignee { name } }\n      }\n      minutes { content status nextReviewDate approvedAt approvedBy { name } }\n    }\n  }\n": typeof types.MinutesPrintDocument,
    "\n  mutation RequestMinutesFile($id: ID!) {\n    requestMinutesFile(meetingId: $id) { link { url fileName expiresAt } userErrors { code message } }\n  }\n": typeof types.RequestMinutesFileDocument,
    "\n  mutation RequestReportFile($fy: Int!, $format: ReportFileFormat!, $section: ReportSection) {\n    requestFiscalYearReportFile(fiscalYear: $fy, format: $format, section: $section) { link { url fileName expiresAt } userErrors { code message } }\n  }\n": typeof types.RequestReportFileDocument,
    "\n  query ChartFigures($from: String!, $to: String!, $fy: Int!) {\n    hubCoverageHistory { fiscalYear hubs districtsWithHub goal }\n    hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }\n    fiscalYearReport(fiscalYear: $fy) { fiscalYear label consultationsByMonth { month source consultations { value display suppressed } } }\n    actionItemTally { organization { code name } open overdue done }\n  }\n": typeof types.ChartFiguresDocument,
    "\n  query CalendarFeeds {\n    calendarFeeds { id label createdAt revokedAt }\n  }\n": typeof types.CalendarFeedsDocument,
    "\n  mutation CreateCalendarFeed($label: String!) {\n    createCalendarFeed(label: $label) { feed { id label createdAt revokedAt } url userErrors { code message } }\n  }\n": typeof types.CreateCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed($id: ID!) {\n    revokeCalendarFeed(id: $id) { feed { id revokedAt } userErrors { code message } }\n  }\n": typeof types.RevokeCalendarFeedDocument,
    "\n  query BoardMyOrganization($from: DateTimeISO) {\n    me {\n      organization {\n        code\n        name\n        eventCursor\n        meetings(first: 100, from: $from) { nodes { id title startsAt endsAt place status confidential eventCursor body { name kind } } }\n        actionItems(status: [OPEN, IN_PROGRESS], first: 200) { nodes { id title status dueDate overdue redacted agendaItemId assignee { code } meeting { id title } } }\n      }\n    }\n  }\n": typeof types.BoardMyOrganizationDocument,
    "\n  query BoardDirectory {\n    organizations { code name }\n    meetingBodies { id code name kind handlesIndividualCases members { role organization { code } } }\n  }\n": typeof types.BoardDirectoryDocument,
    "\n  query BoardSharedCases {\n    me {\n      organization {\n        sharedCases(first: 50) {\n          eventCursor\n          totalCount\n          nodes { id caseNumber status nextReviewDate lead { name } grounds }\n        }\n      }\n    }\n  }\n": typeof types.BoardSharedCasesDocument,
    "\n  subscription BoardSharedCasesChanged($after: String) {\n    sharedCasesChanged(after: $after) {\n      cursor kind caseId\n      case { id caseNumber status nextReviewDate lead { name } grounds }\n    }\n  }\n": typeof types.BoardSharedCasesChangedDocument,
    "\n  query BoardMeeting($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place status canEdit eventCursor confidential\n      body { code name kind handlesIndividualCases }\n      members { role attendance pledged organization { code } }\n      currentItem { id }\n      agenda {\n        id title description kind status position redacted timeboxMinutes revision presenter { code }\n        decisions { id content decidedAt }\n        actionItems { id title status dueDate redacted assigneePerson assignee { code } }\n      }\n      minutes { content status nextReviewDate approvedAt revision }\n    }\n  }\n": typeof types.BoardMeetingDocument,
    "\n  subscription BoardAgendaChanged($id: ID!, $after: String) {\n    agendaChanged(meetingId: $id, after: $after) {\n      cursor kind itemId\n      meeting { id title startsAt endsAt place status currentItem { id } }\n      agenda { id title description kind status position redacted timeboxMinutes revision presenter { code } }\n    }\n  }\n": typeof types.BoardAgendaChangedDocument,
    "\n  subscription BoardMeetingsChanged($code: String!, $after: String) {\n    meetingsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      meeting { id title startsAt endsAt place status confidential body { name kind } }\n    }\n  }\n": typeof types.BoardMeetingsChangedDocument,
    "\n  subscription BoardActionItemsChanged($code: String!, $after: String) {\n    actionItemsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      actionItem { id title status dueDate overdue redacted agendaItemId assigneePerson assignee { code } meeting { id title } }\n    }\n  }\n": typeof types.BoardActionItemsChangedDocument,
    "\n  mutation BoardScheduleMeeting($input: ScheduleMeetingInput!, $key: String) {\n    scheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardScheduleMeetingDocument,
    "\n  mutation BoardRescheduleMeeting($input: RescheduleMeetingInput!, $key: String) {\n    rescheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardRescheduleMeetingDocument,
    "\n  mutation BoardAddMember($id: ID!, $code: String!) {\n    addMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardAddMemberDocument,
    "\n  mutation BoardRemoveMember($id: ID!, $code: String!) {\n    removeMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardRemoveMemberDocument,
    "\n  mutation BoardRecordAttendance($id: ID!, $code: String!, $attendance: Attendance!) {\n    recordAttendance(meetingId: $id, organizationCode: $code, attendance: $attendance) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardRecordAttendanceDocument,
    "\n  mutation BoardPledge($id: ID!) {\n    pledgeConfidentiality(meetingId: $id) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardPledgeDocument,
    "\n  mutation BoardAddItem($input: AddAgendaItemInput!, $key: String) {\n    addAgendaItem(input: $input, idempotencyKey: $key) { item { id } userErrors { field code message } }\n  }\n": typeof types.BoardAddItemDocument,
    "\n  mutation BoardUpdateItem($input: UpdateAgendaItemInput!) {\n    updateAgendaItem(input: $input) { item { id } userErrors { field code message } }\n  }\n": typeof types.BoardUpdateItemDocument,
    "\n  mutation BoardRemoveItem($itemId: ID!) {\n    removeAgendaItem(itemId: $itemId) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardRemoveItemDocument,
    "\n  mutation BoardReorder($id: ID!, $itemIds: [ID!]!, $seen: [ID!]) {\n    reorderAgenda(meetingId: $id, itemIds: $itemIds, expectedItemIds: $seen) { meeting { id } userErrors { field code message } }\n  }\n": typeof types.BoardReorderDocument,
    "\n  mutation BoardStart($id: ID!) { startMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": typeof types.BoardStartDocument,
    "\n  mutation BoardAdvance($id: ID!, $seen: ID) { advanceAgenda(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n": typeof types.BoardAdvanceDocument,
    "\n  mutation BoardStepBack($id: ID!, $seen: ID) { returnToPreviousItem(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n": typeof types.BoardStepBackDocument,
    "\n  mutation BoardAdjourn($id: ID!) { adjournMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": typeof types.BoardAdjournDocument,
    "\n  mutation BoardCancel($id: ID!) { cancelMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": typeof types.BoardCancelDocument,
    "\n  mutation BoardClose($id: ID!) { closeMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": typeof types.BoardCloseDocument,
    "\n  mutation BoardDefer($itemId: ID!) { deferAgendaItem(itemId: $itemId) { item { id } userErrors { field code message } } }\n": typeof types.BoardDeferDocument,
    "\n  mutation BoardDecide($itemId: ID!, $content: String!, $key: String) { recordDecision(itemId: $itemId, content: $content, idempotencyKey: $key) { decision { id } userErrors { field code message } } }\n": typeof types.BoardDecideDocument,
    "\n  mutation BoardCreateAction($input: CreateActionItemInput!, $key: String) { createActionItem(input: $input, idempotencyKey: $key) { actionItem { id } userErrors { field code message } } }\n": typeof types.BoardCreateActionDocument,
    "\n  mutation BoardUpdateActionStatus($id: ID!, $status: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $status) { actionItem { id status } userErrors { field code message } } }\n": typeof types.BoardUpdateActionStatusDocument,
    "\n  mutation BoardDraftMinutes($id: ID!, $content: String!, $nextReviewDate: LocalDate, $rev: Int) { draftMinutes(meetingId: $id, content: $content, nextReviewDate: $nextReviewDate, expectedRevision: $rev) { minutes { status revision } userErrors { field code message } } }\n": typeof types.BoardDraftMinutesDocument,
    "\n  mutation BoardApproveMinutes($id: ID!, $rev: Int) { approveMinutes(meetingId: $id, expectedRevision: $rev) { minutes { status } userErrors { field code message } } }\n": typeof types.BoardApproveMinutesDocument,
};
const documents: Documents = {
    "\n  query MinutesPrint($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place confidential status\n      body { name }\n      members { role attendance organization { name } }\n      agenda {\n        id position kind title description redacted\n        case { caseNumber }\n        presenter { name }\n        decisions { id content }\n        actionItems { id title assigneePerson dueDate status assignee { name } }\n      }\n      minutes { content status nextReviewDate approvedAt approvedBy { name } }\n    }\n  }\n": types.MinutesPrintDocument,
    "\n  mutation RequestMinutesFile($id: ID!) {\n    requestMinutesFile(meetingId: $id) { link { url fileName expiresAt } userErrors { code message } }\n  }\n": types.RequestMinutesFileDocument,
    "\n  mutation RequestReportFile($fy: Int!, $format: ReportFileFormat!, $section: ReportSection) {\n    requestFiscalYearReportFile(fiscalYear: $fy, format: $format, section: $section) { link { url fileName expiresAt } userErrors { code message } }\n  }\n": types.RequestReportFileDocument,
    "\n  query ChartFigures($from: String!, $to: String!, $fy: Int!) {\n    hubCoverageHistory { fiscalYear hubs districtsWithHub goal }\n    hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }\n    fiscalYearReport(fiscalYear: $fy) { fiscalYear label consultationsByMonth { month source consultations { value display suppressed } } }\n    actionItemTally { organization { code name } open overdue done }\n  }\n": types.ChartFiguresDocument,
    "\n  query CalendarFeeds {\n    calendarFeeds { id label createdAt revokedAt }\n  }\n": types.CalendarFeedsDocument,
    "\n  mutation CreateCalendarFeed($label: String!) {\n    createCalendarFeed(label: $label) { feed { id label createdAt revokedAt } url userErrors { code message } }\n  }\n": types.CreateCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed($id: ID!) {\n    revokeCalendarFeed(id: $id) { feed { id revokedAt } userErrors { code message } }\n  }\n": types.RevokeCalendarFeedDocument,
    "\n  query BoardMyOrganization($from: DateTimeISO) {\n    me {\n      organization {\n        code\n        name\n        eventCursor\n        meetings(first: 100, from: $from) { nodes { id title startsAt endsAt place status confidential eventCursor body { name kind } } }\n        actionItems(status: [OPEN, IN_PROGRESS], first: 200) { nodes { id title status dueDate overdue redacted agendaItemId assignee { code } meeting { id title } } }\n      }\n    }\n  }\n": types.BoardMyOrganizationDocument,
    "\n  query BoardDirectory {\n    organizations { code name }\n    meetingBodies { id code name kind handlesIndividualCases members { role organization { code } } }\n  }\n": types.BoardDirectoryDocument,
    "\n  query BoardSharedCases {\n    me {\n      organization {\n        sharedCases(first: 50) {\n          eventCursor\n          totalCount\n          nodes { id caseNumber status nextReviewDate lead { name } grounds }\n        }\n      }\n    }\n  }\n": types.BoardSharedCasesDocument,
    "\n  subscription BoardSharedCasesChanged($after: String) {\n    sharedCasesChanged(after: $after) {\n      cursor kind caseId\n      case { id caseNumber status nextReviewDate lead { name } grounds }\n    }\n  }\n": types.BoardSharedCasesChangedDocument,
    "\n  query BoardMeeting($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place status canEdit eventCursor confidential\n      body { code name kind handlesIndividualCases }\n      members { role attendance pledged organization { code } }\n      currentItem { id }\n      agenda {\n        id title description kind status position redacted timeboxMinutes revision presenter { code }\n        decisions { id content decidedAt }\n        actionItems { id title status dueDate redacted assigneePerson assignee { code } }\n      }\n      minutes { content status nextReviewDate approvedAt revision }\n    }\n  }\n": types.BoardMeetingDocument,
    "\n  subscription BoardAgendaChanged($id: ID!, $after: String) {\n    agendaChanged(meetingId: $id, after: $after) {\n      cursor kind itemId\n      meeting { id title startsAt endsAt place status currentItem { id } }\n      agenda { id title description kind status position redacted timeboxMinutes revision presenter { code } }\n    }\n  }\n": types.BoardAgendaChangedDocument,
    "\n  subscription BoardMeetingsChanged($code: String!, $after: String) {\n    meetingsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      meeting { id title startsAt endsAt place status confidential body { name kind } }\n    }\n  }\n": types.BoardMeetingsChangedDocument,
    "\n  subscription BoardActionItemsChanged($code: String!, $after: String) {\n    actionItemsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      actionItem { id title status dueDate overdue redacted agendaItemId assigneePerson assignee { code } meeting { id title } }\n    }\n  }\n": types.BoardActionItemsChangedDocument,
    "\n  mutation BoardScheduleMeeting($input: ScheduleMeetingInput!, $key: String) {\n    scheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardScheduleMeetingDocument,
    "\n  mutation BoardRescheduleMeeting($input: RescheduleMeetingInput!, $key: String) {\n    rescheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardRescheduleMeetingDocument,
    "\n  mutation BoardAddMember($id: ID!, $code: String!) {\n    addMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardAddMemberDocument,
    "\n  mutation BoardRemoveMember($id: ID!, $code: String!) {\n    removeMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardRemoveMemberDocument,
    "\n  mutation BoardRecordAttendance($id: ID!, $code: String!, $attendance: Attendance!) {\n    recordAttendance(meetingId: $id, organizationCode: $code, attendance: $attendance) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardRecordAttendanceDocument,
    "\n  mutation BoardPledge($id: ID!) {\n    pledgeConfidentiality(meetingId: $id) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardPledgeDocument,
    "\n  mutation BoardAddItem($input: AddAgendaItemInput!, $key: String) {\n    addAgendaItem(input: $input, idempotencyKey: $key) { item { id } userErrors { field code message } }\n  }\n": types.BoardAddItemDocument,
    "\n  mutation BoardUpdateItem($input: UpdateAgendaItemInput!) {\n    updateAgendaItem(input: $input) { item { id } userErrors { field code message } }\n  }\n": types.BoardUpdateItemDocument,
    "\n  mutation BoardRemoveItem($itemId: ID!) {\n    removeAgendaItem(itemId: $itemId) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardRemoveItemDocument,
    "\n  mutation BoardReorder($id: ID!, $itemIds: [ID!]!, $seen: [ID!]) {\n    reorderAgenda(meetingId: $id, itemIds: $itemIds, expectedItemIds: $seen) { meeting { id } userErrors { field code message } }\n  }\n": types.BoardReorderDocument,
    "\n  mutation BoardStart($id: ID!) { startMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": types.BoardStartDocument,
    "\n  mutation BoardAdvance($id: ID!, $seen: ID) { advanceAgenda(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n": types.BoardAdvanceDocument,
    "\n  mutation BoardStepBack($id: ID!, $seen: ID) { returnToPreviousItem(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n": types.BoardStepBackDocument,
    "\n  mutation BoardAdjourn($id: ID!) { adjournMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": types.BoardAdjournDocument,
    "\n  mutation BoardCancel($id: ID!) { cancelMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": types.BoardCancelDocument,
    "\n  mutation BoardClose($id: ID!) { closeMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n": types.BoardCloseDocument,
    "\n  mutation BoardDefer($itemId: ID!) { deferAgendaItem(itemId: $itemId) { item { id } userErrors { field code message } } }\n": types.BoardDeferDocument,
    "\n  mutation BoardDecide($itemId: ID!, $content: String!, $key: String) { recordDecision(itemId: $itemId, content: $content, idempotencyKey: $key) { decision { id } userErrors { field code message } } }\n": types.BoardDecideDocument,
    "\n  mutation BoardCreateAction($input: CreateActionItemInput!, $key: String) { createActionItem(input: $input, idempotencyKey: $key) { actionItem { id } userErrors { field code message } } }\n": types.BoardCreateActionDocument,
    "\n  mutation BoardUpdateActionStatus($id: ID!, $status: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $status) { actionItem { id status } userErrors { field code message } } }\n": types.BoardUpdateActionStatusDocument,
    "\n  mutation BoardDraftMinutes($id: ID!, $content: String!, $nextReviewDate: LocalDate, $rev: Int) { draftMinutes(meetingId: $id, content: $content, nextReviewDate: $nextReviewDate, expectedRevision: $rev) { minutes { status revision } userErrors { field code message } } }\n": types.BoardDraftMinutesDocument,
    "\n  mutation BoardApproveMinutes($id: ID!, $rev: Int) { approveMinutes(meetingId: $id, expectedRevision: $rev) { minutes { status } userErrors { field code message } } }\n": types.BoardApproveMinutesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MinutesPrint($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place confidential status\n      body { name }\n      members { role attendance organization { name } }\n      agenda {\n        id position kind title description redacted\n        case { caseNumber }\n        presenter { name }\n        decisions { id content }\n        actionItems { id title assigneePerson dueDate status assignee { name } }\n      }\n      minutes { content status nextReviewDate approvedAt approvedBy { name } }\n    }\n  }\n"): (typeof documents)["\n  query MinutesPrint($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place confidential status\n      body { name }\n      members { role attendance organization { name } }\n      agenda {\n        id position kind title description redacted\n        case { caseNumber }\n        presenter { name }\n        decisions { id content }\n        actionItems { id title assigneePerson dueDate status assignee { name } }\n      }\n      minutes { content status nextReviewDate approvedAt approvedBy { name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestMinutesFile($id: ID!) {\n    requestMinutesFile(meetingId: $id) { link { url fileName expiresAt } userErrors { code message } }\n  }\n"): (typeof documents)["\n  mutation RequestMinutesFile($id: ID!) {\n    requestMinutesFile(meetingId: $id) { link { url fileName expiresAt } userErrors { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestReportFile($fy: Int!, $format: ReportFileFormat!, $section: ReportSection) {\n    requestFiscalYearReportFile(fiscalYear: $fy, format: $format, section: $section) { link { url fileName expiresAt } userErrors { code message } }\n  }\n"): (typeof documents)["\n  mutation RequestReportFile($fy: Int!, $format: ReportFileFormat!, $section: ReportSection) {\n    requestFiscalYearReportFile(fiscalYear: $fy, format: $format, section: $section) { link { url fileName expiresAt } userErrors { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChartFigures($from: String!, $to: String!, $fy: Int!) {\n    hubCoverageHistory { fiscalYear hubs districtsWithHub goal }\n    hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }\n    fiscalYearReport(fiscalYear: $fy) { fiscalYear label consultationsByMonth { month source consultations { value display suppressed } } }\n    actionItemTally { organization { code name } open overdue done }\n  }\n"): (typeof documents)["\n  query ChartFigures($from: String!, $to: String!, $fy: Int!) {\n    hubCoverageHistory { fiscalYear hubs districtsWithHub goal }\n    hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }\n    fiscalYearReport(fiscalYear: $fy) { fiscalYear label consultationsByMonth { month source consultations { value display suppressed } } }\n    actionItemTally { organization { code name } open overdue done }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalendarFeeds {\n    calendarFeeds { id label createdAt revokedAt }\n  }\n"): (typeof documents)["\n  query CalendarFeeds {\n    calendarFeeds { id label createdAt revokedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCalendarFeed($label: String!) {\n    createCalendarFeed(label: $label) { feed { id label createdAt revokedAt } url userErrors { code message } }\n  }\n"): (typeof documents)["\n  mutation CreateCalendarFeed($label: String!) {\n    createCalendarFeed(label: $label) { feed { id label createdAt revokedAt } url userErrors { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeCalendarFeed($id: ID!) {\n    revokeCalendarFeed(id: $id) { feed { id revokedAt } userErrors { code message } }\n  }\n"): (typeof documents)["\n  mutation RevokeCalendarFeed($id: ID!) {\n    revokeCalendarFeed(id: $id) { feed { id revokedAt } userErrors { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardMyOrganization($from: DateTimeISO) {\n    me {\n      organization {\n        code\n        name\n        eventCursor\n        meetings(first: 100, from: $from) { nodes { id title startsAt endsAt place status confidential eventCursor body { name kind } } }\n        actionItems(status: [OPEN, IN_PROGRESS], first: 200) { nodes { id title status dueDate overdue redacted agendaItemId assignee { code } meeting { id title } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardMyOrganization($from: DateTimeISO) {\n    me {\n      organization {\n        code\n        name\n        eventCursor\n        meetings(first: 100, from: $from) { nodes { id title startsAt endsAt place status confidential eventCursor body { name kind } } }\n        actionItems(status: [OPEN, IN_PROGRESS], first: 200) { nodes { id title status dueDate overdue redacted agendaItemId assignee { code } meeting { id title } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardDirectory {\n    organizations { code name }\n    meetingBodies { id code name kind handlesIndividualCases members { role organization { code } } }\n  }\n"): (typeof documents)["\n  query BoardDirectory {\n    organizations { code name }\n    meetingBodies { id code name kind handlesIndividualCases members { role organization { code } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardSharedCases {\n    me {\n      organization {\n        sharedCases(first: 50) {\n          eventCursor\n          totalCount\n          nodes { id caseNumber status nextReviewDate lead { name } grounds }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardSharedCases {\n    me {\n      organization {\n        sharedCases(first: 50) {\n          eventCursor\n          totalCount\n          nodes { id caseNumber status nextReviewDate lead { name } grounds }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardSharedCasesChanged($after: String) {\n    sharedCasesChanged(after: $after) {\n      cursor kind caseId\n      case { id caseNumber status nextReviewDate lead { name } grounds }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardSharedCasesChanged($after: String) {\n    sharedCasesChanged(after: $after) {\n      cursor kind caseId\n      case { id caseNumber status nextReviewDate lead { name } grounds }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardMeeting($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place status canEdit eventCursor confidential\n      body { code name kind handlesIndividualCases }\n      members { role attendance pledged organization { code } }\n      currentItem { id }\n      agenda {\n        id title description kind status position redacted timeboxMinutes revision presenter { code }\n        decisions { id content decidedAt }\n        actionItems { id title status dueDate redacted assigneePerson assignee { code } }\n      }\n      minutes { content status nextReviewDate approvedAt revision }\n    }\n  }\n"): (typeof documents)["\n  query BoardMeeting($id: ID!) {\n    meeting(id: $id) {\n      id title startsAt endsAt place status canEdit eventCursor confidential\n      body { code name kind handlesIndividualCases }\n      members { role attendance pledged organization { code } }\n      currentItem { id }\n      agenda {\n        id title description kind status position redacted timeboxMinutes revision presenter { code }\n        decisions { id content decidedAt }\n        actionItems { id title status dueDate redacted assigneePerson assignee { code } }\n      }\n      minutes { content status nextReviewDate approvedAt revision }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardAgendaChanged($id: ID!, $after: String) {\n    agendaChanged(meetingId: $id, after: $after) {\n      cursor kind itemId\n      meeting { id title startsAt endsAt place status currentItem { id } }\n      agenda { id title description kind status position redacted timeboxMinutes revision presenter { code } }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardAgendaChanged($id: ID!, $after: String) {\n    agendaChanged(meetingId: $id, after: $after) {\n      cursor kind itemId\n      meeting { id title startsAt endsAt place status currentItem { id } }\n      agenda { id title description kind status position redacted timeboxMinutes revision presenter { code } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardMeetingsChanged($code: String!, $after: String) {\n    meetingsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      meeting { id title startsAt endsAt place status confidential body { name kind } }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardMeetingsChanged($code: String!, $after: String) {\n    meetingsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      meeting { id title startsAt endsAt place status confidential body { name kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardActionItemsChanged($code: String!, $after: String) {\n    actionItemsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      actionItem { id title status dueDate overdue redacted agendaItemId assigneePerson assignee { code } meeting { id title } }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardActionItemsChanged($code: String!, $after: String) {\n    actionItemsChanged(organizationCode: $code, after: $after) {\n      cursor kind\n      actionItem { id title status dueDate overdue redacted agendaItemId assigneePerson assignee { code } meeting { id title } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardScheduleMeeting($input: ScheduleMeetingInput!, $key: String) {\n    scheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardScheduleMeeting($input: ScheduleMeetingInput!, $key: String) {\n    scheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardRescheduleMeeting($input: RescheduleMeetingInput!, $key: String) {\n    rescheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardRescheduleMeeting($input: RescheduleMeetingInput!, $key: String) {\n    rescheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardAddMember($id: ID!, $code: String!) {\n    addMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardAddMember($id: ID!, $code: String!) {\n    addMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardRemoveMember($id: ID!, $code: String!) {\n    removeMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardRemoveMember($id: ID!, $code: String!) {\n    removeMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardRecordAttendance($id: ID!, $code: String!, $attendance: Attendance!) {\n    recordAttendance(meetingId: $id, organizationCode: $code, attendance: $attendance) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardRecordAttendance($id: ID!, $code: String!, $attendance: Attendance!) {\n    recordAttendance(meetingId: $id, organizationCode: $code, attendance: $attendance) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardPledge($id: ID!) {\n    pledgeConfidentiality(meetingId: $id) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardPledge($id: ID!) {\n    pledgeConfidentiality(meetingId: $id) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardAddItem($input: AddAgendaItemInput!, $key: String) {\n    addAgendaItem(input: $input, idempotencyKey: $key) { item { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardAddItem($input: AddAgendaItemInput!, $key: String) {\n    addAgendaItem(input: $input, idempotencyKey: $key) { item { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardUpdateItem($input: UpdateAgendaItemInput!) {\n    updateAgendaItem(input: $input) { item { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardUpdateItem($input: UpdateAgendaItemInput!) {\n    updateAgendaItem(input: $input) { item { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardRemoveItem($itemId: ID!) {\n    removeAgendaItem(itemId: $itemId) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardRemoveItem($itemId: ID!) {\n    removeAgendaItem(itemId: $itemId) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardReorder($id: ID!, $itemIds: [ID!]!, $seen: [ID!]) {\n    reorderAgenda(meetingId: $id, itemIds: $itemIds, expectedItemIds: $seen) { meeting { id } userErrors { field code message } }\n  }\n"): (typeof documents)["\n  mutation BoardReorder($id: ID!, $itemIds: [ID!]!, $seen: [ID!]) {\n    reorderAgenda(meetingId: $id, itemIds: $itemIds, expectedItemIds: $seen) { meeting { id } userErrors { field code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardStart($id: ID!) { startMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardStart($id: ID!) { startMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardAdvance($id: ID!, $seen: ID) { advanceAgenda(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardAdvance($id: ID!, $seen: ID) { advanceAgenda(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardStepBack($id: ID!, $seen: ID) { returnToPreviousItem(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardStepBack($id: ID!, $seen: ID) { returnToPreviousItem(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardAdjourn($id: ID!) { adjournMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardAdjourn($id: ID!) { adjournMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardCancel($id: ID!) { cancelMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardCancel($id: ID!) { cancelMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardClose($id: ID!) { closeMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardClose($id: ID!) { closeMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardDefer($itemId: ID!) { deferAgendaItem(itemId: $itemId) { item { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardDefer($itemId: ID!) { deferAgendaItem(itemId: $itemId) { item { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardDecide($itemId: ID!, $content: String!, $key: String) { recordDecision(itemId: $itemId, content: $content, idempotencyKey: $key) { decision { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardDecide($itemId: ID!, $content: String!, $key: String) { recordDecision(itemId: $itemId, content: $content, idempotencyKey: $key) { decision { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardCreateAction($input: CreateActionItemInput!, $key: String) { createActionItem(input: $input, idempotencyKey: $key) { actionItem { id } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardCreateAction($input: CreateActionItemInput!, $key: String) { createActionItem(input: $input, idempotencyKey: $key) { actionItem { id } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardUpdateActionStatus($id: ID!, $status: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $status) { actionItem { id status } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardUpdateActionStatus($id: ID!, $status: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $status) { actionItem { id status } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardDraftMinutes($id: ID!, $content: String!, $nextReviewDate: LocalDate, $rev: Int) { draftMinutes(meetingId: $id, content: $content, nextReviewDate: $nextReviewDate, expectedRevision: $rev) { minutes { status revision } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardDraftMinutes($id: ID!, $content: String!, $nextReviewDate: LocalDate, $rev: Int) { draftMinutes(meetingId: $id, content: $content, nextReviewDate: $nextReviewDate, expectedRevision: $rev) { minutes { status revision } userErrors { field code message } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BoardApproveMinutes($id: ID!, $rev: Int) { approveMinutes(meetingId: $id, expectedRevision: $rev) { minutes { status } userErrors { field code message } } }\n"): (typeof documents)["\n  mutation BoardApproveMinutes($id: ID!, $rev: Int) { approveMinutes(meetingId: $id, expectedRevision: $rev) { minutes { status } userErrors { field code message } } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;