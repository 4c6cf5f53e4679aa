import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { isUuid, loaderByKey, loaderOfGroups, lockRow, RuleViolation, type Identity, type InputProblems } from "@marugoto/shared";
import { SCHEMA } from "../events/hub-events.js";
import { HubStatusChangeEntity, type HubStatusChange } from "./hub-status-change.entity.js";
import { HubEntity, type Hub } from "./hub.entity.js";

/** The multi-agency coordinator runs the hubs programme under contract; it may act for every hub. */
export const PROGRAMME_OPERATOR = "shakyo";

/** A hub's operator (its district council) or 市社協 may record for it. */
export const mayOperate = (hub: Hub, identity: Identity) => identity.org === hub.operatorCode || identity.org === PROGRAMME_OPERATOR;

/** Sessions and worries are recorded only at an active hub: a suspended or closed one is a problem of the input. */
export function checkHubActive(hub: Hub, problems: InputProblems): void {
  if (hub.status !== "ACTIVE") problems.add(new RuleViolation("HUB_NOT_ACTIVE", "活動中ではない拠点です。", ["hubId"]));
}

/**
 * The first day anything can have happened at a hub: its opening day, or for a hub known only by its
 * opening fiscal year, that year's 1 April.
 */
const hubOpenedSince = (hub: Hub): string => hub.openedOn ?? `${hub.openedFiscalYear}-04-01`;

/**
 * A session or worry of a day before the hub opened is refused (BEFORE_HUB_OPENED): it would change
 * the figures of a year the hub did not run in.
 */
export function checkAfterOpening(hub: Hub, day: string, field: string, problems: InputProblems): void {
  const since = hubOpenedSince(hub);
  if (day < since) problems.add(new RuleViolation("BEFORE_HUB_OPENED", `拠点の開設（${since}）より前の日付は記録できません。`, [field]));
}

/**
 * A hub read afresh under a lock on its row, for a write that depends on its status; null when there
 * is none. A status change takes it `update`; recording a session or worry takes it `share`, so a pause
 * or closing under way is waited for and then seen (HUB_NOT_ACTIVE), never slipped past.
 */
export async function lockedHub(tx: EntityManager, hubId: string, strength: "update" | "share"): Promise<Hub | null> {
  if (!isUuid(hubId)) return null;
  await lockRow(tx, SCHEMA, "hub", hubId, strength);
  return tx.findOne(HubEntity, hubId, { populate: ["district"], refresh: true });
}

/** Hubs active in a fiscal year: opened by then, not closed before it. */
export const activeIn = (hub: Hub, fy: number) => hub.openedFiscalYear <= fy && (hub.closedFiscalYear == null || hub.closedFiscalYear > fy);

/**
 * Reads hubs; lookups by id and by district go through per-request loaders (one statement per batch).
 * The request's event cursor is read once, before its first hub: a hub's activities and worries are
 * read after the hub, so they reflect every event up to the cursor. A cursor behind them only replays
 * what the client already has; one read later could be ahead of them and lose an event for good.
 */
export class HubService {
  readonly hubById: DataLoader<string, Hub | null>;
  readonly hubsOfDistrict: DataLoader<string, Hub[]>;
  private cursorAt?: Promise<number>;
  private allChanges?: Promise<Map<string, HubStatusChange[]>>;

  constructor(private readonly em: EntityManager) {
    this.hubById = loaderByKey(
      async (ids) => (await this.cursor(), this.em.find(HubEntity, { id: { $in: ids.filter(isUuid) } }, { populate: ["district"] })),
      (r) => r.id,
    );
    this.hubsOfDistrict = loaderOfGroups(
      async (ids) => (await this.cursor(), this.em.find(HubEntity, { district: { $in: ids } }, { orderBy: { code: "asc" } })),
      (r) => r.district.id,
    );
  }

  /** The request's event cursor (the outbox's latest sequence number), read once, before any hub. */
  cursor(): Promise<number> {
    this.cursorAt ??= this.em
      .execute<{ seq: string | null }[]>(`select max(seq) as seq from "${SCHEMA}".outbox_event`)
      .then(([row]) => Number(row?.seq ?? 0));
    return this.cursorAt;
  }

  /** Every hub, or those of one district, by code. */
  async hubs(districtCode?: string | null): Promise<Hub[]> {
    await this.cursor();
    return this.em.find(HubEntity, districtCode ? { district: { code: districtCode } } : {}, {
      orderBy: { code: "asc" },
      populate: ["district"],
    });
  }

  /** One hub; null when there is none (or the id is not a UUID). */
  hub(id: string): Promise<Hub | null> {
    return isUuid(id) ? this.hubById.load(id) : Promise.resolve(null);
  }

  /** The hubs of one district, by code. */
  ofDistrict(districtId: string): Promise<Hub[]> {
    return this.hubsOfDistrict.load(districtId);
  }

  /** A hub's status changes, oldest first (from the request's one read of them all). */
  async statusChanges(hubId: string): Promise<HubStatusChange[]> {
    return (await this.everyStatusChange()).get(hubId) ?? [];
  }

  /** Every hub's status changes, oldest first, by hub id: read once per request (a few rows a year). */
  everyStatusChange(): Promise<Map<string, HubStatusChange[]>> {
    this.allChanges ??= this.em.find(HubStatusChangeEntity, {}, { orderBy: { effectiveOn: "asc", id: "asc" } }).then((rows) => {
      const byHub = new Map<string, HubStatusChange[]>();
      for (const row of rows) byHub.set(row.hub.id, [...(byHub.get(row.hub.id) ?? []), row]);
      return byHub;
    });
    return this.allChanges;
  }
}
