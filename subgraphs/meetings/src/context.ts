import type { EntityManager } from "@mikro-orm/postgresql";
import {
  renewableParts,
  startEventRuntime,
  type EventHub,
  type ContextSettings,
  type EventRuntime,
  type Identity,
  type OperationInfo,
} from "@marugoto/shared";
import { ActionItemService } from "./action-item/action-item.service.js";
import { AgendaService } from "./agenda/agenda.service.js";
import { BodyService } from "./body/body.service.js";
import { CalendarService } from "./calendar/calendar.service.js";
import { CaseMeetingsService } from "./case/case.service.js";
import { SCHEMA } from "./events/meeting-events.js";
import { MeetingService } from "./meeting/meeting.service.js";
import { MinutesService } from "./minutes/minutes.service.js";
import { ReportService } from "./report/report.service.js";
import { TopicService } from "./topic/topic.service.js";

/** What the meetings subgraph runs once per process: the event hub every subscription reads from. */
export type MeetingsRuntime = EventRuntime;

export const startMeetingsRuntime = startEventRuntime(SCHEMA);

/** Per-operation context: the caller, services over one forked EntityManager, the event hub. */
export interface MeetingsContext {
  identity: Identity;
  /** Process-wide settings (the secret that signs download tickets). */
  settings: ContextSettings;
  em: EntityManager;
  events: EventHub;
  bodies: BodyService;
  meetings: MeetingService;
  agenda: AgendaService;
  actionItems: ActionItemService;
  minutes: MinutesService;
  topics: TopicService;
  caseMeetings: CaseMeetingsService;
  calendars: CalendarService;
  reports: ReportService;
  /**
   * graphql-ws builds a context once per subscription; each event calls this so its resolvers read
   * through a fresh EntityManager and fresh loaders, never stale rows.
   */
  renew(): void;
}

export function createMeetingsContext(
  root: EntityManager,
  identity: Identity,
  runtime: MeetingsRuntime,
  _operation?: OperationInfo,
  settings: ContextSettings = { identitySecret: "" },
): MeetingsContext {
  const context = { identity, settings, events: runtime.events } as MeetingsContext;
  context.renew = renewableParts(context, MEETINGS_PARTS, () => {
    const em = root.fork();
    const bodies = new BodyService(em);
    const meetings = new MeetingService(em, identity, bodies);
    const actionItems = new ActionItemService(em, identity, meetings);
    return {
      em,
      bodies,
      meetings,
      agenda: new AgendaService(em, identity, meetings),
      actionItems,
      minutes: new MinutesService(em, identity, meetings),
      topics: new TopicService(em, identity, meetings),
      caseMeetings: new CaseMeetingsService(em, identity, meetings, actionItems),
      calendars: new CalendarService(em, identity),
      reports: new ReportService(em, identity),
    };
  });
  return context;
}

/** The parts of a context built over one forked EntityManager (when first read; anew after `renew`). */
const MEETINGS_PARTS = [
  "em",
  "bodies",
  "meetings",
  "agenda",
  "actionItems",
  "minutes",
  "topics",
  "caseMeetings",
  "calendars",
  "reports",
] as const satisfies readonly (keyof MeetingsContext)[];
