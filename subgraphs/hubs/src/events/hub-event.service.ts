import { afterCursor, CAUGHT_UP, encodeCursor, mapIterator, NotFoundError, type StoredEvent } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { districtTopic, hubTopic } from "./hub-events.js";

/** A stored event as the `HubEvent` type resolves it. */
export interface HubEventRoot {
  cursor: string;
  kind: string;
  occurredAt: Date;
  /** Null only for `CAUGHT_UP`. */
  hubId: string | null;
  activityId: string | null;
  worryId: string | null;
}

const eventRoot = (e: StoredEvent): HubEventRoot => ({
  cursor: encodeCursor(e.seq),
  kind: e.kind,
  occurredAt: e.createdAt,
  // The end of a replay carries its cursor only.
  hubId: e.kind === CAUGHT_UP ? null : (e.payload.hubId as string),
  activityId: e.kind === CAUGHT_UP ? null : ((e.payload.activityId as string | undefined) ?? null),
  worryId: e.kind === CAUGHT_UP ? null : ((e.payload.worryId as string | undefined) ?? null),
});

/**
 * The event as this subscriber receives it, read with fresh services: none for a worry the caller may
 * not see (`WorryService.find`: the hub's operator, 市社協, analysts and auditors see every worry,
 * another organisation those passed on to it). Decided by organisation and roles alone, as the
 * gateway's sharing of a stream between subscribers requires.
 */
async function delivered(context: HubsContext, e: StoredEvent): Promise<HubEventRoot | undefined> {
  context.renew();
  const root = eventRoot(e);
  if (root.worryId && !(await context.worries.find(root.worryId))) return undefined;
  return root;
}

/**
 * The events of a topic this subscriber receives (`delivered`). The end of a replay (`CAUGHT_UP`) carries
 * the cursor of the last event given to this subscriber (or the one it resumed after), never that of the
 * last event replayed: one after a worry it may not see would tell that a worry was heard there.
 */
function visibleEvents(context: HubsContext, events: AsyncIterator<StoredEvent>, after: number | undefined) {
  let last = after;
  return mapIterator(events, async (e) => {
    if (e.kind === CAUGHT_UP) return eventRoot(last === undefined ? e : { ...e, seq: last });
    const root = await delivered(context, e);
    if (root) last = e.seq;
    return root;
  });
}

/** Events of one hub, replayed after `after` first; each event gets fresh services. */
export async function subscribeToHub(
  context: HubsContext,
  hubId: string,
  after?: string | null,
  markCaughtUp?: boolean | null,
): Promise<AsyncIterableIterator<HubEventRoot>> {
  if (!(await context.hubs.hub(hubId))) throw new NotFoundError("拠点", hubId);
  const from = afterCursor(after);
  return visibleEvents(context, context.events.subscribe(hubTopic(hubId), from, { markCaughtUp: !!markCaughtUp }), from);
}

/** Events of every hub of one district, replayed after `after` first; each event gets fresh services. */
export function subscribeToDistrict(
  context: HubsContext,
  districtCode: string,
  after?: string | null,
  markCaughtUp?: boolean | null,
): AsyncIterableIterator<HubEventRoot> {
  const from = afterCursor(after);
  return visibleEvents(context, context.events.subscribe(districtTopic(districtCode), from, { markCaughtUp: !!markCaughtUp }), from);
}
