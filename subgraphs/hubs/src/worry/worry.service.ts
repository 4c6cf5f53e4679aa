import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  entitledToSmallCounts,
  ForbiddenError,
  InputProblems,
  isUuid,
  lockRow,
  loaderByKey,
  loaderOfGroups,
  NotFoundError,
  refuseIdentifyingDetails,
  requireDate,
  requireKnownOrganization,
  requireText,
  RuleViolation,
  tokyoDate,
  type Identity,
  type Once,
  type UserError,
} from "@marugoto/shared";
import { publishHubEvent, SCHEMA } from "../events/hub-events.js";
import { runOnce } from "../idempotency/run-once.js";
import { HubEntity, type Hub } from "../hub/hub.entity.js";
import { checkHubActive, mayOperate, type HubService } from "../hub/hub.service.js";
import { WorryEntity, type Worry } from "./worry.entity.js";
import type { RecordWorryInput } from "./worry.input.js";

/** A worry as a mutation answers it: null with the reasons when refused. */
export interface WorryResult {
  worry: Worry | null;
  userErrors: UserError[];
}

/**
 * Worries heard at hubs. The hub's operator and 市社協 see every worry of the hub, and so do the
 * programme's analysts and auditors (entitled to small counts); any other organisation sees only the
 * worries passed on to it. A list of worries by hub and day is a count by district the fiscal-year
 * report withholds when small: open to everyone, it would single out a household in a small
 * district. The summary is shown to the hub's operator, 市社協 and the organisation it was passed to.
 */
