import { BadUserInputError, monthSpan, parseMonth, tokyoMonth } from "@marugoto/shared";
import { monthsBetween, type ActivityService } from "../activity/activity.service.js";
import type { Hub } from "../hub/hub.entity.js";
import { activeIn, type HubService } from "../hub/hub.service.js";

/** The fiscal year (April–March) of a month `YYYY-MM`. */
const fiscalYearOf = (month: string): number => {
  const { year, month: m } = parseMonth(month);
  return m >= 4 ? year : year - 1;
};

/**
 * The hubs the rule applies to in a month: those running in its fiscal year (opened by then, not yet
 * closed). For this month and later, only those active now (a suspended hub holds no sessions). A
 * past month keeps the hubs it had: one opened later is no failure of that month, and one suspended
 * since does not leave its own past.
 */
const runningIn = (hubs: readonly Hub[], month: string, now = tokyoMonth()): Hub[] =>
  hubs.filter((h) => activeIn(h, fiscalYearOf(month)) && (month < now || h.status === "ACTIVE"));

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

  /** One hub's month against the rule. */
  async ofHub(hubId: string, month: string): Promise<MonthCompliance> {
    return (await this.monthsOf(month, month))(hubId, month);
  }

  /** The compliance of the hubs running in one Tokyo month (`runningIn`); with `failingOnly`, those that miss either rule. */
  async ofMonth(month: string, failingOnly: boolean | null | undefined): Promise<ComplianceEntry[]> {
    monthSpan(month);
    const hubs = runningIn(await this.hubs.hubs(), month);
    const judgeOf = await this.monthsOf(month, month);
    return hubs.map((hub) => ({ hub, ...judgeOf(hub.id, month) })).filter((e) => !failingOnly || !e.compliant);
  }

  /** Active hubs and those meeting the rule, month by month from `from` to `to`. */
  async trend(from: string, to: string): Promise<ComplianceMonth[]> {
    const [a, b] = [parseMonth(from, "from"), parseMonth(to, "to")];
    const span = (b.year - a.year) * 12 + (b.month - a.month);
    if (span < 0 || span >= MAX_TREND_MONTHS)
      throw new BadUserInputError(`期間は from ≦ to、${MAX_TREND_MONTHS}か月以内で指定してください。`, "to");
    const all = await this.hubs.hubs();
    const judgeOf = await this.monthsOf(from, to);
    return monthsBetween(from, to).map((month) => {
      const hubs = runningIn(all, month);
      return { month, hubs: hubs.length, compliantHubs: hubs.filter((h) => judgeOf(h.id, month).compliant).length };
    });
  }
}
