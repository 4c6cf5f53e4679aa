import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import {
  isDate,
  InputProblems,
  isUuid,
  loaderOfGroups,
  optionalText,
  requireDate,
  requireKnownOrganization,
  requirePastDate,
  requireText,
  RuleViolation,
  type Identity,
} from "@marugoto/shared";
import { AssignmentEntity, ReferralEntity, type Assignment, type Referral } from "../assignment/assignment.entity.js";
import { CaseTransitionEntity, type CaseTransition } from "../case/case.entity.js";
import type { CaseService } from "../case/case.service.js";
import { ConsentEntity, type Consent } from "../consent/consent.entity.js";
import { DisclosureEntity, type Disclosure } from "../access/access.entity.js";
import { ConsultationEntity, type Consultation } from "../consultation/consultation.entity.js";
import { publishCaseEvent } from "../events/case-events.js";
import { HouseholdMemberEntity, type HouseholdMember } from "../person/person.entity.js";
import type { RecordMonitoringInput } from "./monitoring.input.js";
import type { LogProgressInput } from "./progress-entry.input.js";
import {
  AssessmentEntity,
  MonitoringEntity,
  ProgressEntryEntity,
  SupportPlanEntity,
  type Assessment,
  type Monitoring,
  type ProgressEntry,
  type SupportPlan,
} from "./record.entity.js";

/** A loader of the rows of one table that belong to each of many cases: one statement per batch. */
function perCase<T extends { case: { id: string } }>(
  em: EntityManager,
  entity: unknown,
  orderBy: Record<string, "asc" | "desc">,
): DataLoader<string, T[]> {
  return loaderOfGroups(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async (ids) => (await em.find(entity as any, { case: { $in: ids } } as any, { orderBy } as any)) as T[],
    (r) => r.case.id,
  );
}

export interface AssessmentInput {
  household?: string | null;
  work?: string | null;
  housing?: string | null;
  insurance?: string | null;
  pension?: string | null;
  problems: { area: string; detail: string }[];
}

export interface PlanInput {
  goals: string;
  direction: string;
  roles: { organizationCode: string; what: string; frequency?: string | null; until?: string | null }[];
  referParticipationSupport: boolean;
  referOutreach: boolean;
  personAgreed: boolean;
  agreedOn?: string | null;
}

/** The records of each lifecycle step, and the per-case lists resolvers read (batched). */
export class RecordService {
  readonly consultations: DataLoader<string, Consultation[]>;
  readonly assessments: DataLoader<string, Assessment[]>;
  readonly plans: DataLoader<string, SupportPlan[]>;
  readonly progress: DataLoader<string, ProgressEntry[]>;
  readonly monitorings: DataLoader<string, Monitoring[]>;
  readonly transitions: DataLoader<string, CaseTransition[]>;
  readonly assignments: DataLoader<string, Assignment[]>;
  readonly referrals: DataLoader<string, Referral[]>;
  readonly consents: DataLoader<string, Consent[]>;
  readonly disclosures: DataLoader<string, Disclosure[]>;
  readonly household: DataLoader<string, HouseholdMember[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly cases: CaseService,
  ) {
    this.consultations = perCase(em, ConsultationEntity, { receivedOn: "asc" });
    this.assessments = perCase(em, AssessmentEntity, { recordedAt: "desc" });
    this.plans = perCase(em, SupportPlanEntity, { version: "desc" });
    this.progress = perCase(em, ProgressEntryEntity, { date: "desc" });
    this.monitorings = perCase(em, MonitoringEntity, { date: "desc" });
    this.transitions = perCase(em, CaseTransitionEntity, { at: "asc" });
    this.assignments = perCase(em, AssignmentEntity, { assignedAt: "asc" });
    this.referrals = perCase(em, ReferralEntity, { sentAt: "asc" });
    this.consents = perCase(em, ConsentEntity, { createdAt: "asc" });
    this.disclosures = perCase(em, DisclosureEntity, { disclosedAt: "asc" });
    this.household = loaderOfGroups(
      (householdIds) => this.em.find(HouseholdMemberEntity, { household: { $in: householdIds } }, { populate: ["person"] }),
      (r) => r.household.id,
    );
  }

  /** Consultations passed on by a hub, of cases whose consultations the caller may see. */
  async fromHub(hubId: string): Promise<Consultation[]> {
    if (!isUuid(hubId)) return [];
    const rows = await this.em.find(ConsultationEntity, { sourceHubId: hubId }, { orderBy: { receivedOn: "desc" } });
    const visible = await this.cases.readMany([...new Set(rows.map((r) => r.case.id))], "Hub.referrals");
    // Audited under the ground that discloses CONSULTATION, one statement for all of them.
    const disclosed = await Promise.all(visible.map((v) => this.cases.disclose(v, "CONSULTATION")));
    const allowed = new Set(visible.filter((_, i) => disclosed[i]).map((v) => v.row.id));
    return rows.filter((r) => allowed.has(r.case.id));
  }