export class WorryService {
  private readonly ofHub: DataLoader<string, Worry[]>;
  readonly byId: DataLoader<string, Worry | null>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly hubs: HubService,
  ) {
    this.ofHub = loaderOfGroups(
      (hubIds) => this.em.find(WorryEntity, { hub: { $in: hubIds } }, { orderBy: { heardOn: "desc", createdAt: "desc", id: "desc" } }),
      (r) => r.hub.id,
    );
    this.byId = loaderByKey(
      (ids) => this.em.find(WorryEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
  }

  /** Whether the caller sees every worry of the hub (else only those passed on to its organisation). */
  private seesAllOf(hub: Hub): boolean {
    return mayOperate(hub, this.identity) || entitledToSmallCounts(this.identity);
  }

  private maySee(worry: Worry, hub: Hub): boolean {
    return this.seesAllOf(hub) || (worry.passedToCode !== null && worry.passedToCode === this.identity.org);
  }

  maySeeSummary(worry: Worry, hub: Hub): boolean {
    return mayOperate(hub, this.identity) || (worry.passedToCode !== null && worry.passedToCode === this.identity.org);
  }

  /** The summary if the caller may see it, else null. */
  async summaryFor(worry: Worry): Promise<string | null> {
    const hub = await this.hubs.hub(worry.hub.id);
    return hub && this.maySeeSummary(worry, hub) ? worry.summary : null;
  }

  /** The hub's worries the caller may see, newest first. */
  async list(hubId: string): Promise<Worry[]> {
    const [hub, worries] = await Promise.all([this.hubs.hub(hubId), this.ofHub.load(hubId)]);
    if (!hub) return [];
    return this.seesAllOf(hub) ? worries : worries.filter((w) => this.maySee(w, hub));
  }

  /** One worry; null when there is none, the id is not a UUID, or the caller may not see it. */
  async find(id: string | null): Promise<Worry | null> {
    const worry = id && isUuid(id) ? await this.byId.load(id) : null;
    if (!worry) return null;
    const hub = await this.hubs.hub(worry.hub.id);
    return hub && this.maySee(worry, hub) ? worry : null;
  }

  /**
   * Logs a worry in its own transaction, at most once per idempotency key; a broken rule comes back
   * as a user error. Answers with the worry read again (for a retry: the one logged first).
   */
  async record(input: RecordWorryInput, once: Once | null = null): Promise<WorryResult> {
    const { result: id, userErrors } = await runOnce(this.em, this.identity, once, async (tx) => (await this.recordIn(tx, input)).id);
    return { worry: id === undefined ? null : await this.find(id), userErrors };
  }

  /** Closes a worry in its own transaction, at most once per idempotency key; a broken rule comes back as a user error. */
  async resolve(worryId: string, passedToCode: string | null | undefined, once: Once | null = null): Promise<WorryResult> {
    const { result: id, userErrors } = await runOnce(
      this.em,
      this.identity,
      once,
      async (tx) => (await this.resolveIn(tx, worryId, passedToCode)).id,
    );
    return { worry: id === undefined ? null : await this.find(id), userErrors };
  }

  private async recordIn(tx: EntityManager, { hubId, heardOn, category, summary }: RecordWorryInput): Promise<Worry> {
    const hub = isUuid(hubId) ? await tx.findOne(HubEntity, hubId, { populate: ["district"] }) : null;
    if (!hub) throw new NotFoundError("拠点", hubId);
    if (!mayOperate(hub, this.identity)) throw new ForbiddenError("困りごとを記録できるのは拠点を運営する地区社協と市社協だけです。");
    // Every problem of the input at once, so that a form can mark each field; nothing is written.
    const problems = new InputProblems();
    checkHubActive(hub, problems);
    const date = problems.check(() => requireDate(heardOn, "heardOn", "聞き取り日"));
    if (date && date > tokyoDate()) problems.add(new RuleViolation("DATE_IN_FUTURE", "未来の日付は指定できません。", ["heardOn"]));
    const kind = problems.check(() => requireText(category, "category", "分類", 40));
    // The category is free text too, and every signed-in caller sees it (lists, live events): screened as the summary is.
    if (kind) problems.check(() => refuseIdentifyingDetails(kind, "category", "分類", "PERSONAL_DATA_IN_CATEGORY"));
    const text = problems.check(() => requireText(summary, "summary", "内容", 1000));
    // Same screening as topics raised to policy bodies; the published code stays this subgraph's own.
    if (text) problems.check(() => refuseIdentifyingDetails(text, "summary", "内容", "PERSONAL_DATA_IN_SUMMARY"));
    problems.throwIfAny();
    const worry = tx.create(WorryEntity, {
      hub,
      heardOn: date!,
      category: kind!,
      summary: text!,
      resolution: "OPEN",
      passedToCode: null,
      resolvedAt: null,
      recordedBy: this.identity.sub,
    });
    await tx.flush();
    await publishHubEvent(tx, hub.id, hub.district.code, "WORRY_RECORDED", {
      worryId: worry.id,
      hubId: hub.id,
      heardOn: worry.heardOn,
      category: worry.category,
    });
    return worry;
  }

  /** Solved locally, or passed on to an organisation (which then receives it as a consultation). */
  private async resolveIn(tx: EntityManager, worryId: string, passedToCode: string | null | undefined): Promise<Worry> {
    // Locked and read afresh: of two answers at once (solved here, passed on) the second sees the first's.
    if (isUuid(worryId)) await lockRow(tx, SCHEMA, "worry", worryId);
    const worry = isUuid(worryId) ? await tx.findOne(WorryEntity, worryId, { populate: ["hub", "hub.district"], refresh: true }) : null;
    if (!worry) throw new NotFoundError("困りごと", worryId);
    if (!mayOperate(worry.hub, this.identity))
      throw new ForbiddenError("この困りごとを更新できるのは拠点を運営する地区社協と市社協だけです。");
    if (worry.resolution !== "OPEN") throw new RuleViolation("ALREADY_RESOLVED", "この困りごとはすでに対応済みです。");
    if (passedToCode) requireKnownOrganization(passedToCode, "passedToCode", "つなぎ先");
    worry.resolution = passedToCode ? "PASSED_ON" : "SOLVED_LOCALLY";
    // An empty code is no organisation: solved locally, nothing stored in its place.
    worry.passedToCode = passedToCode || null;
    worry.resolvedAt = new Date();
    await publishHubEvent(tx, worry.hub.id, worry.hub.district.code, "WORRY_RESOLVED", {
      worryId: worry.id,
      hubId: worry.hub.id,
      heardOn: worry.heardOn,
      category: worry.category,
    });
    return worry;
  }
}
