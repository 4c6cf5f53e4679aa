import type { EntityManager } from "@mikro-orm/postgresql";
import {
  fiscalYear,
  ForbiddenError,
  InputProblems,
  NotFoundError,
  optionalText,
  refuseIdentifyingDetails,
  requireText,
  RuleViolation,
  tokyoDate,
  type Identity,
  type UserError,
} from "@marugoto/shared";
import { publishHubEvent, SCHEMA } from "../events/hub-events.js";
import { DistrictEntity } from "../district/district.entity.js";
import type { ChangeHubStatusInput } from "./hub-status.input.js";
import type { OpenHubInput } from "./open-hub.input.js";
import { HubStatusChangeEntity } from "./hub-status-change.entity.js";
import { HubEntity, type Hub, type HubStatusValue } from "./hub.entity.js";
import { lockedHub, mayOperate, PROGRAMME_OPERATOR } from "./hub.service.js";

/** A hub as a mutation answers it: null with the reasons when refused. */
export interface HubResult {
  hub: Hub | null;
  userErrors: UserError[];
}

/** The status a hub may move to from each: a pause is resumed or becomes a closing; a closing is final. */
const NEXT: Record<HubStatusValue, readonly HubStatusValue[]> = {
  ACTIVE: ["SUSPENDED", "CLOSED"],
  SUSPENDED: ["ACTIVE", "CLOSED"],
  CLOSED: [],
};

/**
 * Hubs opened, and their status over time. 市社協, which contracts the district councils, opens a hub
 * and closes it; its district council (the operator) or 市社協 pauses and resumes it. Each change is
 * kept with the day it took effect, so the monthly rule leaves out the months a hub was not running.
 */
export class HubLifecycleService {
  constructor(private readonly identity: Identity) {}

  /** Opens a hub from today (Asia/Tokyo) in the mutation's transaction `tx`; a broken rule is thrown (`RuleViolation`). */
  async openIn(tx: EntityManager, input: OpenHubInput): Promise<Hub> {
    if (this.identity.org !== PROGRAMME_OPERATOR) throw new ForbiddenError("拠点の開設は、委託元の市社協だけが行えます。");
    // One opening at a time: the next code and the name's uniqueness are read under the lock.
    await tx.execute(`select pg_advisory_xact_lock(hashtext('${SCHEMA}.hub'))`);
    const problems = new InputProblems();
    const district = await tx.findOne(DistrictEntity, { code: input.districtCode });
    if (!district)
      problems.add(
        new RuleViolation("UNKNOWN_DISTRICT", `地区コード「${input.districtCode.slice(0, 40)}」の地区はありません。`, ["districtCode"]),
      );
    const name = problems.check(() => requireText(input.name, "name", "拠点名", 200));
    if (name) problems.check(() => refuseIdentifyingDetails(name, "name", "拠点名"));
    const place = problems.check(() => optionalText(input.place, "place", "場所", 200));
    if (place) problems.check(() => refuseIdentifyingDetails(place, "place", "場所"));
    if (district && name && (await tx.count(HubEntity, { district, name })))
      problems.add(new RuleViolation("HUB_NAME_TAKEN", "この地区には同じ名前の拠点があります。", ["name"]));
    problems.throwIfAny();
    // One instant for the day and its fiscal year: read twice, they could straddle 1 April.
    const today = new Date();
    const [row] = await tx.execute<{ n: string | null }[]>(
      `select max(substring(code from '^hub-([0-9]+)$')::int) as n from "${SCHEMA}".hub`,
    );
    const hub = tx.create(HubEntity, {
      code: `hub-${String(Number(row?.n ?? 0) + 1).padStart(2, "0")}`,
      name: name!,
      district: district!,
      operatorCode: district!.councilCode,
      openedFiscalYear: fiscalYear(today),
      openedOn: tokyoDate(today),
      closedFiscalYear: null,
      place: place ?? null,
      status: "ACTIVE",
    });
    await tx.flush();
    await publishHubEvent(tx, hub.id, district!.code, "HUB_OPENED", { hubId: hub.id });
    return hub;
  }

  /** Changes the hub's status from today (Asia/Tokyo) in the mutation's transaction `tx`; a broken rule is thrown (`RuleViolation`). */
  async changeIn(tx: EntityManager, input: ChangeHubStatusInput): Promise<Hub> {
    // Locked and read afresh: of two changes at once the second sees the first's status.
    const hub = await lockedHub(tx, input.hubId, "update");
    if (!hub) throw new NotFoundError("拠点", input.hubId);
    if (!mayOperate(hub, this.identity)) throw new ForbiddenError("拠点の休止・再開ができるのは、拠点を運営する地区社協と市社協だけです。");
    if (input.status === "CLOSED" && this.identity.org !== PROGRAMME_OPERATOR)
      throw new ForbiddenError("拠点の廃止は、委託元の市社協だけが行えます。");
    const problems = new InputProblems();
    if (input.status === hub.status) problems.add(new RuleViolation("HUB_STATUS_UNCHANGED", "拠点はすでにその状態です。", ["status"]));
    else if (!NEXT[hub.status as HubStatusValue].includes(input.status))
      problems.add(new RuleViolation("HUB_CLOSED", "廃止した拠点の状態は変更できません。", ["status"]));
    const reason = problems.check(() => optionalText(input.reason, "reason", "理由", 500));
    if (reason) problems.check(() => refuseIdentifyingDetails(reason, "reason", "理由"));
    else if (input.status !== "ACTIVE" && reason === null)
      problems.add(new RuleViolation("REQUIRED", "休止・廃止の理由を入力してください。", ["reason"]));
    problems.throwIfAny();
    hub.status = input.status;
    const today = new Date();
    // A hub closed this fiscal year is not counted among its hubs (they are counted at the year's end).
    if (input.status === "CLOSED") hub.closedFiscalYear = fiscalYear(today);
    tx.create(HubStatusChangeEntity, {
      hub,
      status: input.status,
      effectiveOn: tokyoDate(today),
      reason: reason ?? null,
      recordedBy: this.identity.sub,
    });
    await tx.flush();
    await publishHubEvent(tx, hub.id, hub.district.code, "HUB_STATUS_CHANGED", { hubId: hub.id, status: hub.status });
    return hub;
  }
}
