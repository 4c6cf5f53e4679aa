import type { EntityManager } from "@mikro-orm/postgresql";
import {
  fiscalYear,
  ForbiddenError,
  InputProblems,
  isUuid,
  lockRow,
  NotFoundError,
  optionalText,
  refuseIdentifyingDetails,
  RuleViolation,
  tokyoDate,
  type Identity,
  type Once,
  type UserError,
} from "@marugoto/shared";
import { publishHubEvent, SCHEMA } from "../events/hub-events.js";
import { runOnce } from "../idempotency/run-once.js";
import type { ChangeHubStatusInput } from "./hub-status.input.js";
import { HubStatusChangeEntity } from "./hub-status-change.entity.js";
import { HubEntity, type Hub, type HubStatusValue } from "./hub.entity.js";
import { mayOperate, PROGRAMME_OPERATOR, type HubService } from "./hub.service.js";

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
 * A hub's status over time. Its district council (the operator) or 市社協 pauses and resumes it; only
 * 市社協, which holds the contract, closes it. Each change is kept with the day it took effect, so the
 * monthly rule leaves out the months a hub was not running.
 */
export class HubStatusService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly hubs: HubService,
  ) {}

  /** Changes the hub's status from today (Asia/Tokyo), at most once per idempotency key; a broken rule comes back as a user error. */
  async change(input: ChangeHubStatusInput, once: Once | null = null): Promise<HubResult> {
    const { result: id, userErrors } = await runOnce(this.em, this.identity, once, async (tx) => (await this.changeIn(tx, input)).id);
    return { hub: id === undefined ? null : await this.hubs.hub(id), userErrors };
  }

  private async changeIn(tx: EntityManager, input: ChangeHubStatusInput): Promise<Hub> {
    // Locked and read afresh: of two changes at once the second sees the first's status.
    if (isUuid(input.hubId)) await lockRow(tx, SCHEMA, "hub", input.hubId);
    const hub = isUuid(input.hubId) ? await tx.findOne(HubEntity, input.hubId, { populate: ["district"], refresh: true }) : null;
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
    // A hub closed this fiscal year is not counted among its hubs (they are counted at the year's end).
    if (input.status === "CLOSED") hub.closedFiscalYear = fiscalYear();
    tx.create(HubStatusChangeEntity, {
      hub,
      status: input.status,
      effectiveOn: tokyoDate(),
      reason: reason ?? null,
      recordedBy: this.identity.sub,
    });
    await tx.flush();
    await publishHubEvent(tx, hub.id, hub.district.code, "HUB_STATUS_CHANGED", { hubId: hub.id, status: hub.status });
    return hub;
  }
}
