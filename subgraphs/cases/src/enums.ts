import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { BREAK_GLASS_OUTCOMES, DISCLOSURE_KINDS } from "./access/access.entity.js";
import { ASSIGNMENT_ROLES, REFERRAL_STATUSES } from "./assignment/assignment.entity.js";
import { GROUNDS } from "./audit/audit.entity.js";
import { CASE_STATUSES } from "./case/case.entity.js";
import { INFO_KINDS } from "./consent/consent.entity.js";
import { CONSENT_ANSWERS, PROBLEM_AREAS, SOURCE_KINDS } from "./consultation/consultation.entity.js";
import { CASE_EVENT_KINDS, SHARED_CASE_EVENT_KINDS } from "./events/case-events.js";
import { SEXES } from "./person/person.entity.js";
import { EVALUATION_OUTCOMES, PROGRESS_METHODS } from "./record/record.entity.js";

export const CaseStatus = enumFrom(CASE_STATUSES);
registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description: "Where a case stands in the support lifecycle.",
  valuesConfig: {
    RECEIVED: { description: "相談受付." },
    ACCEPTED: { description: "受理 (complex cases go to 多機関協働)." },
    ASSESSMENT: { description: "アセスメント." },
    PLANNING: { description: "支援プラン作成." },
    IN_CONFERENCE: { description: "重層的支援会議・支援会議で協議." },
    DECIDED: { description: "支援決定 (by the city)." },
    IN_SUPPORT: { description: "支援の実施." },
    MONITORING: { description: "モニタリング." },
    EVALUATION: { description: "評価: close, continue, re-plan or suspend." },
    SUSPENDED: { description: "中断." },
    COLLABORATION_ENDED: { description: "多機関協働の終結: the lead organisation keeps accompanying the person." },
    CLOSED: { description: "終結: the case is closed." },
  },
});
export const Sex = enumFrom(SEXES);
registerEnumType(Sex, { name: "Sex", description: "Sex as recorded (性別)." });
export const SourceKind = enumFrom(SOURCE_KINDS);
registerEnumType(SourceKind, {
  name: "ConsultationSource",
  description: "Where a consultation came from (相談経路).",
  valuesConfig: {
    AGENCY: { description: "A consultation agency." },
    CITY_SECTION: { description: "A city section." },
    HUB: { description: "A community hub (地域づくり拠点), via its district council." },
    WELFARE_COMMISSIONER: { description: "A 民生委員." },
    OTHER: { description: "Other." },
  },
});
export const ConsentAnswer = enumFrom(CONSENT_ANSWERS);
registerEnumType(ConsentAnswer, { name: "ConsentAnswer", description: "The person's answer at intake to sharing their information (情報共有への同意)." });
export const ProblemArea = enumFrom(PROBLEM_AREAS);
registerEnumType(ProblemArea, { name: "ProblemArea", description: "Problem area of the intake checklist (相談内容の分野)." });
export const AssignmentRole = enumFrom(ASSIGNMENT_ROLES);
registerEnumType(AssignmentRole, {
  name: "AssignmentRole",
  description: "An organisation's role on a case.",
  valuesConfig: {
    LEAD: { description: "主担当." },
    COORDINATOR: { description: "多機関協働 (the multi-agency coordinator, 市社協)." },
    SUPPORT: { description: "支援機関." },
  },
});
export const ReferralStatus = enumFrom(REFERRAL_STATUSES);
registerEnumType(ReferralStatus, { name: "ReferralStatus", description: "Where a referral stands (sent, accepted, declined)." });
export const InfoKind = enumFrom(INFO_KINDS);
registerEnumType(InfoKind, {
  name: "InfoKind",
  description: "A kind of case information: the unit of consent and of what each ground discloses.",
  valuesConfig: {
    BASIC: { description: "The person, household, status, organisations involved." },
    CONSULTATION: { description: "Consultation records." },
    ASSESSMENT: { description: "Assessments." },
    PLAN: { description: "Support plans." },
    PROGRESS: { description: "Progress log, monitoring and evaluation." },
  },
});
export const Ground = enumFrom(GROUNDS);
registerEnumType(Ground, {
  name: "AccessGround",
  description: "The ground on which case data is shown (閲覧の根拠). Department alone is never one.",
  valuesConfig: {
    ASSIGNMENT: { description: "The caller's organisation is assigned to the case." },
    CONSENT: { description: "The person's consent names the caller's organisation." },
    SUPPORT_MEETING: { description: "Disclosed to a 支援会議 the organisation is a member of (社会福祉法第106条の6), for its purpose." },
    MULTI_LAYERED_SUPPORT_MEETING: { description: "Disclosed to a 重層的支援会議, valid only while the person's consent covers it." },
    BREAK_GLASS: { description: "Emergency access by this person, time-limited and flagged for review." },
  },
});
export const DisclosureKind = enumFrom(DISCLOSURE_KINDS);
registerEnumType(DisclosureKind, { name: "DisclosureKind", description: "Which kind of meeting a case was disclosed to." });
export const ProgressMethod = enumFrom(PROGRESS_METHODS);
registerEnumType(ProgressMethod, { name: "ProgressMethod", description: "How support was given (方法): visit, phone, office, meeting, accompaniment, other." });
export const EvaluationOutcome = enumFrom(EVALUATION_OUTCOMES);
registerEnumType(EvaluationOutcome, { name: "EvaluationOutcome", description: "What an evaluation decided: close, continue, re-plan, suspend, end collaboration." });
export const CaseEventKind = enumFrom(CASE_EVENT_KINDS);
registerEnumType(CaseEventKind, { name: "CaseEventKind", description: "What changed on a case." });

export const BreakGlassOutcome = enumFrom(BREAK_GLASS_OUTCOMES);
registerEnumType(BreakGlassOutcome, {
  name: "BreakGlassOutcome",
  description: "What a review decided of an emergency access.",
  valuesConfig: {
    APPROPRIATE: { description: "Justified; the access runs out at its expiry." },
    END_ACCESS: { description: "Ended at once: the holder loses the access with the review." },
  },
});
export const SharedCaseEventKind = enumFrom(SHARED_CASE_EVENT_KINDS);
registerEnumType(SharedCaseEventKind, {
  name: "SharedCaseEventKind",
  description: "How an organisation's shared cases changed.",
  valuesConfig: {
    CASE_SHARED: { description: "The organisation now sees the case (an assignment, a consent or a disclosure to a meeting it sits on)." },
    CASE_UNSHARED: { description: "The organisation's last ground on the case ended (assignment ended, consent withdrawn, disclosure revoked)." },
  },
});
