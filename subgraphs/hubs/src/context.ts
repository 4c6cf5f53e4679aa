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
import { ActivityService } from "./activity/activity.service.js";
import { ComplianceService } from "./compliance/compliance.service.js";
import { HubCoverageService } from "./hub-coverage/hub-coverage.service.js";
import { DistrictService } from "./district/district.service.js";
import { SCHEMA } from "./events/hub-events.js";
import { HubService } from "./hub/hub.service.js";
import { HubLifecycleService } from "./hub/hub-lifecycle.service.js";
import { FiscalYearReportService } from "./report/fiscal-year-report.service.js";
import { WorryService } from "./worry/worry.service.js";

export type HubsRuntime = EventRuntime;

/** Its event hub, once per process. */
export const startHubsRuntime = startEventRuntime(SCHEMA);

/** Per-operation context of the hubs subgraph: the caller, and services with per-request loaders. */
export interface HubsContext {
  identity: Identity;
  /** The request's EntityManager: a mutation writes through it, then the context is renewed (`mutateOnce`). */
  em: EntityManager;
  /** Process-wide settings (the secret that signs download tickets). */
  settings: ContextSettings;
  events: EventHub;
  districts: DistrictService;
  hubs: HubService;
  hubLifecycle: HubLifecycleService;
  activities: ActivityService;
  worries: WorryService;
  compliance: ComplianceService;
  coverage: HubCoverageService;
  reports: FiscalYearReportService;
  renew(): void;
}

/** What a hubs context's parts are built from. */
interface HubsInputs {
  root: EntityManager;
  identity: Identity;
}

type HubsParts = Omit<HubsContext, "identity" | "settings" | "events" | "renew">;

/** Services over one forked EntityManager (only they touch it), each built when first read (anew after `renew`). */
const hubsContext = renewableContext<HubsInputs, HubsParts & { em: EntityManager }>({
  em: (_, { root }) => root.fork(),
  districts: ({ em }) => new DistrictService(em),
  hubs: ({ em }) => new HubService(em),
  hubLifecycle: (_, { identity }) => new HubLifecycleService(identity),
  activities: ({ em }, { identity }) => new ActivityService(em, identity),
  worries: ({ em, hubs }, { identity }) => new WorryService(em, identity, hubs),
  compliance: ({ activities, hubs }) => new ComplianceService(activities, hubs),
  coverage: ({ em, districts, hubs }) => new HubCoverageService(em, districts, hubs),
  reports: ({ em, districts }, { identity }) => new FiscalYearReportService(em, identity, districts),
});

export function createHubsContext(
  root: EntityManager,
  identity: Identity,
  runtime: HubsRuntime,
  _operation?: OperationInfo,
  settings: ContextSettings = { identitySecret: "" },
): HubsContext {
  return hubsContext({ identity, settings, events: runtime.events }, { root, identity });
}
