import { graphql } from "./gql/index.js";

/** Every operation of the board, typed by codegen from the supergraph and registered for production. */

export const MyOrganization = graphql(`
  query BoardMyOrganization($code: String!) {
    organization(code: $code) {
      code
      name
      meetings(first: 50) { nodes { id title startsAt status confidential body { name kind } } }
      actionItems(status: [OPEN, IN_PROGRESS]) { nodes { id title status dueDate overdue meeting { title } } }
    }
  }
`);

export const SharedCases = graphql(`
  query BoardSharedCases($code: String!) {
    organization(code: $code) {
      sharedCases(first: 50) {
        edges { grounds node { id caseNumber status nextReviewDate lead { name } } }
      }
    }
  }
`);

export const MeetingBoard = graphql(`
  query BoardMeeting($id: ID!) {
    meeting(id: $id) {
      id title startsAt place status canEdit eventCursor
      currentItem { id }
      agenda { id title kind status position redacted timeboxMinutes presenter { code name } decisions { id content } actionItems { id title assignee { name } dueDate status } }
      minutes { content status nextReviewDate }
    }
  }
`);

export const AgendaChanged = graphql(`
  subscription BoardAgendaChanged($id: ID!, $after: String) {
    agendaChanged(meetingId: $id, after: $after) {
      cursor kind itemId
      meeting { id status currentItem { id } }
      agenda { id title kind status position redacted timeboxMinutes presenter { code name } }
    }
  }
`);

export const AddItem = graphql(`
  mutation BoardAddItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) { item { id } userErrors { field code message } }
  }
`);

export const UpdateItem = graphql(`
  mutation BoardUpdateItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) { item { id } userErrors { field code message } }
  }
`);

export const Reorder = graphql(`
  mutation BoardReorder($id: ID!, $itemIds: [ID!]!) {
    reorderAgenda(meetingId: $id, itemIds: $itemIds) { meeting { id } userErrors { field code message } }
  }
`);

export const Start = graphql(`
  mutation BoardStart($id: ID!) { startMeeting(meetingId: $id) { meeting { id } userErrors { field code message } } }
`);

export const Advance = graphql(`
  mutation BoardAdvance($id: ID!) { advanceAgenda(meetingId: $id) { meeting { id } userErrors { field code message } } }
`);

export const Defer = graphql(`
  mutation BoardDefer($itemId: ID!) { deferAgendaItem(itemId: $itemId) { item { id } userErrors { field code message } } }
`);

export const Decide = graphql(`
  mutation BoardDecide($itemId: ID!, $content: String!) { recordDecision(itemId: $itemId, content: $content) { decision { id } userErrors { field code message } } }
`);

export const CreateAction = graphql(`
  mutation BoardCreateAction($input: CreateActionItemInput!) { createActionItem(input: $input) { actionItem { id } userErrors { field code message } } }
`);

export const UpdateActionStatus = graphql(`
  mutation BoardUpdateActionStatus($id: ID!, $status: ActionItemStatus!) { updateActionItemStatus(id: $id, status: $status) { actionItem { id status } userErrors { field code message } } }
`);

export const DraftMinutes = graphql(`
  mutation BoardDraftMinutes($id: ID!, $content: String!) { draftMinutes(meetingId: $id, content: $content) { minutes { status } userErrors { field code message } } }
`);

export const ApproveMinutes = graphql(`
  mutation BoardApproveMinutes($id: ID!) { approveMinutes(meetingId: $id) { minutes { status } userErrors { field code message } } }
`);
