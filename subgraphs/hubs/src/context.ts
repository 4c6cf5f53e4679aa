import type { EntityManager } from "@mikro-orm/postgresql";
import { startEventRuntime, type EventHub, type ContextSettings, type EventRuntime, type Identity, type OperationInfo } from "@marugoto/shared";
import { ActivityService } from "./activity/activity.service.js";
import { SCHEMA } from "./events/hub-events.js";
import { HubService } from "./hub/hub.service.js";
import { WorryService } from "./worry/worry.service.js";

export type HubsRuntime = EventRuntime;

/** Its event hub, once per process. */
export const startHubsRuntime = startEventRuntime(SCHEMA);

/** Per-operation context of the hubs subgraph. */
export interface HubsContext {
  identity: Identity;
  /** Process-wide settings (the secret that signs download tickets). */
  settings: ContextSettings;
  em: EntityManager;
  events: EventHub;
  hubs: HubService;
  activities: ActivityService;
  worries: WorryService;
  renew(): void;
}

export function createHubsContext(root: EntityManager, identity: Identity, runtime: HubsRuntime, _operation?: OperationInfo, settings: ContextSettings = { identitySecret: "" }): HubsContext {
  const context = { identity, settings, events: runtime.events } as HubsContext;
  context.renew = () => {
    const em = root.fork();
    Object.assign(context, { em, hubs: new HubService(em), activities: new ActivityService(em, identity), worries: new WorryService(em, identity) });
  };
  context.renew();
  return context;
}
