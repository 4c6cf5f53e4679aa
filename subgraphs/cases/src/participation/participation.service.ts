import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  addMonths as addCalendarMonths,
  isUuid,
  loadReferenceData,
  loaderByKey,
  loaderOfGroups,
  lockRow,
  NotFoundError,
  notFoundAs,
  parseMonth,
  requireDate,
  requirePastDate,
  RuleViolation,
  tokyoDate,
  type Identity,
} from "@marugoto/shared";
import { AssignmentEntity } from "../assignment/assignment.entity.js";
import type { CaseService } from "../case/case.service.js";
import { publishCaseEvent, SCHEMA } from "../events/case-events.js";
import { trackShares } from "../events/shared-case-events.js";
import { HouseholdMemberEntity } from "../person/person.entity.js";
import type { PlaceInChallengeWorkInput } from "./placement.input.js";
import {
  ParticipationSiteEntity,
  PlacementEntity,
  WorkSessionEntity,
  type ParticipationSite,
  type Placement,
  type WorkSession,
} from "./participation.entity.js";

const rules = () => loadReferenceData().challengeWork;

/** Monday of the week (Monday–Sunday) of a calendar date. */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7; // Monday → 0 … Sunday → 6
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const addDays = (date: string, days: number) =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** A date `months` later (clamped to the month's end: 11-30 + 3 months → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** When a placement's next monitoring is due: every `monitoringIntervalMonths` from the start or the last one. */
export const nextMonitoringDue = (p: Pick<Placement, "startedOn" | "lastMonitoredOn">) =>
  addMonths(p.lastMonitoredOn ?? p.startedOn, rules().monitoringIntervalMonths);

export interface LedgerMonth {
  month: string;
  sessions: number;
  feePerSessionYen: number;
  totalYen: number;
}

/** チャレンジ就労: sites, placements of people from cases, sessions and the activity-fee ledger. */
export class ParticipationService {
  readonly placementsOfCase: DataLoader<string, Placement[]>;
  readonly siteById: DataLoader<string, ParticipationSite | null>;
  readonly sessionsOf: DataLoader<string, WorkSession[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly cases: CaseService,
  ) {
    this.placementsOfCase = loaderOfGroups(
      (ids) => this.em.find(PlacementEntity, { case: { $in: ids } }, { orderBy: { startedOn: "asc" } }),
      (r) => r.case.id,
    );
    this.sessionsOf = loaderOfGroups(
      (ids) => this.em.find(WorkSessionEntity, { placement: { $in: ids } }, { orderBy: { date: "desc" } }),
      (r) => r.placement.id,
    );
    this.siteById = loaderByKey(
      (ids) => this.em.find(ParticipationSiteEntity, { id: { $in: ids } }),
      (r) => r.id,
    );
  }

  /** One placement, if the caller may see its case (a read of the case, audited); else null. */
  async visiblePlacement(id: string): Promise<Placement | null> {
    const placement = isUuid(id) ? await this.em.findOne(PlacementEntity, id) : null;
    if (!placement) return null;
    const view = await this.cases.read(placement.case.id, "placement");
    // A placement's sessions, fees and monitoring are progress: shown, and audited, only under a ground disclosing PROGRESS.
    return view && (await this.cases.disclose(view, "PROGRESS")) ? placement : null;
  }

  sites(): Promise<ParticipationSite[]> {
    return this.em.find(ParticipationSiteEntity, {}, { orderBy: { kind: "asc", code: "asc" } });
  }

  /** Places a household member at a site (lead or coordinator); the site's organisation joins the case as support. */
  async place(tx: EntityManager, { caseId, personId, siteId, startedOn }: PlaceInChallengeWorkInput): Promise<Placement> {
    const row = await this.cases.requireAssigned(tx, caseId, true);
    const member = isUuid(personId) ? await tx.findOne(HouseholdMemberEntity, { household: row.household, person: personId }) : null;
    if (!member) throw new RuleViolation("NOT_A_HOUSEHOLD_MEMBER", "このケースの世帯員を指定してください。", ["personId"]);
    const site = isUuid(siteId) ? await tx.findOne(ParticipationSiteEntity, siteId) : null;
    if (!site || !site.active)
      throw new RuleViolation("SITE_NOT_AVAILABLE", "受け入れ先が見つからないか、受け入れを停止しています。", ["siteId"]);
    const start = requireDate(startedOn, "startedOn", "開始日");
    if (await tx.findOne(PlacementEntity, { person: personId, site, endedOn: null }))
      throw new RuleViolation("ALREADY_PLACED", "すでにこの受け入れ先で活動中です。", ["siteId"]);
    const placement = tx.create(PlacementEntity, {
      case: row,
      person: personId,
      site,
      startedOn: start,
      endedOn: null,
      lastMonitoredOn: null,
      createdBy: this.identity.sub,
    });
    if (
      site.organizationCode &&
      !(await tx.findOne(AssignmentEntity, { case: row, organizationCode: site.organizationCode, endedAt: null }, { refresh: true }))
    ) {
      // The site's organisation now sees the case: announced on its sharedCasesChanged, as any other share.
      const shares = await trackShares(tx, caseId);
      tx.create(AssignmentEntity, {
        case: row,
        organizationCode: site.organizationCode,
        role: "SUPPORT",
        assignedBy: this.identity.sub,
        endedAt: null,
      });
      await shares.publish();
    }
    await tx.flush();
    await publishCaseEvent(tx, caseId, "RECORD_ADDED");
    return placement;
  }

  /**
   * Logs one session. The weekly limit is the person's: a fourth session of theirs in the same week
   * (Monday–Sunday) is refused, counted over all their placements, at any site, ended or not. The
   * person's row is locked first (after the case's, as every write takes it): a person may be a
   * member of more than one household, so of more than one case, and the case's lock alone would not
   * keep two sessions logged at once on two of their placements from both becoming the third.
   */
  async logSession(tx: EntityManager, placementId: string, date: string): Promise<WorkSession> {
    const placement = isUuid(placementId) ? await tx.findOne(PlacementEntity, placementId) : null;
    if (!placement) throw new NotFoundError("チャレンジ就労", placementId);
    // To a caller with no ground on the case, the refusal names the placement asked about, never the case.
    await notFoundAs("チャレンジ就労", placementId, this.cases.requireAssigned(tx, placement.case.id));
    // FOR NO KEY UPDATE: rows that only refer to the person (a new placement, a household member) are still written beside it.
    await lockRow(tx, SCHEMA, "person", placement.person.id, "no key update");
    const day = requireDate(date, "date", "活動日");
    if (day > tokyoDate()) throw new RuleViolation("DATE_IN_FUTURE", "未来の日付は記録できません。", ["date"]);
    if (day < placement.startedOn || (placement.endedOn && day > placement.endedOn))
      throw new RuleViolation("OUTSIDE_PLACEMENT", "活動期間外の日付です。", ["date"]);
    if (await tx.findOne(WorkSessionEntity, { placement, date: day }))
      throw new RuleViolation("SESSION_EXISTS", "この日の活動はすでに記録されています。", ["date"]);
    const monday = weekStart(day);
    const inWeek = await tx.count(WorkSessionEntity, {
      placement: { person: placement.person },
      date: { $gte: monday, $lte: addDays(monday, 6) },
    });
    const max = rules().maxSessionsPerWeek;
    if (inWeek >= max) {
      throw new RuleViolation("WEEKLY_SESSION_LIMIT", `チャレンジ就労は週${max}回までです（${monday}からの週はすでに${inWeek}回）。`, [
        "date",
      ]);
    }
    const session = tx.create(WorkSessionEntity, { placement, date: day, feeYen: rules().feePerSessionYen, recordedBy: this.identity.sub });
    await tx.flush();
    await publishCaseEvent(tx, placement.case.id, "RECORD_ADDED");
    return session;
  }

  async monitor(tx: EntityManager, placementId: string, date: string): Promise<Placement> {
    const placement = isUuid(placementId) ? await tx.findOne(PlacementEntity, placementId) : null;
    if (!placement) throw new NotFoundError("チャレンジ就労", placementId);
    await notFoundAs("チャレンジ就労", placementId, this.cases.requireAssigned(tx, placement.case.id));
    // Under the case's lock, the placement as committed: a monitoring recorded meanwhile is not undone.
    await tx.refresh(placement);
    const day = requirePastDate(date, "date", "モニタリング日");
    if (day < placement.startedOn || (placement.endedOn && day > placement.endedOn))
      throw new RuleViolation("OUTSIDE_PLACEMENT", "活動期間外の日付です。", ["date"]);
    // The latest monitoring stays the latest: the next one falls due three months from it.
    if (placement.lastMonitoredOn && day < placement.lastMonitoredOn)
      throw new RuleViolation("MONITORING_DATE_BEFORE_LAST", `モニタリング日は前回（${placement.lastMonitoredOn}）より前にはできません。`, [
        "date",
      ]);
    placement.lastMonitoredOn = day;
    await publishCaseEvent(tx, placement.case.id, "RECORD_ADDED");
    return placement;
  }

  /** The activity-fee ledger of one placement for one month: fee × sessions (no wage: no contract). */
  async ledger(placement: Placement, month: string): Promise<LedgerMonth> {
    parseMonth(month);
    const next = `${addCalendarMonths(month, 1)}-01`;
    const sessions = await this.em.find(WorkSessionEntity, { placement, date: { $gte: `${month}-01`, $lt: next } });
    return {
      month,
      sessions: sessions.length,
      feePerSessionYen: rules().feePerSessionYen,
      totalYen: sessions.reduce((n, s) => n + s.feeYen, 0),
    };
  }

  /** Placements of cases the caller may see whose monitoring is overdue (Asia/Tokyo today). */
  async overdue(): Promise<Placement[]> {
    const open = await this.em.find(PlacementEntity, { endedOn: null }, { orderBy: { startedOn: "asc" } });
    const today = tokyoDate();
    const due = open.filter((p) => nextMonitoringDue(p) < today);
    const visible = await this.cases.readMany([...new Set(due.map((p) => p.case.id))], "overdueParticipationMonitorings");
    // Audited under the ground that discloses PROGRESS, one statement for all of them.
    const disclosed = await Promise.all(visible.map((v) => this.cases.disclose(v, "PROGRESS")));
    const ids = new Set(visible.filter((_, i) => disclosed[i]).map((v) => v.row.id));
    return due.filter((p) => ids.has(p.case.id));
  }
}
