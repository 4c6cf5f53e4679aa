import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  ForbiddenError,
  InputProblems,
  NotFoundError,
  isUuid,
  loaderByKey,
  loadReferenceData,
  optionalText,
  refuseIdentifyingDetails,
  addMonths,
  monthSpan,
  RuleViolation,
  tokyoDate,
  type Identity,
  type UserError,
} from "@marugoto/shared";
import { publishHubEvent } from "../events/hub-events.js";
import type { Hub } from "../hub/hub.entity.js";
import { checkAfterOpening, checkHubActive, lockedHub, mayOperate } from "../hub/hub.service.js";
import { ActivityEntity, type Activity, type ActivityKindValue, type ActivityStaff } from "./activity.entity.js";

/** How far ahead of this server's clock a session's start may be and still count as begun (another clock's error). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A session to record, as the mutation takes it. */
export interface NewActivity {
  hubId: string;
  startsAt: Date;
  kind: ActivityKindValue;
  title?: string | null;
  participants: number;
  staff: ActivityStaff;
  notes?: string | null;
}

/** Months from `from` to `to` inclusive, as `YYYY-MM` (at most 120). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let month = from; month <= to && out.length < 120; month = addMonths(month, 1)) out.push(month);
  return out;
}

export interface RecordActivityResult {
  activity: Activity | null;
  userErrors: UserError[];
}

export interface HubMonth {
  hubId: string;
  month: string;
  sessions: number;
  consultationDays: number;
  participants: number;
}

/** Activities, and the monthly rule: at least 8 sessions, one of them a professional consultation day. */
export class ActivityService {
  readonly rules = loadReferenceData().hubs.rules;

