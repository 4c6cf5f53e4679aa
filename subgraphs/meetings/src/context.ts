import type { EntityManager } from "@mikro-orm/postgresql";
import {
  renewableContext,
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
import { caseDisclosuresFrom, type CaseDisclosures } from "./case/cases.client.js";
import { SCHEMA } from "./events/meeting-events.js";
import { MeetingService } from "./meeting/meeting.service.js";
import { MinutesService } from "./minutes/minutes.service.js";
import { ReportService } from "./report/report.service.js";
import { TopicService } from "./topic/topic.service.js";

/**
 * What the meetings subgraph runs once per process: the event hub every subscription reads from, and
 * its link to the cases subgraph (told when an organisation leaves a case meeting).
 */
export type MeetingsRuntime = EventRuntime & { cases: () => CaseDisclosures | null };

const startEvents = startEventRuntime(SCHEMA);

export async function startMeetingsRuntime(
  em: EntityManager,
  databaseUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MeetingsRuntime> {
  const cases = caseDisclosuresFrom(env);
  return { ...(await startEvents(em, databaseUrl)), cases };
}

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

/** What a meetings context's parts are built from. */
interface MeetingsInputs {
  root: EntityManager;
  identity: Identity;
  cases: () => CaseDisclosures | null;
}

type MeetingsParts = Omit<MeetingsContext, "identity" | "settings" | "events" | "renew">;

/** Each part over the context's one forked EntityManager, built when first read (anew after `renew`). */
const meetingsContext = renewableContext<MeetingsInputs, MeetingsParts>({
  em: (_, { root }) => root.fork(),
  bodies: ({ em }) => new BodyService(em),
  meetings: ({ em, bodies }, { identity, cases }) => new MeetingService(em, identity, bodies, cases),
  agenda: ({ em, meetings }, { identity }) => new AgendaService(em, identity, meetings),
  actionItems: ({ em, meetings }, { identity }) => new ActionItemService(em, identity, meetings),
  minutes: ({ em, meetings }, { identity }) => new MinutesService(em, identity, meetings),
  topics: ({ em, meetings }, { identity }) => new TopicService(em, identity, meetings),
  caseMeetings: ({ em, meetings, actionItems }, { identity }) => new CaseMeetingsService(em, identity, meetings, actionItems),
  calendars: ({ em }, { identity }) => new CalendarService(em, identity),
  reports: ({ em }, { identity }) => new ReportService(em, identity),
});

export function createMeetingsContext(
  root: EntityManager,
  identity: Identity,
  runtime: MeetingsRuntime,
  _operation?: OperationInfo,
  settings: ContextSettings = { identitySecret: "" },
): MeetingsContext {
  return meetingsContext({ identity, settings, events: runtime.events }, { root, identity, cases: runtime.cases });
}
