import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { chooseInputForm, deprecatedFlatArg, encodeCursor, IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import { AssignmentType } from "../assignment/assignment.type.js";
import { ReferralType } from "../assignment/referral.type.js";
import { DisclosureType } from "../access/disclosure.type.js";
import { ConsentType, InfoKind } from "../consent/consent.type.js";
import { Ground } from "../consent/ground-source.type.js";
import { ReceiveConsultationInput } from "../consultation/consultation.input.js";
import { ConsultationType } from "../consultation/consultation.type.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Placement } from "../participation/participation.entity.js";
import { PlacementType } from "../participation/placement.type.js";
import { HouseholdMemberType } from "../person/household-member.type.js";
import type { Person } from "../person/person.entity.js";
import { PersonInput } from "../person/person.input.js";
import { PersonType } from "../person/person.type.js";
import { AssessmentInput } from "../record/assessment.input.js";
import { AssessmentType } from "../record/assessment.type.js";
import { RECORD_MONITORING_REQUIRED, RecordMonitoringInput } from "../record/monitoring.input.js";
import { EvaluationOutcome, MonitoringType } from "../record/monitoring.type.js";
import { LOG_PROGRESS_REQUIRED, LogProgressInput } from "../record/progress-entry.input.js";
import { ProgressEntryType, ProgressMethod } from "../record/progress-entry.type.js";
import { SupportPlanInput } from "../record/support-plan.input.js";
import { SupportPlanType } from "../record/support-plan.type.js";
import { CasePayload, casePayload, changedCasePayload, type CasePayloadView } from "./case.payload.js";
import type { CaseView } from "./case.service.js";
import { TRANSITION_CASE_REQUIRED, TransitionCaseInput } from "./case-transition.input.js";
import { CaseTransitionType } from "./case-transition.type.js";
import { CaseStatus, CaseType } from "./case.type.js";

/**
 * Case fields resolve their values only: what the caller may see of each is decided for all of them
 * by the guard over `CASE_FIELD_KINDS` (case-fields.ts), wrapped around these resolvers.
 */
@Resolver(() => CaseType)
export class CaseResolver {
  @Query(() => CaseType, {
    nullable: true,
    description: "One case, if the caller has a ground to see it (audited). Null otherwise, whether it exists or not.",
  })
  case(@Arg("id", () => ID, { description: "The case's id." }) id: string, @Ctx() ctx: CasesContext): Promise<CaseView | null> {
    return ctx.cases.read(id, "case");
  }

  @FieldResolver(() => ID)
  id(@Root() v: CaseView): string {
    return v.row.id;
  }

  @FieldResolver(() => String, { description: "Case number (ケース番号), by fiscal year." })
  caseNumber(@Root() v: CaseView): string {
    return v.row.caseNumber;
  }

  @FieldResolver(() => CaseStatus, { description: "Where the case stands." })
  status(@Root() v: CaseView): string {
    return v.row.status;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: "複雑化・複合化, decided at intake (null before). ASSESSMENT." })
  complex(@Root() v: CaseView): boolean | null {
    return v.row.complex ?? null;
  }

  @FieldResolver(() => LocalDateResolver, { description: "Opened on." })
  openedOn(@Root() v: CaseView): string {
    return v.row.openedOn;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: "Next review (次回評価日). PROGRESS." })
  nextReviewDate(@Root() v: CaseView): string | null {
    return v.row.nextReviewDate ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: "Multi-agency collaboration ended at (多機関協働の終結). PROGRESS." })
  collaborationEndedAt(@Root() v: CaseView): Date | null {
    return v.row.collaborationEndedAt ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: "Closed at (終結). PROGRESS." })
  closedAt(@Root() v: CaseView): Date | null {
    return v.row.closedAt ?? null;
  }

  @FieldResolver(() => String, {
    description: "The current event cursor: subscribe to `caseChanged(after:)` with it to miss nothing that follows this read.",
  })
  async eventCursor(@Ctx() ctx: CasesContext): Promise<string> {
    return encodeCursor(await ctx.events.latest());
  }

  @FieldResolver(() => [Ground], { description: "The caller's grounds for seeing this case, strongest first." })
  grounds(@Root() v: CaseView): string[] {
    return v.access.grounds;
  }

  @FieldResolver(() => [InfoKind], { description: "The kinds of information the caller's grounds disclose; other fields are null." })
  visibleInformation(@Root() v: CaseView): string[] {
    return [...v.access.kinds];
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "The main person (本人). BASIC." })
  async mainPerson(@Root() v: CaseView, @Ctx() ctx: CasesContext): Promise<Person | null> {
    const members = await ctx.records.household.load(v.row.household.id);
    return members.find((m) => m.person.id === v.row.mainPerson.id)?.person ?? null;
  }

  @FieldResolver(() => [HouseholdMemberType], { nullable: true, description: "The household (世帯). BASIC." })
  household(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.household.load(v.row.household.id);
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The lead organisation (主担当). BASIC." })
  async lead(@Root() v: CaseView, @Ctx() ctx: CasesContext): Promise<OrganizationRef | null> {
    const lead = (await ctx.records.assignments.load(v.row.id)).find((a) => a.role === "LEAD" && !a.endedAt);
    return lead ? organizationRef(lead.organizationCode) : null;
  }

  @FieldResolver(() => [AssignmentType], { nullable: true, description: "Organisations assigned, past and present. BASIC." })
  assignments(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.assignments.load(v.row.id);
  }

  @FieldResolver(() => [CaseTransitionType], { nullable: true, description: "Every status change, oldest first. PROGRESS." })
  transitions(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.transitions.load(v.row.id);
  }

  @FieldResolver(() => [ConsultationType], { nullable: true, description: "Consultations. CONSULTATION." })
  consultations(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.consultations.load(v.row.id);
  }

  @FieldResolver(() => [AssessmentType], { nullable: true, description: "Assessments, newest first. ASSESSMENT." })
  assessments(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.assessments.load(v.row.id);
  }

  @FieldResolver(() => [SupportPlanType], { nullable: true, description: "Support plans, newest version first. PLAN." })
  supportPlans(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.plans.load(v.row.id);
  }

  @FieldResolver(() => [ProgressEntryType], { nullable: true, description: "Progress log, newest first. PROGRESS." })
  progress(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.progress.load(v.row.id);
  }

  @FieldResolver(() => [MonitoringType], { nullable: true, description: "Monitoring and evaluations. PROGRESS." })
  monitorings(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.monitorings.load(v.row.id);
  }

  @FieldResolver(() => [ReferralType], { nullable: true, description: "Referrals. Assigned organisations only." })
  referrals(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.referrals.load(v.row.id);
  }

  @FieldResolver(() => [ConsentType], { nullable: true, description: "Consents. Assigned organisations only." })
  consents(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.consents.load(v.row.id);
  }

  @FieldResolver(() => [DisclosureType], { nullable: true, description: "Disclosures to meetings. Assigned organisations only." })
  disclosures(@Root() v: CaseView, @Ctx() ctx: CasesContext) {
    return ctx.records.disclosures.load(v.row.id);
  }

  @FieldResolver(() => [PlacementType], { nullable: true, description: "チャレンジ就労 placements. PROGRESS." })
  placements(@Root() v: CaseView, @Ctx() ctx: CasesContext): Promise<Placement[]> {
    return ctx.participation.placementsOfCase.load(v.row.id);
  }

  @Mutation(() => CasePayload, {
    description: "相談受付: record a consultation; opens a case (caller's organisation as lead) or joins one.",
  })
  receiveConsultation(
    @Arg("input", () => ReceiveConsultationInput, { description: "The consultation, and the person for a new case." })
    input: ReceiveConsultationInput,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return changedCasePayload(ctx, { key: idempotencyKey, operation: "receiveConsultation", args: { input } }, (tx) =>
      ctx.cases.receive(tx, input),
    );
  }

  @Mutation(() => CasePayload, {
    description:
      "Complete or correct a household member's details (e.g. when a pseudonymous case gets a name: only once the person consented or a 支援会議 took the case up, PSEUDONYMOUS_UNTIL_CONSENT otherwise).",
  })
  updatePerson(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("personId", () => ID, { description: "The household member to update." }) personId: string,
    @Arg("input", () => PersonInput, { description: "The details to set." }) input: PersonInput,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "updatePerson", args: { caseId, personId, input } }, caseId, (tx) =>
      ctx.cases.updatePerson(tx, caseId, personId, input),
    );
  }

  @Mutation(() => CasePayload, {
    description: "Add a household member (世帯員); one named or located, to a case still pseudonymous, as `updatePerson` allows it.",
  })
  addHouseholdMember(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("person", () => PersonInput, { description: "What is known of the new member." }) person: PersonInput,
    @Arg("relation", () => String, { description: "Relation to the main person (続柄), e.g. 母, 長男." }) relation: string,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "addHouseholdMember", args: { caseId, person, relation } }, caseId, (tx) =>
      ctx.cases.addHouseholdMember(tx, caseId, person, relation),
    );
  }

  @Mutation(() => CasePayload, {
    description: "Move a case along its lifecycle (lead or coordinator). Illegal moves come back as ILLEGAL_TRANSITION.",
  })
  async transitionCase(
    @Arg("input", () => TransitionCaseInput, { nullable: true, description: "The move; give this, not the deprecated flat arguments." })
    input: TransitionCaseInput | null | undefined,
    @Arg("caseId", () => ID, deprecatedFlatArg("The case.")) caseId: string | null | undefined,
    @Arg("to", () => CaseStatus, deprecatedFlatArg("The status to move to.")) to: keyof typeof CaseStatus | null | undefined,
    @Arg("reason", () => String, deprecatedFlatArg("Why (理由), kept in the case's transitions.")) reason: string | null | undefined,
    @Arg("complex", () => Boolean, deprecatedFlatArg("At 受理: is it 複雑化・複合化?")) complex: boolean | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CasePayloadView> {
    const { input: chosen, userErrors } = chooseInputForm(input, { caseId, to, reason, complex }, TRANSITION_CASE_REQUIRED);
    if (!chosen) return { case: null, userErrors };
    return casePayload(ctx, { key: idempotencyKey, operation: "transitionCase", args: chosen }, chosen.caseId, (tx) =>
      ctx.cases.transition(tx, chosen),
    );
  }

  @Mutation(() => CasePayload, { description: "Record an assessment (assigned organisations)." })
  recordAssessment(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("input", () => AssessmentInput, { description: "The assessment." }) input: AssessmentInput,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "recordAssessment", args: { caseId, input } }, caseId, (tx) =>
      ctx.records.assess(tx, caseId, input),
    );
  }

  @Mutation(() => CasePayload, { description: "Record a support plan, a new version each time (lead or coordinator)." })
  recordSupportPlan(
    @Arg("caseId", () => ID, { description: "The case." }) caseId: string,
    @Arg("input", () => SupportPlanInput, { description: "The plan." }) input: SupportPlanInput,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ) {
    return casePayload(ctx, { key: idempotencyKey, operation: "recordSupportPlan", args: { caseId, input } }, caseId, (tx) =>
      ctx.records.plan(tx, caseId, input),
    );
  }

  @Mutation(() => CasePayload, { description: "Log support given (assigned organisations)." })
  async logProgress(
    @Arg("input", () => LogProgressInput, { nullable: true, description: "The entry; give this, not the deprecated flat arguments." })
    input: LogProgressInput | null | undefined,
    @Arg("caseId", () => ID, deprecatedFlatArg("The case.")) caseId: string | null | undefined,
    @Arg("date", () => LocalDateResolver, deprecatedFlatArg("When the support was given.")) date: string | null | undefined,
    @Arg("method", () => ProgressMethod, deprecatedFlatArg("How (方法).")) method: keyof typeof ProgressMethod | null | undefined,
    @Arg("staff", () => String, deprecatedFlatArg("Staff who gave it (担当者).")) staff: string | null | undefined,
    @Arg("content", () => String, deprecatedFlatArg("What was done (支援内容).")) content: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CasePayloadView> {
    const { input: chosen, userErrors } = chooseInputForm(input, { caseId, date, method, staff, content }, LOG_PROGRESS_REQUIRED);
    if (!chosen) return { case: null, userErrors };
    return casePayload(ctx, { key: idempotencyKey, operation: "logProgress", args: chosen }, chosen.caseId, (tx) =>
      ctx.records.logProgress(tx, chosen),
    );
  }

  @Mutation(() => CasePayload, { description: "Record monitoring and evaluation, and the next review date (lead or coordinator)." })
  async recordMonitoring(
    @Arg("input", () => RecordMonitoringInput, {
      nullable: true,
      description: "The monitoring; give this, not the deprecated flat arguments.",
    })
    input: RecordMonitoringInput | null | undefined,
    @Arg("caseId", () => ID, deprecatedFlatArg("The case.")) caseId: string | null | undefined,
    @Arg("date", () => LocalDateResolver, deprecatedFlatArg("Date of the monitoring.")) date: string | null | undefined,
    @Arg("goalsMet", () => Boolean, deprecatedFlatArg("Whether the plan's goals were met.")) goalsMet: boolean | null | undefined,
    @Arg("evaluation", () => String, deprecatedFlatArg("The evaluation (評価).")) evaluation: string | null | undefined,
    @Arg("outcome", () => EvaluationOutcome, deprecatedFlatArg("What was decided, if anything yet."))
    outcome: keyof typeof EvaluationOutcome | null | undefined,
    @Arg("nextReviewDate", () => LocalDateResolver, deprecatedFlatArg("The next review (次回評価日)."))
    nextReviewDate: string | null | undefined,
    @Ctx() ctx: CasesContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<CasePayloadView> {
    const flat = { caseId, date, goalsMet, evaluation, outcome, nextReviewDate };
    const { input: chosen, userErrors } = chooseInputForm(input, flat, RECORD_MONITORING_REQUIRED);
    if (!chosen) return { case: null, userErrors };
    return casePayload(ctx, { key: idempotencyKey, operation: "recordMonitoring", args: chosen }, chosen.caseId, (tx) =>
      ctx.records.monitor(tx, chosen),
    );
  }
}
