import { graphql } from "./gql/index.js";

/** Every operation of the board, typed by codegen from the supergraph and registered for production. */

export const MyOrganization = graphql(`
  query BoardMyOrganization($from: DateTimeISO) {
    me {
      organization {
        code
        name
        eventCursor
        meetings(first: 100, from: $from) { nodes { id title startsAt endsAt place status confidential eventCursor body { name kind } } }
        actionItems(status: [OPEN, IN_PROGRESS], first: 200) { nodes { id title status dueDate overdue redacted agendaItemId assignee { code } meeting { id title } } }
      }
    }
  }
`);

export const Directory = graphql(`
  query BoardDirectory {
    organizations { code name }
    meetingBodies { id code name kind handlesIndividualCases members { role organization { code } } }
  }
`);

export const SharedCases = graphql(`
  query BoardSharedCases {
    me {
      organization {
        sharedCases(first: 50) {
          eventCursor
          totalCount
          nodes { id caseNumber status nextReviewDate lead { name } grounds }
        }
      }
    }
  }
`);

export const SharedCasesChanged = graphql(`
  subscription BoardSharedCasesChanged($after: String) {
    sharedCasesChanged(after: $after) {
      cursor kind caseId
      case { id caseNumber status nextReviewDate lead { name } grounds }
    }
  }
`);

export const MeetingBoard = graphql(`
  query BoardMeeting($id: ID!) {
    meeting(id: $id) {
      id title startsAt endsAt place status canEdit eventCursor confidential
      body { code name kind handlesIndividualCases }
      members { role attendance pledged organization { code } }
      currentItem { id }
      agenda {
        id title description kind status position redacted timeboxMinutes revision presenter { code }
        decisions { id content decidedAt }
        actionItems { id title status dueDate redacted assigneePerson assignee { code } }
      }
      minutes { content status nextReviewDate approvedAt revision }
    }
  }
`);

export const AgendaChanged = graphql(`
  subscription BoardAgendaChanged($id: ID!, $after: String) {
    agendaChanged(meetingId: $id, after: $after) {
      cursor kind itemId
      meeting { id title startsAt endsAt place status currentItem { id } }
      agenda { id title description kind status position redacted timeboxMinutes revision presenter { code } }
    }
  }
`);

export const MeetingsChanged = graphql(`
  subscription BoardMeetingsChanged($code: String!, $after: String) {
    meetingsChanged(organizationCode: $code, after: $after) {
      cursor kind
      meeting { id title startsAt endsAt place status confidential body { name kind } }
    }
  }
`);

export const ActionItemsChanged = graphql(`
  subscription BoardActionItemsChanged($code: String!, $after: String) {
    actionItemsChanged(organizationCode: $code, after: $after) {
      cursor kind
      actionItem { id title status dueDate overdue redacted agendaItemId assigneePerson assignee { code } meeting { id title } }
    }
  }
`);

export const ScheduleMeeting = graphql(`
  mutation BoardScheduleMeeting($input: ScheduleMeetingInput!, $key: String) {
    scheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }
  }
`);

export const RescheduleMeeting = graphql(`
  mutation BoardRescheduleMeeting($input: RescheduleMeetingInput!, $key: String) {
    rescheduleMeeting(input: $input, idempotencyKey: $key) { meeting { id } userErrors { field code message } }
  }
`);

export const AddMember = graphql(`
  mutation BoardAddMember($id: ID!, $code: String!) {
    addMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }
  }
`);

export const RemoveMember = graphql(`
  mutation BoardRemoveMember($id: ID!, $code: String!) {
    removeMeetingMember(meetingId: $id, organizationCode: $code) { meeting { id } userErrors { field code message } }
  }
`);

export const RecordAttendance = graphql(`
  mutation BoardRecordAttendance($id: ID!, $code: String!, $attendance: Attendance!) {
    recordAttendance(meetingId: $id, organizationCode: $code, attendance: $attendance) { meeting { id } userErrors { field code message } }
  }
`);

export const Pledge = graphql(`
  mutation BoardPledge($id: ID!) {
    pledgeConfidentiality(meetingId: $id) { meeting { id } userErrors { field code message } }
  }
`);

export const AddItem = graphql(`
  mutation BoardAddItem($input: AddAgendaItemInput!, $key: String) {
    addAgendaItem(input: $input, idempotencyKey: $key) { item { id } userErrors { field code message } }
  }
`);

export const UpdateItem = graphql(`
  mutation BoardUpdateItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) { item { id } userErrors { field code message } }
  }
`);

export const RemoveItem = graphql(`
  mutation BoardRemoveItem($itemId: ID!) {
    removeAgendaItem(itemId: $itemId) { meeting { id } userErrors { field code message } }
  }
`);

export const Reorder = graphql(`
  mutation BoardReorder($id: ID!, $itemIds: [ID!]!, $seen: [ID!]) {
    reorderAgenda(meetingId: $id, itemIds: $itemIds, expectedItemIds: $seen) { meeting { id } userErrors { field code message } }
  }
`);

export const Start = graphql(`
  mutation BoardStart($id: ID!) { startMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }
`);

export const Advance = graphql(`
  mutation BoardAdvance($id: ID!, $seen: ID) { advanceAgenda(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }
`);

export const StepBack = graphql(`
  mutation BoardStepBack($id: ID!, $seen: ID) { returnToPreviousItem(meetingId: $id, expectedCurrentItemId: $seen) { meeting { id } userErrors { field code message } } }
`);

export const Adjourn = graphql(`
  mutation BoardAdjourn($id: ID!) { adjournMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }
`);

export const Cancel = graphql(`
  mutation BoardCancel($id: ID!) { cancelMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }
`);

export const Close = graphql(`
  mutation BoardClose($id: ID!) { closeMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }
`);

export const Defer = graphql(`
  mutation BoardDefer($itemId: ID!) { deferAgendaItem(itemId: $itemId) { item { id } userErrors { field code message } } }
`);

export const Decide = graphql(`
  mutation BoardDecide($itemId: ID!, $content: String!, $key: String) { recordDecision(itemId: $itemId, content: $content, idempotencyKey: $key) { decision { id } userErrors { field code message } } }
`);

export const CreateAction = graphql(`
  mutation BoardCreateAction($input: CreateActionItemInput!, $key: String) { createActionItem(input: $input, idempotencyKey: $key) { actionItem { id } userErrors { field code message } } }
`);

export const UpdateActionStatus = graphql(`
  mutation BoardUpdateActionStatus($id: ID!, $status: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $status) { actionItem { id status } userErrors { field code message } } }
`);

export const DraftMinutes = graphql(`
  mutation BoardDraftMinutes($id: ID!, $content: String!, $nextReviewDate: LocalDate, $rev: Int) { draftMinutes(meetingId: $id, content: $content, nextReviewDate: $nextReviewDate, expectedRevision: $rev) { minutes { status revision } userErrors { field code message } } }
`);

export const ApproveMinutes = graphql(`
  mutation BoardApproveMinutes($id: ID!, $rev: Int) { approveMinutes(meetingId: $id, expectedRevision: $rev) { minutes { status } userErrors { field code message } } }
`);
