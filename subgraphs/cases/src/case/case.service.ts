import type { EntityManager } from "@mikro-orm/postgresql";
import {
  fiscalYear,
  ForbiddenError,
  isUuid,
  NotFoundError,
  optionalText,
  requireDate,
  requireText,
  InputProblems,
  RuleViolation,
  tokyoDate,
  type Identity,
  CASE_STATUS_LABELS,
  labelOf,
} from "@marugoto/shared";
import type { Access, AccessService } from "../access/access.service.js";
import type { InfoKindValue } from "../consent/consent.entity.js";
import { AssignmentEntity } from "../assignment/assignment.entity.js";
import {
  ConsultationEntity,
  PROBLEM_AREAS,
  type ConsentAnswerValue,
  type ProblemAreaValue,
  type SourceKindValue,
} from "../consultation/consultation.entity.js";
import { publishCaseEvent, SCHEMA } from "../events/case-events.js";
import { trackShares } from "../events/shared-case-events.js";
import { HouseholdEntity, HouseholdMemberEntity, PersonEntity, type SexValue } from "../person/person.entity.js";
import { MonitoringEntity, SupportPlanEntity, AssessmentEntity } from "../record/record.entity.js";
import { CaseEntity, CaseTransitionEntity, type Case, type CaseRow, type CaseStatusValue } from "./case.entity.js";
import type { TransitionCaseInput } from "./case-transition.input.js";
import { lockCase } from "./case-lock.js";
import { canMove } from "./lifecycle.js";

export interface PersonInput {
  name?: string | null;
  nameKana?: string | null;
  sex?: SexValue | null;
  birthDate?: string | null;
  address?: string | null;
  phone?: string | null;
}

export interface ConsultationInput {
  /** Join an existing case instead of opening one. */
  caseId?: string | null;
  person?: PersonInput | null;
  receivedOn: string;
  takenBy: string;
  sourceKind: SourceKindValue;
  sourceHubId?: string | null;
  visitor?: string | null;
  visitorRelation?: string | null;
  problemAreas: ProblemAreaValue[];
  mainProblemArea: ProblemAreaValue;
  narrative?: string | null;
  consentAnswer: ConsentAnswerValue;
}

/** A case as resolvers see it: the row and what the caller may see of it. */
export interface CaseView {
  row: CaseRow;
  access: Access;
  /** How it was reached (e.g. `case`, `_entities`): the audit row's operation suffix. */
  via: string;
}

/** The multi-agency coordinator (多機関協働事業者) in Yamagata: 市社協. */
const COORDINATOR_CODE = "shakyo";

/** Whether a person's details as given name or locate someone (a name, kana, birth date, address, phone). */
const identifies = (input: PersonInput): boolean =>
  [input.name, input.nameKana, input.birthDate, input.address, input.phone].some((v) => typeof v === "string" && v.trim() !== "");

/**
 * DOMAIN: outreach can start before consent; such a case stays pseudonymous until consent or a
 * 支援会議. Its person is named (or its household filled in) only once the person consented — at
 * intake, or in a consent recorded since and not withdrawn — or the case went to a 支援会議 (a
 * disclosure to one was made, even if revoked since: the meeting took the case up); otherwise
 * PSEUDONYMOUS_UNTIL_CONSENT, nothing written.
 */
async function requireNameable(tx: EntityManager, caseId: string, field: string[]): Promise<void> {
  const [allowed] = await tx.execute<{ allowed: boolean }[]>(
    `select exists (select 1 from "${SCHEMA}".consultation where case_id = ? and consent_answer = 'GIVEN')
         or exists (select 1 from "${SCHEMA}".consent where case_id = ? and withdrawn_at is null)
         or exists (select 1 from "${SCHEMA}".disclosure where case_id = ? and kind = 'SUPPORT_MEETING') as allowed`,
    [caseId, caseId, caseId],
  );
  if (!allowed?.allowed)
    throw new RuleViolation(
      "PSEUDONYMOUS_UNTIL_CONSENT",
      "本人の同意を得るか、支援会議で協議するまでは、氏名・住所などの本人を特定する情報は入力できません（仮名のまま扱います）。",
      field,
    );
}

