import { Arg, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { afterCursor, BadUserInputError, CAUGHT_UP, encodeCursor, mapIterator, NotFoundError, type StoredEvent } from "@marugoto/shared";
import { actionItemFor, actionItemFromSnapshot, type ActionItemView } from "../action-item/action-item.view.js";
import type { MeetingsContext } from "../context.js";
import { canSee, meetingFromSnapshot, redactFor, type ItemView, type MeetingView } from "../meeting/meeting.view.js";
import { ActionItemEventType, ActionItemType, AgendaEventType, AgendaItemType, MeetingEventType, MeetingType } from "../types.js";
import { ORG_CODE } from "@marugoto/shared";
import { topics, type ActionItemSnapshot } from "./meeting-events.js";

interface EventRoot {
  cursor: string;
  kind: string;
  occurredAt: Date;
}
export interface AgendaEventRoot extends EventRoot {
  meeting: MeetingView;
  agenda: ItemView[];
  itemId: string | null;
}
export interface MeetingEventRoot extends EventRoot {
  meeting: MeetingView;
}
export interface ActionItemEventRoot extends EventRoot {
  actionItem: ActionItemView;
}

const base = (event: StoredEvent): EventRoot => ({ cursor: encodeCursor(event.seq), kind: event.kind, occurredAt: event.createdAt });

type Data<A> = SubscribeResolverData<unknown, A, MeetingsContext>;

/**
 * Live updates. Each event was built once when it was published; here it is only checked against
 * the caller (per event, so a change of membership takes effect at once) and trimmed for them.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => AgendaEventType, {
    description: "Changes to one meeting's agenda (items, order, current item, status). With `after`, first replays what the caller missed.",
    subscribe: async ({ args, context }: Data<{ meetingId: string; after?: string | null; markCaughtUp?: boolean | null }>) => {
      const from = afterCursor(args.after);
      if (!(await context.meetings.visible(args.meetingId))) throw new NotFoundError("会議", args.meetingId);
      // On request, a resumed stream marks the end of its replay with one CAUGHT_UP event carrying the agenda.
      const events = context.events.subscribe(topics.agenda(args.meetingId), from, { markCaughtUp: from !== undefined && !!args.markCaughtUp });
      return mapIterator(events, async (event): Promise<AgendaEventRoot | undefined> => {
        if (event.kind === CAUGHT_UP && !event.payload.meeting) {
          // Nothing was missed: the agenda as it stands now (any later change follows live).
          context.renew();
          const now = await context.meetings.visible(args.meetingId);
          if (!now) return undefined;
          const meeting = { ...now, readAt: event.seq };
          return { ...base(event), meeting, agenda: await context.agenda.agendaOf(meeting), itemId: null };
        }
        const meeting = { ...meetingFromSnapshot(event.payload.meeting as Record<string, unknown>), readAt: event.seq };
        if (!canSee(meeting, context.identity)) return undefined;
        context.renew();
        const agenda = (event.payload.items as ItemView[]).map((item) => redactFor(meeting, context.identity, item));
        return { ...base(event), meeting, agenda, itemId: event.kind === CAUGHT_UP ? null : ((event.payload.itemId as string | null) ?? null) };
      });
    },
  })
  agendaChanged(
    @Root() event: AgendaEventRoot,
    @Arg("meetingId", () => ID, { description: "The meeting to watch." }) _meetingId: string,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor (from an event or `Meeting.eventCursor`)." }) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, {
      defaultValue: false,
      description: "With `after`: end the replay with one `CAUGHT_UP` event (the agenda as of the last replayed event, or as it stands when nothing was missed); what follows is live.",
    })
    _markCaughtUp?: boolean,
  ): AgendaEventRoot {
    return event;
  }

  @Subscription(() => MeetingEventType, {
    description: "New, rescheduled or changed meetings of an organisation (those the caller may see). With `after`, replays first.",
    subscribe: ({ args, context }: Data<{ organizationCode?: string | null; after?: string | null }>) => {
      const code = args.organizationCode ?? context.identity.org;
      if (!ORG_CODE.test(code)) throw new BadUserInputError("組織コードが正しくありません。", "organizationCode");
      return mapIterator(context.events.subscribe(topics.meetings(code), afterCursor(args.after)), (event): MeetingEventRoot | undefined => {
        const meeting = { ...meetingFromSnapshot(event.payload.meeting as Record<string, unknown>), readAt: event.seq };
        if (!canSee(meeting, context.identity)) return undefined;
        context.renew();
        return { ...base(event), meeting };
      });
    },
  })
  meetingsChanged(
    @Root() event: MeetingEventRoot,
    @Arg("organizationCode", () => String, { nullable: true, description: "The organisation, e.g. `nozei`; the caller's own when omitted." }) _code?: string | null,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
  ): MeetingEventRoot {
    return event;
  }

  @Subscription(() => ActionItemEventType, {
    description: "Changes to the action items of an organisation (from meetings the caller may see). With `after`, replays first.",
    subscribe: ({ args, context }: Data<{ organizationCode?: string | null; after?: string | null }>) => {
      const code = args.organizationCode ?? context.identity.org;
      if (!ORG_CODE.test(code)) throw new BadUserInputError("組織コードが正しくありません。", "organizationCode");
      return mapIterator(context.events.subscribe(topics.actionItems(code), afterCursor(args.after)), (event): ActionItemEventRoot | undefined => {
        const meeting = { ...meetingFromSnapshot(event.payload.meeting as Record<string, unknown>), readAt: event.seq };
        // The organisation an item was taken from is told so, as its assignee would be.
        const former = event.kind === "ACTION_ITEM_REASSIGNED_AWAY" ? code : undefined;
        const actionItem = actionItemFor(meeting, context.identity, actionItemFromSnapshot(event.payload.actionItem as ActionItemSnapshot), former);
        if (!actionItem) return undefined;
        context.renew();
        return { ...base(event), actionItem };
      });
    },
  })
  actionItemsChanged(
    @Root() event: ActionItemEventRoot,
    @Arg("organizationCode", () => String, { nullable: true, description: "The assignee organisation, e.g. `nozei`; the caller's own when omitted." }) _code?: string | null,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
  ): ActionItemEventRoot {
    return event;
  }
}

@Resolver(() => AgendaEventType)
export class AgendaEventResolver {
  @FieldResolver(() => MeetingType, { description: "The meeting right after the change." })
  meeting(@Root() event: AgendaEventRoot): MeetingView {
    return event.meeting;
  }

  @FieldResolver(() => [AgendaItemType], { description: "The whole agenda right after the change, in order." })
  agenda(@Root() event: AgendaEventRoot): ItemView[] {
    return event.agenda;
  }
}

@Resolver(() => MeetingEventType)
export class MeetingEventResolver {
  @FieldResolver(() => MeetingType, { description: "The meeting right after the change." })
  meeting(@Root() event: MeetingEventRoot): MeetingView {
    return event.meeting;
  }
}

@Resolver(() => ActionItemEventType)
export class ActionItemEventResolver {
  @FieldResolver(() => ActionItemType, { description: "The action item right after the change." })
  actionItem(@Root() event: ActionItemEventRoot): ActionItemView {
    return event.actionItem;
  }
}
