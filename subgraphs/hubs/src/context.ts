import type { EntityManager } from "@mikro-orm/postgresql";
import {
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
import { FiscalYearReportService } from "./report/fiscal-year-report.service.js";
import { WorryService } from "./worry/worry.service.js";

export type HubsRuntime = EventRuntime;

/** Its event hub, once per process. */
export const startHubsRuntime = startEventRuntime(SCHEMA);

/** Per-operation context of the hubs subgraph: the caller, and services with per-request loaders. */
export interface HubsContext {
  identity: Identity;
  /** Process-wide settings (the secret that signs download tickets). */
  settings: ContextSettings;
  events: EventHub;
  districts: DistrictService;
  hubs: HubService;
  activities: ActivityService;
  worries: WorryService;
  compliance: ComplianceService;
  coverage: HubCoverageService;
  reports: FiscalYearReportService;
  renew(): void;
}

/** Services over one forked EntityManager: only they touch it. */
function servicesOf(em: EntityManager, identity: Identity) {
  const districts = new DistrictService(em);
  const hubs = new HubService(em);
  const activities = new ActivityService(em, identity);
  return {
    districts,
    hubs,
    activities,
    worries: new WorryService(em, identity, hubs),
    compliance: new ComplianceService(activities, hubs),
    coverage: new HubCoverageService(em, districts, hubs),
    reports: new FiscalYearReportService(em, identity, districts),
  };
}

export function createHubsContext(
  root: EntityManager,
  identity: Identity,
  runtime: HubsRuntime,
  _operation?: OperationInfo,
  settings: ContextSettings = { identitySecret: "" },
): HubsContext {
  const context = { identity, settings, events: runtime.events } as HubsContext;
  context.renew = () => Object.assign(context, servicesOf(root.fork(), identity));
  context.renew();
  return context;
}
