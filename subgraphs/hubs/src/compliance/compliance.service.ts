import { addMonths, BadUserInputError, monthSpan, parseMonth, tokyoDate } from "@marugoto/shared";
import { monthsBetween, type ActivityService } from "../activity/activity.service.js";
import type { HubStatusChange } from "../hub/hub-status-change.entity.js";
import type { Hub } from "../hub/hub.entity.js";
import { activeIn, type HubService } from "../hub/hub.service.js";

/** The fiscal year (April–March) of a month `YYYY-MM`. */
const fiscalYearOf = (month: string): number => {
  const { year, month: m } = parseMonth(month);
  return m >= 4 ? year : year - 1;
};

/**
 * Whether the rule applies to a hub in a month. It never does before the fiscal year the hub opened,
 * nor (for a hub opened through `openHub`) in a month that began before its opening day.
 * For a month to come, only to a hub active now, not closed by that fiscal year. For this month and
 * those before, a hub with a status history (`changeHubStatus`) must have been active throughout the
 * month (to date): a month it was paused in for a day, or closed in, is no failure of that month; one
 * it was resumed in from its first day is a month like any other. Before its first change the hub was
 * active, unless that change resumed it (paused before history was kept). A hub without history (active
 * since it opened) keeps its past months while it was not closed, and this month while active now.
 */
export function ruleAppliesTo(hub: Hub, changes: readonly HubStatusChange[], month: string, today = tokyoDate()): boolean {
  const fy = fiscalYearOf(month);
  // Nor before the month that starts on or after its opening day, when that day is known.
  if (hub.openedFiscalYear > fy || (hub.openedOn && `${month}-01` < hub.openedOn)) return false;
  const now = today.slice(0, 7);
  if (month > now || !changes.length) return activeIn(hub, fy) && (month < now || hub.status === "ACTIVE");
  const start = `${month}-01`;
  const next = `${addMonths(month, 1)}-01`;
  // Before its first change a hub was active — unless that change resumed it: then it was paused.
  const before = changes[0]!.status === "ACTIVE" ? "SUSPENDED" : "ACTIVE";
  const atStart = changes.filter((c) => c.effectiveOn <= start).at(-1)?.status ?? before;
  // A pause on the 1st counts even when a resumption the same day follows it.
  return atStart === "ACTIVE" && !changes.some((c) => c.effectiveOn >= start && c.effectiveOn < next && c.status !== "ACTIVE");
}

/** The hubs the rule applies to in a month (`ruleAppliesTo`). */
const runningIn = (hubs: readonly Hub[], changes: Map<string, HubStatusChange[]>, month: string): Hub[] =>
  hubs.filter((h) => ruleAppliesTo(h, changes.get(h.id) ?? [], month));

/** Longest compliance trend (ten years of months). */
const MAX_TREND_MONTHS = 120;

/** The monthly rule, as the reference data sets it. */
export interface ComplianceRules {
  minSessionsPerMonth: number;
  minProfessionalConsultationDaysPerMonth: number;
}

interface MonthRow {
  hubId: string;
  month: string;
  sessions: number;
  consultationDays: number;
}

/** A hub's month against the rule. */
export interface MonthCompliance extends MonthRow {
  missingSessions: number;
  lacksConsultationDay: boolean;
  compliant: boolean;
}

export interface ComplianceEntry extends MonthCompliance {
  hub: Hub;
  ruleApplies: true;
}

export interface ComplianceMonth {
  month: string;
  hubs: number;
  compliantHubs: number;
}

/** A month against the rule: enough sessions, and enough professional consultation days. */
export function judge(row: MonthRow, rules: ComplianceRules): MonthCompliance {
  const missingSessions = Math.max(0, rules.minSessionsPerMonth - row.sessions);
  const lacksConsultationDay = row.consultationDays < rules.minProfessionalConsultationDaysPerMonth;
  return { ...row, missingSessions, lacksConsultationDay, compliant: missingSessions === 0 && !lacksConsultationDay };
}

/** The monthly rule (at least 8 sessions, one a professional consultation day), hub by hub and month by month. */
export class ComplianceService {
  constructor(
    private readonly activities: ActivityService,
    private readonly hubs: HubService,
  ) {}

  /** A judge of every hub's months in [from, to]; months without sessions count as zero. */
  private async monthsOf(from: string, to: string) {
    const rows = await this.activities.months(from, to);
    const rules = this.activities.rules;
    return (hubId: string, month: string) => {
      const row = rows.find((r) => r.hubId === hubId && r.month === month);
      return judge(row ?? { hubId, month, sessions: 0, consultationDays: 0 }, rules);
    };
  }

  /** One hub's month against the rule, and whether the rule applies to it that month (`ruleAppliesTo`). */
  async ofHub(hubId: string, month: string): Promise<MonthCompliance & { ruleApplies: boolean }> {
    const [hub, changes, judgeOf] = await Promise.all([this.hubs.hub(hubId), this.hubs.everyStatusChange(), this.monthsOf(month, month)]);
    return { ...judgeOf(hubId, month), ruleApplies: !!hub && ruleAppliesTo(hub, changes.get(hubId) ?? [], month) };
  }

  /** The compliance of the hubs running in one Tokyo month (`runningIn`); with `failingOnly`, those that miss either rule. */
  async ofMonth(month: string, failingOnly: boolean | null | undefined): Promise<ComplianceEntry[]> {
    monthSpan(month);
    const [all, changes] = await Promise.all([this.hubs.hubs(), this.hubs.everyStatusChange()]);
    const hubs = runningIn(all, changes, month);
    const judgeOf = await this.monthsOf(month, month);
    return hubs.map((hub) => ({ hub, ...judgeOf(hub.id, month), ruleApplies: true as const })).filter((e) => !failingOnly || !e.compliant);
  }

  /** Active hubs and those meeting the rule, month by month from `from` to `to`. */
  async trend(from: string, to: string): Promise<ComplianceMonth[]> {
    const [a, b] = [parseMonth(from, "from"), parseMonth(to, "to")];
    const span = (b.year - a.year) * 12 + (b.month - a.month);
    if (span < 0 || span >= MAX_TREND_MONTHS)
      throw new BadUserInputError(`期間は from ≦ to、${MAX_TREND_MONTHS}か月以内で指定してください。`, "to");
    const [all, changes] = await Promise.all([this.hubs.hubs(), this.hubs.everyStatusChange()]);
    const judgeOf = await this.monthsOf(from, to);
    return monthsBetween(from, to).map((month) => {
      const hubs = runningIn(all, changes, month);
      return { month, hubs: hubs.length, compliantHubs: hubs.filter((h) => judgeOf(h.id, month).compliant).length };
    });
  }
}
