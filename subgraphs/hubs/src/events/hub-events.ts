import type { EntityManager } from "@mikro-orm/postgresql";
import { publishEvents } from "@marugoto/shared";

export const SCHEMA = "hubs";

export const HUB_EVENT_KINDS = ["ACTIVITY_RECORDED", "WORRY_RECORDED", "WORRY_RESOLVED", "HUB_STATUS_CHANGED", "HUB_OPENED"] as const;
export type HubEventKindValue = (typeof HUB_EVENT_KINDS)[number];

export const hubTopic = (hubId: string) => `hub:${hubId}`;
export const districtTopic = (districtCode: string) => `district:${districtCode}`;

/** One event, to the hub's topic and its district's, in the change's transaction. */
export function publishHubEvent(
  tx: EntityManager,
  hubId: string,
  districtCode: string,
  kind: HubEventKindValue,
  payload: Record<string, unknown>,
) {
  return publishEvents(tx, SCHEMA, [
    { topic: hubTopic(hubId), kind, payload },
    { topic: districtTopic(districtCode), kind, payload },
  ]);
}
