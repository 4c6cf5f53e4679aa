import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { markCaughtUpArg } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { ActionItemEventType } from "./action-item-event.type.js";
import { AgendaEventType } from "./agenda-event.type.js";
import type { ActionItemEventRoot, AgendaEventRoot, MeetingEventRoot } from "./event-root.js";
import { MeetingEventType } from "./meeting-event.type.js";
import { actionItemEvents, agendaEvents, meetingEvents } from "./subscription.service.js";

type Data<A> = SubscribeResolverData<unknown, A, MeetingsContext>;
type OrgArgs = { organizationCode?: string | null; after?: string | null; markCaughtUp?: boolean | null };

/** Live updates: each stream is built by the subscription service; the fields only pass events on. */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => AgendaEventType, {
    description:
      "Changes to one meeting's agenda (items, order, current item, status). With `after`, first replays what the caller missed.",
    subscribe: ({ args, context }: Data<{ meetingId: string; after?: string | null; markCaughtUp?: boolean | null }>) =>
      agendaEvents(context, args.meetingId, args.after, args.markCaughtUp),
  })
  agendaChanged(
    @Root() event: AgendaEventRoot,
    @Arg("meetingId", () => ID, { description: "The meeting to watch." }) _meetingId: string,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor (from an event or `Meeting.eventCursor`)." })
    _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg("the agenda as of that cursor (as it stands, when nothing was missed)"))
    _markCaughtUp?: boolean,
  ): AgendaEventRoot {
    return event;
  }

  @Subscription(() => MeetingEventType, {
    description: "New, rescheduled or changed meetings of an organisation (those the caller may see). With `after`, replays first.",
    subscribe: ({ args, context }: Data<OrgArgs>) => meetingEvents(context, args.organizationCode, args.after, args.markCaughtUp),
  })
  meetingsChanged(
    @Root() event: MeetingEventRoot,
    @Arg("organizationCode", () => String, {
      nullable: true,
      description: "The organisation, e.g. `nozei`; the caller's own when omitted.",
    })
    _code?: string | null,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg()) _markCaughtUp?: boolean,
  ): MeetingEventRoot {
    return event;
  }

  @Subscription(() => ActionItemEventType, {
    description: "Changes to the action items of an organisation (from meetings the caller may see). With `after`, replays first.",
    subscribe: ({ args, context }: Data<OrgArgs>) => actionItemEvents(context, args.organizationCode, args.after, args.markCaughtUp),
  })
  actionItemsChanged(
    @Root() event: ActionItemEventRoot,
    @Arg("organizationCode", () => String, {
      nullable: true,
      description: "The assignee organisation, e.g. `nozei`; the caller's own when omitted.",
    })
    _code?: string | null,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg()) _markCaughtUp?: boolean,
  ): ActionItemEventRoot {
    return event;
  }
}