  async assess(tx: EntityManager, caseId: string, input: AssessmentInput): Promise<void> {
    const row = await this.cases.requireAssigned(tx, caseId);
    // Every problem of the input at once; nothing is written while there is one.
    const check = new InputProblems();
    const problems: Record<string, string> = {};
    input.problems.forEach((p, i) => {
      const area = check.check(() => requireText(p.area, "area", "分野", 40), ["problems", String(i), "area"]);
      const detail = check.check(() => requireText(p.detail, "detail", "課題", 4000), ["problems", String(i), "detail"]);
      if (area && detail) problems[area] = detail;
    });
    const text = (value: string | null | undefined, field: string, label: string) =>
      check.check(() => optionalText(value, field, label, 4000)) ?? null;
    const fields = {
      household: text(input.household, "household", "世帯の状況"),
      work: text(input.work, "work", "就労"),
      housing: text(input.housing, "housing", "住まい"),
      insurance: text(input.insurance, "insurance", "医療保険"),
      pension: text(input.pension, "pension", "年金"),
    };
    check.throwIfAny();
    tx.create(AssessmentEntity, { case: row, ...fields, problems, recordedBy: this.identity.sub, recordedByOrg: this.identity.org });
    await tx.flush();
    await publishCaseEvent(tx, caseId, "RECORD_ADDED");
  }

  async plan(tx: EntityManager, caseId: string, input: PlanInput): Promise<void> {
    const row = await this.cases.requireAssigned(tx, caseId, true);
    // Every problem of the input at once; nothing is written while there is one.
    const problems = new InputProblems();
    if (!input.roles.length) problems.add(new RuleViolation("ROLES_REQUIRED", "各機関の役割を一つ以上入力してください。", ["roles"]));
    const roles = input.roles.map((r, i) => ({
      organizationCode:
        problems.check(
          () => requireKnownOrganization(r.organizationCode, "organizationCode", "役割を担う機関"),
          ["roles", String(i), "organizationCode"],
        ) ?? r.organizationCode,
      what: problems.check(() => requireText(r.what, "what", "役割", 1000), ["roles", String(i), "what"]) ?? "",
      frequency: problems.check(() => optionalText(r.frequency, "frequency", "頻度", 100), ["roles", String(i), "frequency"]) ?? null,
      until: r.until ? (problems.check(() => requireDate(r.until!, "until", "期限"), ["roles", String(i), "until"]) ?? null) : null,
    }));
    const goals = problems.check(() => requireText(input.goals, "goals", "目標", 4000));
    const direction = problems.check(() => requireText(input.direction, "direction", "支援の方向性", 4000));
    if (input.personAgreed && !input.agreedOn)
      problems.add(new RuleViolation("AGREEMENT_DATE_REQUIRED", "本人同意の日付を入力してください。", ["agreedOn"]));
    const agreedOn = input.agreedOn ? (problems.check(() => requirePastDate(input.agreedOn!, "agreedOn", "同意日")) ?? null) : null;
    problems.throwIfAny();
    const version = (await tx.count(SupportPlanEntity, { case: row })) + 1;
    tx.create(SupportPlanEntity, {
      case: row,
      version,
      goals: goals!,
      direction: direction!,
      roles,
      referParticipationSupport: input.referParticipationSupport,
      referOutreach: input.referOutreach,
      personAgreed: input.personAgreed,
      agreedOn,
      recordedBy: this.identity.sub,
    });
    await tx.flush();
    await publishCaseEvent(tx, caseId, "RECORD_ADDED");
  }

  async logProgress(tx: EntityManager, { caseId, date, method, staff, content }: LogProgressInput): Promise<void> {
    const row = await this.cases.requireAssigned(tx, caseId);
    if (row.status === "CLOSED") throw new RuleViolation("CASE_CLOSED", "終結したケースには記録できません。");
    // Every problem of the entry at once; nothing is written while there is one.
    const problems = new InputProblems();
    const day = problems.check(() => requirePastDate(date, "date", "実施日"));
    const who = problems.check(() => requireText(staff, "staff", "担当者", 100));
    const what = problems.check(() => requireText(content, "content", "支援内容", 20_000));
    problems.throwIfAny();
    tx.create(ProgressEntryEntity, {
      case: row,
      date: day!,
      method,
      staff: who!,
      organizationCode: this.identity.org,
      content: what!,
    });
    await tx.flush();
    await publishCaseEvent(tx, caseId, "RECORD_ADDED");
  }

  async monitor(tx: EntityManager, { caseId, date, goalsMet, evaluation, outcome, nextReviewDate }: RecordMonitoringInput): Promise<void> {
    const row = await this.cases.requireAssigned(tx, caseId, true);
    // Every problem of the record at once; nothing is written while there is one.
    const problems = new InputProblems();
    const day = problems.check(() => requirePastDate(date, "date", "実施日"));
    const text = problems.check(() => requireText(evaluation, "evaluation", "評価", 20_000));
    const next = nextReviewDate ? problems.check(() => requireDate(nextReviewDate, "nextReviewDate", "次回評価日")) : null;
    // Judged whenever both are dates (a monitoring dated in the future is refused on its own besides).
    if (next && isDate(date) && next <= date)
      problems.add(new RuleViolation("REVIEW_DATE_NOT_AFTER", "次回評価日は実施日より後の日付にしてください。", ["nextReviewDate"]));
    problems.throwIfAny();
    tx.create(MonitoringEntity, {
      case: row,
      date: day!,
      goalsMet,
      evaluation: text!,
      outcome: outcome ?? null,
      recordedBy: this.identity.sub,
    });
    if (nextReviewDate !== undefined) row.nextReviewDate = next ?? null;
    await tx.flush();
    await publishCaseEvent(tx, caseId, "RECORD_ADDED");
  }
}