  readonly byId: DataLoader<string, Activity | null>;
  /** A hub's sessions in a Tokyo month; keyed `hubId|YYYY-MM`, one statement per month asked. */
  readonly ofHubInMonth: DataLoader<string, Activity[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.byId = loaderByKey(
      (ids) => this.em.find(ActivityEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
    this.ofHubInMonth = new DataLoader((keys) => this.readOfHubsInMonths(keys));
  }

  /** One activity; null when there is none (or the id is not a UUID). */
  find(id: string | null): Promise<Activity | null> {
    return id && isUuid(id) ? this.byId.load(id) : Promise.resolve(null);
  }

  /** A hub's sessions in one Tokyo month `YYYY-MM`, in order. */
  inMonth(hubId: string, month: string): Promise<Activity[]> {
    monthSpan(month);
    return this.ofHubInMonth.load(`${hubId}|${month}`);
  }

  private async readOfHubsInMonths(keys: readonly string[]): Promise<Activity[][]> {
    const byMonth = new Map<string, string[]>();
    for (const key of keys) {
      const [hubId, month] = key.split("|") as [string, string];
      byMonth.set(month, [...(byMonth.get(month) ?? []), hubId]);
    }
    const found = new Map<string, Activity[]>();
    for (const [month, hubIds] of byMonth) {
      const { start, end } = monthSpan(month);
      const rows = await this.em.find(
        ActivityEntity,
        { hub: { $in: hubIds }, startsAt: { $gte: start, $lt: end } },
        { orderBy: { startsAt: "asc" } },
      );
      for (const hubId of hubIds)
        found.set(
          `${hubId}|${month}`,
          rows.filter((r) => r.hub.id === hubId),
        );
    }
    return keys.map((k) => found.get(k) ?? []);
  }

  /** Every problem of the session as given at `hub`, at once; the title and notes as stored. */
  private static checkInput(hub: Hub, input: NewActivity, problems: InputProblems): { title?: string | null; notes?: string | null } {
    if (Number.isNaN(input.startsAt.getTime()))
      problems.add(new RuleViolation("INVALID_DATE", "開始日時が正しくありません。", ["startsAt"]));
    // A session is recorded once held: one starting later than now (a clock's few minutes aside) is not yet.
    else if (input.startsAt.getTime() > Date.now() + CLOCK_SKEW_MS)
      problems.add(new RuleViolation("DATE_IN_FUTURE", "未来の活動は記録できません。", ["startsAt"]));
    else checkAfterOpening(hub, tokyoDate(input.startsAt), "startsAt", problems);
    if (!Number.isInteger(input.participants) || input.participants < 0 || input.participants > 10_000) {
      problems.add(new RuleViolation("INVALID_PARTICIPANTS", "参加者数は0以上の整数で入力してください。", ["participants"]));
    }
    for (const [key, value] of Object.entries(input.staff)) {
      if (!Number.isInteger(value) || value < 0 || value > 1000)
        problems.add(new RuleViolation("INVALID_STAFF", "スタッフ数は0以上の整数で入力してください。", ["staff", key]));
    }
    // A consultation day counts toward the monthly rule only with a professional there (a negative count is INVALID_STAFF above).
    if (input.kind === "PROFESSIONAL_CONSULTATION" && input.staff.professionals === 0)
      problems.add(new RuleViolation("PROFESSIONAL_REQUIRED", "専門職の相談日には専門職が1人以上必要です。", ["staff", "professionals"]));
    const title = problems.check(() => optionalText(input.title, "title", "活動名", 200));
    // Every caller sees titles (Hub.activities): screened as a worry's category and summary are.
    if (title) problems.check(() => refuseIdentifyingDetails(title, "title", "活動名"));
    return { title, notes: problems.check(() => optionalText(input.notes, "notes", "メモ", 4000)) };
  }

  /** Records a session in the mutation's transaction `tx`; a broken rule is thrown (`RuleViolation`). */
  async recordIn(tx: EntityManager, input: NewActivity): Promise<Activity> {
    const hub = await lockedHub(tx, input.hubId, "share");
    if (!hub) throw new NotFoundError("拠点", input.hubId);
    if (!mayOperate(hub, this.identity)) throw new ForbiddenError("活動を記録できるのは拠点を運営する地区社協と市社協だけです。");
    // Every problem of the input at once, so that a form can mark each field; nothing is written.
    const problems = new InputProblems();
    checkHubActive(hub, problems);
    const { title, notes } = ActivityService.checkInput(hub, input, problems);
    problems.throwIfAny();
    const activity = tx.create(ActivityEntity, {
      hub,
      startsAt: input.startsAt,
      kind: input.kind,
      title: title ?? null,
      participants: input.participants,
      staff: input.staff,
      notes: notes ?? null,
      recordedBy: this.identity.sub,
    });
    await tx.flush();
    await publishHubEvent(tx, hub.id, hub.district.code, "ACTIVITY_RECORDED", {
      activityId: activity.id,
      hubId: hub.id,
      startsAt: activity.startsAt.toISOString(),
      kind: activity.kind,
      participants: activity.participants,
    });
    return activity;
  }

  private readonly monthCache = new Map<string, Promise<HubMonth[]>>();

  /** Sessions, consultation days and participants per hub for each Tokyo month in [from, to]; once per request. */
  months(from: string, to: string): Promise<HubMonth[]> {
    const key = `${from}|${to}`;
    let cached = this.monthCache.get(key);
    if (!cached) this.monthCache.set(key, (cached = this.readMonths(from, to)));
    return cached;
  }

  private async readMonths(from: string, to: string): Promise<HubMonth[]> {
    const start = monthSpan(from).start;
    const end = monthSpan(to).end;
    const rows = await this.em.execute<
      { hub_id: string; month: string; sessions: string; consultation_days: string; participants: string }[]
    >(
      `select hub_id, to_char(starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, count(*) as sessions,
              count(distinct (starts_at at time zone 'Asia/Tokyo')::date) filter (where kind = 'PROFESSIONAL_CONSULTATION') as consultation_days,
              coalesce(sum(participants), 0) as participants
         from hubs.activity where starts_at >= ? and starts_at < ? group by 1, 2`,
      [start, end],
    );
    return rows.map((r) => ({
      hubId: r.hub_id,
      month: r.month,
      sessions: Number(r.sessions),
      consultationDays: Number(r.consultation_days),
      participants: Number(r.participants),
    }));
  }
}
