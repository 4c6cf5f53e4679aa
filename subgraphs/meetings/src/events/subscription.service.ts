import { afterCursor, CAUGHT_UP, mapIterator, NotFoundError, parseOrganizationCode } from "@marugoto/shared";
import { actionItemFromSnapshot, type ActionItemSnapshot } from "../action-item/action-item.snapshot.js";
import { actionItemFor } from "../action-item/action-item.view.js";
import type { MeetingsContext } from "../context.js";
import { canSee, meetingFromSnapshot, redactFor, type ItemView, type MeetingView } from "../meeting/meeting.view.js";
import { eventBase, type ActionItemEventRoot, type AgendaEventRoot, type MeetingEventRoot } from "./event-root.js";
import { topics } from "./meeting-events.js";

/*
 * Live updates. Each event was built once when it was published; here it is only checked against
 * the caller (per event, so a change of membership takes effect at once) and trimmed for them.
 */

/**
 * An event's meeting judged on its members as they are now, not as the event recorded them: an
 * organisation removed since is given, on a replay of its organisation's stream, nothing of the
 * meeting — never what it was given as a member then. Null when the caller may not see the meeting
 * now. The context is renewed first: what the event's fields read next is read as it stands.
 */
async function judgedNow(context: MeetingsContext, meeting: MeetingView): Promise<MeetingView | null> {
  context.renew();
  const current = await context.meetings.visible(meeting.id);
  if (!current) return null;
  const judged = { ...meeting, members: current.members };
  return canSee(judged, context.identity) ? judged : null;
}

/** Changes to one meeting's agenda; with `after`, first what the caller missed. */
export async function agendaEvents(context: MeetingsContext, meetingId: string, after?: string | null, markCaughtUp?: boolean | null) {
  const from = afterCursor(after);
  // Judged now, at the start: an organisation removed since cannot replay what it saw as a member
  // (one invited again sits under its earlier pledge); later events carry the members of their time.
  if (!(await context.meetings.visible(meetingId))) throw new NotFoundError("会議", meetingId);
  // On request, a resumed stream marks the end of its replay with one CAUGHT_UP event carrying the agenda.
  const events = context.events.subscribe(topics.agenda(meetingId), from, { markCaughtUp: !!markCaughtUp });
  return mapIterator(events, async (event): Promise<AgendaEventRoot | undefined> => {
    if (event.kind === CAUGHT_UP && !event.payload.meeting) {
      // Nothing was missed: the agenda as it stands now (any later change follows live).
      context.renew();
      const now = await context.meetings.visible(meetingId);
      if (!now) return undefined;
      const meeting = { ...now, readAt: event.seq };
      return { ...eventBase(event), meeting, agenda: await context.agenda.agendaOf(meeting), itemId: null };
    }
    const meeting = { ...meetingFromSnapshot(event.payload.meeting as Record<string, unknown>), readAt: event.seq };
    if (!canSee(meeting, context.identity)) return undefined;
    context.renew();
    const agenda = (event.payload.items as ItemView[]).map((item) => redactFor(meeting, context.identity, item));
    return {
      ...eventBase(event),
      meeting,
      agenda,
      itemId: event.kind === CAUGHT_UP ? null : ((event.payload.itemId as string | null) ?? null),
    };
  });
}

const organizationCode = (context: MeetingsContext, code?: string | null): string =>
  parseOrganizationCode(code ?? context.identity.org, "organizationCode");

/** Meetings of an organisation that the caller may see: new, rescheduled or changed. */
export function meetingEvents(context: MeetingsContext, code?: string | null, after?: string | null, markCaughtUp?: boolean | null) {
  const org = organizationCode(context, code);
  const events = context.events.subscribe(topics.meetings(org), afterCursor(after), { markCaughtUp: !!markCaughtUp });
  return mapIterator(events, async (event): Promise<MeetingEventRoot | undefined> => {
    // The end of a replay: its cursor only (the last replayed event may be one the caller may not see).
    if (event.kind === CAUGHT_UP) return { ...eventBase(event), meeting: null };
    // Judged on today's members, live or replayed: its agenda and minutes are read as they stand.
    const meeting = await judgedNow(context, {
      ...meetingFromSnapshot(event.payload.meeting as Record<string, unknown>),
      readAt: event.seq,
    });
    return meeting ? { ...eventBase(event), meeting } : undefined;
  });
}

/** Changes to the action items of an organisation, from meetings the caller may see. */
export function actionItemEvents(context: MeetingsContext, code?: string | null, after?: string | null, markCaughtUp?: boolean | null) {
  const org = organizationCode(context, code);
  const events = context.events.subscribe(topics.actionItems(org), afterCursor(after), { markCaughtUp: !!markCaughtUp });
  return mapIterator(events, async (event): Promise<ActionItemEventRoot | undefined> => {
    if (event.kind === CAUGHT_UP) return { ...eventBase(event), actionItem: null };
    // Judged on today's members, live or replayed (a task's title follows today's pledge).
    const meeting = await judgedNow(context, {
      ...meetingFromSnapshot(event.payload.meeting as Record<string, unknown>),
      readAt: event.seq,
    });
    if (!meeting) return undefined;
    // The organisation an item was taken from is told so, as its assignee would be.
    const former = event.kind === "ACTION_ITEM_REASSIGNED_AWAY" ? org : undefined;
    const actionItem = actionItemFor(
      meeting,
      context.identity,
      actionItemFromSnapshot(event.payload.actionItem as ActionItemSnapshot),
      former,
    );
    if (!actionItem) return undefined;
    return { ...eventBase(event), actionItem };
  });
}
