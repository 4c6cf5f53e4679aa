import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  consultationReceiverCodes,
  decodePageCursor,
  entitledToSmallCounts,
  ForbiddenError,
  InputProblems,
  isUuid,
  lockRow,
  loaderByKey,
  NotFoundError,
  pageSize,
  refuseIdentifyingDetails,
  requireDate,
  requireKnownOrganization,
  requireText,
  RuleViolation,
  toPage,
  tokyoDate,
  type Identity,
  type Page,
  type UserError,
} from "@marugoto/shared";
import { publishHubEvent, SCHEMA } from "../events/hub-events.js";
import type { Hub } from "../hub/hub.entity.js";
import { checkAfterOpening, checkHubActive, lockedHub, mayOperate, type HubService } from "../hub/hub.service.js";
import { WorryEntity, type Worry, type WorryResolutionValue } from "./worry.entity.js";
import type { RecordWorryInput } from "./worry.input.js";

/** A worry as a mutation answers it: null with the reasons when refused. */
export interface WorryResult {
  worry: Worry | null;
  userErrors: UserError[];
}

/** Which page of a hub's worries is asked for: the page size, the cursor after which it starts, a resolution. */
interface WorryPageAsk {
  hubId: string;
  size: number;
  /** The last worry of the previous page: its day and id. */
  after: [string, string] | null;
  resolution: WorryResolutionValue | null;
}

/**
 * A page of worries for each of several hubs in one statement: each hub's rows the caller may see
 * (every one of the hubs it sees whole — the second array — else those passed on to its organisation), newest first,
 * after the cursor, one more than the page to tell whether another follows.
 */
const PAGE_SQL = `select id, hub_id, heard_on, category, summary, resolution, passed_to_code, resolved_at, recorded_by, created_at
  from (
    select w.*, row_number() over (partition by w.hub_id order by w.heard_on desc, w.id desc) as rank
    from "${SCHEMA}"."worry" w
    where w.hub_id = any(?::uuid[])
      and (w.hub_id = any(?::uuid[]) or w.passed_to_code = ?)
      and (?::text is null or w.resolution = ?::text)
      and (?::date is null or (w.heard_on, w.id) < (?::date, ?::uuid))
  ) ranked
  where rank <= ?
  order by hub_id, heard_on desc, id desc`;

/**
 * Worries heard at hubs. The hub's operator and 市社協 see every worry of the hub, and so do the
 * programme's analysts and auditors (entitled to small counts); any other organisation sees only the
 * worries passed on to it. A list of worries by hub and day is a count by district the fiscal-year
 * report withholds when small: open to everyone, it would single out a household in a small
 * district. The summary is shown to the hub's operator, 市社協 and the organisation it was passed to.
 */
