import type { EntityManager } from "@mikro-orm/postgresql";
import { EventHub, type Identity, type SubgraphRuntime } from "@marugoto/shared";
import { ActivityService } from "./activity/activity.service.js";
import { SCHEMA } from "./events/hub-events.js";
import { HubService } from "./hub/hub.service.js";
import { WorryService } from "./worry/worry.service.js";

export interface HubsRuntime extends SubgraphRuntime {
  events: EventHub;
}

export async function startHubsRuntime(_em: EntityManager, databaseUrl: string): Promise<HubsRuntime> {
  const events = new EventHub(SCHEMA, databaseUrl);
  await events.start();
  return { events, close: () => events.close() };
}

/** Per-operation context of the hubs subgraph. */
export interface HubsContext {
  identity: Identity;
  em: EntityManager;
  events: EventHub;
  hubs: HubService;
  activities: ActivityService;
  worries: WorryService;
  renew(): void;
}

export function createHubsContext(root: EntityManager, identity: Identity, runtime: HubsRuntime): HubsContext {
  const context = { identity, events: runtime.events } as HubsContext;
  context.renew = () => {
    const em = root.fork();
    Object.assign(context, { em, hubs: new HubService(em), activities: new ActivityService(em, identity), worries: new WorryService(em, identity) });
  };
  context.renew();
  return context;
}