/** Cases: reads go through the sharing engine; writes need an assignment. */
export class CaseService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly access: AccessService,
  ) {}

  /** The case if the caller has a ground; audited. `null` tells nothing about whether it exists. */
  async read(id: string, via: string): Promise<CaseView | null> {
    if (!isUuid(id)) return null;
    const access = await this.access.grounds(id);
    if (!access) return null;
    // Once a ground is known: its audit row and the case's row, in one statement (a failed audit fails the read).
    const row = await this.access.readAudited(access, via);
    return row ? { row, access, via } : null;
  }

  /** Many cases at once (liaison lists): the same checks, batched. */
  async readMany(ids: string[], via: string): Promise<CaseView[]> {
    const views = await Promise.all(ids.map((id) => this.read(id, via)));
    return views.filter((v): v is CaseView => v !== null);
  }

  /** The caller's grounds on a case, without reading or auditing anything of it (may it be listed?). */
  groundsOf(id: string): Promise<Access | null> {
    return this.access.grounds(id);
  }

  /** Before data of `kind` outside a Case field is returned: true when a ground discloses it (audited under that ground). */
  async disclose(view: CaseView, kind: InfoKindValue): Promise<boolean> {
    return (await this.access.disclose(view.access, kind, view.via)) !== null;
  }

  /**
   * For a write: whether the caller's organisation manages the case (lead or coordinator), decided on
   * the write's transaction — with `lock`, after taking the case's lock (`lockCase`), so as committed.
   */
  async managesIn(tx: EntityManager, id: string, lock = false): Promise<boolean> {
    if (!isUuid(id)) return false;
    if (lock) await lockCase(tx, id);
    return !!(await this.access.groundsIn(tx, id))?.manages;
  }

  /**
   * For a write: the caller's organisation is assigned (or, with `manage`, lead or coordinator). A
   * caller without that is refused at once; anyone else then takes the case's row lock (`lockCase`)
   * and is judged again, the grounds and the case read afresh on the write's own transaction, so what
   * the write decides on is as committed — and no second connection is needed while the lock is held.
   * `beforeLock` runs between the two, for checks that need no lock.
   */
  async requireAssigned(tx: EntityManager, id: string, manage = false, beforeLock?: () => Promise<void>): Promise<Case> {
    const allowed = (access: Access | null) => !!access && (manage ? access.manages : access.assigned);
    const refuse = (access: Access | null) => {
      if (!access) return new NotFoundError("ケース", id);
      return new ForbiddenError(
        manage ? "この操作は主担当または多機関協働の担当組織だけが行えます。" : "この操作は担当組織だけが行えます。",
      );
    };
    const before = await this.access.groundsIn(tx, id);
    if (!allowed(before)) throw refuse(before);
    // What needs no lock and may take long (a call to another subgraph) is done before the lock.
    await beforeLock?.();
    await lockCase(tx, id);
    const access = await this.access.groundsIn(tx, id);
    const row = access && (await tx.findOne(CaseEntity, id, { refresh: true }));
    if (!row) throw new NotFoundError("ケース", id);
    if (!allowed(access)) throw refuse(access);
    return row;
  }

  private async caseNumber(tx: EntityManager): Promise<string> {
    const [row] = await tx.execute<{ n: string }[]>(`select nextval('cases.case_number_seq') as n`);
    return `${fiscalYear()}-${String(row!.n).padStart(5, "0")}`;
  }

  /** A person's fields checked, every problem kept in `problems` under `prefix` (e.g. `person`). */
  private static personFields(input: PersonInput | null | undefined, problems: InputProblems, prefix: string[]) {
    const at = (field: string) => [...prefix, field];
    return {
      name: problems.check(() => optionalText(input?.name, "name", "氏名", 100), at("name")) ?? null,
      nameKana: problems.check(() => optionalText(input?.nameKana, "nameKana", "ふりがな", 100), at("nameKana")) ?? null,
      sex: input?.sex ?? "UNKNOWN",
      birthDate: input?.birthDate
        ? (problems.check(() => requireDate(input.birthDate!, "birthDate", "生年月日"), at("birthDate")) ?? null)
        : null,
      address: problems.check(() => optionalText(input?.address, "address", "住所", 300), at("address")) ?? null,
      phone: problems.check(() => optionalText(input?.phone, "phone", "電話番号", 40), at("phone")) ?? null,
    };
  }

  /**
   * 相談受付: records a consultation, opening a case (with its household and main person, the
   * receiving organisation as lead) or joining an existing one the caller is assigned to. Every
   * problem of the input is reported at once; nothing is written while there is one.
   */
  async receive(tx: EntityManager, input: ConsultationInput): Promise<string> {
    const problems = new InputProblems();
    const checked = CaseService.consultationFields(input, problems);
    const personFields = input.caseId ? null : CaseService.personFields(input.person, problems, ["person"]);

    let row: Case;
    if (input.caseId) {
      row = await this.requireAssigned(tx, input.caseId);
      if (row.status === "CLOSED") problems.add(new RuleViolation("CASE_CLOSED", "終結したケースには相談を追加できません。", ["caseId"]));
      problems.throwIfAny();
    } else {
      problems.throwIfAny();
      row = await this.openCase(tx, checked.receivedOn!, personFields!);
    }
    tx.create(ConsultationEntity, {
      case: row,
      receivedOn: checked.receivedOn!,
      receivedByCode: this.identity.org,
      takenBy: checked.takenBy!,
      sourceKind: input.sourceKind,
      // Only a hub's consultation names a hub; a blank id from any other source (a form's empty select) is no hub.
      sourceHubId: input.sourceKind === "HUB" ? input.sourceHubId : null,
      visitor: checked.visitor ?? null,
      visitorRelation: checked.visitorRelation ?? null,
      problemAreas: checked.areas,
      mainProblemArea: input.mainProblemArea,
      narrative: checked.narrative ?? null,
      consentAnswer: input.consentAnswer,
    });
    await tx.flush();
    // A new case is shared with its lead from the start.
    if (!input.caseId) await (await trackShares(tx, null)).publish(row.id);
    await publishCaseEvent(tx, row.id, input.caseId ? "CONSULTATION_ADDED" : "CASE_OPENED");
    return row.id;
  }

  /** A consultation's own fields checked (date, problem areas, source, texts), every problem kept in `problems`. */
  private static consultationFields(input: ConsultationInput, problems: InputProblems) {
    const receivedOn = problems.check(() => requireDate(input.receivedOn, "receivedOn", "受付日"));
    if (receivedOn && receivedOn > tokyoDate())
      problems.add(new RuleViolation("DATE_IN_FUTURE", "受付日に未来の日付は指定できません。", ["receivedOn"]));
    const areas = [...new Set(input.problemAreas)];
    if (!areas.length)
      problems.add(new RuleViolation("PROBLEM_AREA_REQUIRED", "相談内容の分野を一つ以上選んでください。", ["problemAreas"]));
    else if (areas.some((a) => !PROBLEM_AREAS.includes(a)))
      problems.add(new RuleViolation("INVALID_PROBLEM_AREA", "相談内容の分野が正しくありません。", ["problemAreas"]));
    else if (!areas.includes(input.mainProblemArea)) {
      problems.add(new RuleViolation("MAIN_AREA_NOT_CHECKED", "主な分野は、選んだ分野の中から指定してください。", ["mainProblemArea"]));
    }
    if (input.sourceKind === "HUB" && !isUuid(input.sourceHubId))
      problems.add(new RuleViolation("HUB_REQUIRED", "拠点からの相談では拠点を指定してください。", ["sourceHubId"]));
    if (input.sourceKind !== "HUB" && input.sourceHubId)
      problems.add(new RuleViolation("HUB_NOT_EXPECTED", "拠点を指定できるのは拠点からの相談だけです。", ["sourceHubId"]));
    const takenBy = problems.check(() => requireText(input.takenBy, "takenBy", "受付者", 100));
    const visitor = problems.check(() => optionalText(input.visitor, "visitor", "来談者", 100));
    const visitorRelation = problems.check(() => optionalText(input.visitorRelation, "visitorRelation", "続柄", 40));
    const narrative = problems.check(() => optionalText(input.narrative, "narrative", "相談内容", 20_000));
    return { receivedOn, areas, takenBy, visitor, visitorRelation, narrative };
  }

  /** Opens a case: its number, the main person (pseudonymous) in a new household, the caller's organisation as lead, the first transition. */
  private async openCase(tx: EntityManager, openedOn: string, personFields: ReturnType<typeof CaseService.personFields>): Promise<Case> {
    const number = await this.caseNumber(tx);
    const person = tx.create(PersonEntity, { pseudonym: `仮名-${number}`, ...personFields });
    const household = tx.create(HouseholdEntity, {});
    tx.create(HouseholdMemberEntity, { household, person, relation: "本人" });
    const row = tx.create(CaseEntity, {
      caseNumber: number,
      household,
      mainPerson: person,
      status: "RECEIVED",
      complex: null,
      nextReviewDate: null,
      openedOn,
      closedAt: null,
      collaborationEndedAt: null,
    });
    tx.create(AssignmentEntity, {
      case: row,
      organizationCode: this.identity.org,
      role: "LEAD",
      assignedBy: this.identity.sub,
      endedAt: null,
    });
    tx.create(CaseTransitionEntity, {
      case: row,
      fromStatus: null,
      toStatus: "RECEIVED",
      reason: "相談受付",
      actor: this.identity.sub,
      actorOrg: this.identity.org,
    });
    return row;
  }

  /** Completes a pseudonymous person once consent or a 支援会議 allows it (`requireNameable`). */
  async updatePerson(tx: EntityManager, caseId: string, personId: string, input: PersonInput): Promise<void> {
    const row = await this.requireAssigned(tx, caseId);
    const member = isUuid(personId)
      ? await tx.findOne(HouseholdMemberEntity, { household: row.household, person: personId }, { populate: ["person"] })
      : null;
    if (!member) throw new NotFoundError("世帯員", personId);
    const p = member.person;
    const problems = new InputProblems();
    const checked = CaseService.personFields(input, problems, []);
    problems.throwIfAny();
    // Pseudonymous is the case whose main person has no name: none of its household is named meanwhile.
    const main = p.id === row.mainPerson.id ? p : await tx.findOneOrFail(PersonEntity, row.mainPerson.id);
    if (main.name === null && identifies(input)) await requireNameable(tx, caseId, ["personId"]);
    if (input.name !== undefined) p.name = checked.name;
    if (input.nameKana !== undefined) p.nameKana = checked.nameKana;
    if (input.sex) p.sex = input.sex;
    if (input.birthDate !== undefined) p.birthDate = checked.birthDate;
    if (input.address !== undefined) p.address = checked.address;
    if (input.phone !== undefined) p.phone = checked.phone;
    await publishCaseEvent(tx, caseId, "PERSON_UPDATED");
  }

  /** Adds a household member; one that identifies someone, to a case still pseudonymous, as `updatePerson` allows it. */
  async addHouseholdMember(tx: EntityManager, caseId: string, person: PersonInput, relation: string): Promise<void> {
    const row = await this.requireAssigned(tx, caseId);
    const problems = new InputProblems();
    const fields = CaseService.personFields(person, problems, ["person"]);
    const text = problems.check(() => requireText(relation, "relation", "続柄", 40));
    problems.throwIfAny();
    if (identifies(person) && (await tx.findOneOrFail(PersonEntity, row.mainPerson.id)).name === null)
      await requireNameable(tx, caseId, ["person"]);
    const created = tx.create(PersonEntity, { pseudonym: `${row.caseNumber}-世帯員`, ...fields });
    tx.create(HouseholdMemberEntity, { household: row.household, person: created, relation: text! });
    await publishCaseEvent(tx, caseId, "PERSON_UPDATED");
  }

  /** Moves a case along its lifecycle; an illegal move is refused with a user error. */
  async transition(tx: EntityManager, { caseId, to, reason, complex }: TransitionCaseInput): Promise<void> {
    const row = await this.requireAssigned(tx, caseId, true);
    const from = row.status as CaseStatusValue;
    if (!canMove(from, to)) {
      throw new RuleViolation(
        "ILLEGAL_TRANSITION",
        `「${labelOf(CASE_STATUS_LABELS, from)}」から「${labelOf(CASE_STATUS_LABELS, to)}」へは進めません。`,
        ["to"],
      );
    }
    if (to === "ACCEPTED") await this.accept(tx, row, caseId, complex);
    await CaseService.requireRecordsFor(tx, row, from, to);
    const text = optionalText(reason, "reason", "理由", 2000);
    if ((to === "CLOSED" || to === "SUSPENDED") && !text)
      throw new RuleViolation("REASON_REQUIRED", "終結・中断の理由を入力してください。", ["reason"]);
    row.status = to;
    if (to === "CLOSED") row.closedAt = new Date();
    if (to === "COLLABORATION_ENDED") row.collaborationEndedAt = new Date();
    tx.create(CaseTransitionEntity, {
      case: row,
      fromStatus: from,
      toStatus: to,
      reason: text,
      actor: this.identity.sub,
      actorOrg: this.identity.org,
    });
    await tx.flush();
    await publishCaseEvent(tx, caseId, "STATUS_CHANGED");
  }
  /** 受理: the case's complexity is decided; a complex case gets the multi-agency coordinator assigned (once). */
  private async accept(tx: EntityManager, row: Case, caseId: string, complex: boolean | null | undefined): Promise<void> {
    if (complex == null)
      throw new RuleViolation("COMPLEXITY_REQUIRED", "受理の際は、複雑化・複合化した事例かどうかを指定してください。", ["complex"]);
    row.complex = complex;
    if (complex && !(await tx.findOne(AssignmentEntity, { case: row, organizationCode: COORDINATOR_CODE, endedAt: null }))) {
      const shares = await trackShares(tx, caseId);
      tx.create(AssignmentEntity, {
        case: row,
        organizationCode: COORDINATOR_CODE,
        role: "COORDINATOR",
        assignedBy: this.identity.sub,
        endedAt: null,
      });
      await shares.publish();
    }
  }

  /** The records a move needs before it is made (an assessment before planning, a plan before a conference, …). */
  private static async requireRecordsFor(tx: EntityManager, row: Case, from: CaseStatusValue, to: CaseStatusValue): Promise<void> {
    if (to === "PLANNING" && from === "ASSESSMENT" && !(await tx.count(AssessmentEntity, { case: row }))) {
      throw new RuleViolation("ASSESSMENT_REQUIRED", "支援プランに進む前にアセスメントを記録してください。", ["to"]);
    }
    if (to === "IN_CONFERENCE" && !(await tx.count(SupportPlanEntity, { case: row }))) {
      throw new RuleViolation("PLAN_REQUIRED", "会議で協議する前に支援プランを作成してください。", ["to"]);
    }
    if (to === "EVALUATION" && !(await tx.count(MonitoringEntity, { case: row }))) {
      throw new RuleViolation("MONITORING_REQUIRED", "評価の前にモニタリングを記録してください。", ["to"]);
    }
    if (to === "COLLABORATION_ENDED" && !(await tx.count(AssignmentEntity, { case: row, role: "LEAD", endedAt: null }))) {
      throw new RuleViolation("LEAD_REQUIRED", "多機関協働を終結するには、引き続き伴走する主担当が必要です。", ["to"]);
    }
  }
}