export class WorryService {
  private readonly pages: DataLoader<WorryPageAsk, Page<Worry>, string>;
  readonly byId: DataLoader<string, Worry | null>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly hubs: HubService,
  ) {
    // Hubs asked alike (the same page size, cursor and resolution: `hubs { worries(first: 5) }`) share one statement.
    this.pages = new DataLoader(
      async (asks) => {
        const alikeKey = (ask: WorryPageAsk) => JSON.stringify([ask.size, ask.after, ask.resolution]);
        const alike = new Map<string, WorryPageAsk[]>();
        for (const ask of asks) alike.set(alikeKey(ask), [...(alike.get(alikeKey(ask)) ?? []), ask]);
        const byAsk = new Map(await Promise.all([...alike].map(async ([key, group]) => [key, await this.pagesOf(group)] as const)));
        return asks.map((ask) => byAsk.get(alikeKey(ask))!.get(ask.hubId)!);
      },
      { cacheKeyFn: (ask) => JSON.stringify([ask.hubId, ask.size, ask.after, ask.resolution]) },
    );
    this.byId = loaderByKey(
      (ids) => this.em.find(WorryEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
  }

  /** One statement for hubs asked alike: each hub's page of the worries the caller may see. */
  private async pagesOf(group: WorryPageAsk[]): Promise<Map<string, Page<Worry>>> {
    const { size, after, resolution } = group[0]!;
    const hubs = (await Promise.all(group.map((ask) => this.hubs.hub(ask.hubId)))).filter((h): h is Hub => h !== null);
    const pages = new Map<string, Page<Worry>>(group.map((ask) => [ask.hubId, toPage<Worry>([], size, () => [])]));
    if (!hubs.length) return pages;
    const rows = await this.em.execute<Record<string, unknown>[]>(PAGE_SQL, [
      `{${hubs.map((h) => h.id).join(",")}}`,
      `{${hubs
        .filter((h) => this.seesAllOf(h))
        .map((h) => h.id)
        .join(",")}}`,
      this.identity.org,
      resolution,
      resolution,
      after?.[0] ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      size + 1,
    ]);
    const byHub = new Map<string, Worry[]>();
    for (const row of rows) {
      const worry = this.em.map(WorryEntity, row);
      byHub.set(worry.hub.id, [...(byHub.get(worry.hub.id) ?? []), worry]);
    }
    for (const hub of hubs)
      pages.set(
        hub.id,
        toPage(byHub.get(hub.id) ?? [], size, (w) => [w.heardOn, w.id]),
      );
    return pages;
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

  /**
   * A page of the hub's worries the caller may see, newest first (by the day heard, then as recorded:
   * ids are UUIDv7, made in order);
   * only those of one resolution when given. A cursor not of this list is refused (BAD_USER_INPUT).
   */
  page(hubId: string, first?: number | null, after?: string | null, resolution?: WorryResolutionValue | null): Promise<Page<Worry>> {
    const key = decodePageCursor(after, ["date", "uuid"]) as [string, string] | undefined;
    return this.pages.load({ hubId, size: pageSize(first), after: key ?? null, resolution: resolution ?? null });
  }

  /** One worry; null when there is none, the id is not a UUID, or the caller may not see it. */
  async find(id: string | null): Promise<Worry | null> {
    const worry = id && isUuid(id) ? await this.byId.load(id) : null;
    if (!worry) return null;
    const hub = await this.hubs.hub(worry.hub.id);
    return hub && this.maySee(worry, hub) ? worry : null;
  }

  /** Logs a worry in the mutation's transaction `tx`; a broken rule is thrown (`RuleViolation`). */
  async recordIn(tx: EntityManager, { hubId, heardOn, category, summary }: RecordWorryInput): Promise<Worry> {
    const hub = await lockedHub(tx, hubId, "share");
    if (!hub) throw new NotFoundError("拠点", hubId);
    if (!mayOperate(hub, this.identity)) throw new ForbiddenError("困りごとを記録できるのは拠点を運営する地区社協と市社協だけです。");
    // Every problem of the input at once, so that a form can mark each field; nothing is written.
    const problems = new InputProblems();
    checkHubActive(hub, problems);
    const date = problems.check(() => requireDate(heardOn, "heardOn", "聞き取り日"));
    if (date && date > tokyoDate()) problems.add(new RuleViolation("DATE_IN_FUTURE", "未来の日付は指定できません。", ["heardOn"]));
    else if (date) checkAfterOpening(hub, date, "heardOn", problems);
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

  /**
   * Solved locally, or passed on to an organisation (which then receives it as a consultation), in the
   * mutation's transaction `tx`; a broken rule is thrown (`RuleViolation`).
   */
  async resolveIn(tx: EntityManager, worryId: string, passedToCode: string | null | undefined): Promise<Worry> {
    // Locked and read afresh: of two answers at once (solved here, passed on) the second sees the first's.
    if (isUuid(worryId)) await lockRow(tx, SCHEMA, "worry", worryId);
    const worry = isUuid(worryId) ? await tx.findOne(WorryEntity, worryId, { populate: ["hub", "hub.district"], refresh: true }) : null;
    if (!worry) throw new NotFoundError("困りごと", worryId);
    if (!mayOperate(worry.hub, this.identity))
      throw new ForbiddenError("この困りごとを更新できるのは拠点を運営する地区社協と市社協だけです。");
    if (worry.resolution !== "OPEN") throw new RuleViolation("ALREADY_RESOLVED", "この困りごとはすでに対応済みです。");
    if (passedToCode) {
      requireKnownOrganization(passedToCode, "passedToCode", "つなぎ先");
      if (!consultationReceiverCodes().has(passedToCode))
        throw new RuleViolation(
          "NOT_A_CONSULTATION_RECEIVER",
          "指定したつなぎ先は相談を受ける機関ではありません。市の課・室、市社協、相談支援機関のいずれかを選んでください（地区社協で対応したときは、つなぎ先を指定せずに対応済みにしてください）。",
          ["passedToCode"],
        );
    }
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
