import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { PageInfo, UserError } from "@marugoto/shared";
import {
  AssignmentRole,
  BreakGlassOutcome,
  CaseEventKind,
  CaseStatus,
  ConsentAnswer,
  DisclosureKind,
  EvaluationOutcome,
  Ground,
  InfoKind,
  ProblemArea,
  ProgressMethod,
  ReferralStatus,
  Sex,
  SourceKind,
} from "./enums.js";
import { GroundSourceType } from "./consent/ground-source.type.js";

@ObjectType("Case", {
  description:
    "A case (ケース): a household's support. Visible only on a ground (assignment, consent, a meeting it was disclosed to, break-glass); every read is audited. Fields of a kind the caller's grounds do not disclose are null.",
})
@Directive('@key(fields: "id")')
export class CaseType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
}

@ObjectType("Person", { description: "A person (本人・世帯員). Pseudonymous until consent or a 支援会議 allows a name." })
export class PersonType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Pseudonym (仮名), always set." })
  pseudonym!: string;
  @Field(() => String, { nullable: true, description: "Name (氏名); null while pseudonymous." })
  name?: string | null;
  @Field(() => String, { nullable: true, description: "Name in kana (ふりがな)." })
  nameKana?: string | null;
  @Field(() => Sex, { description: "Sex (性別)." })
  sex!: keyof typeof Sex;
  @Field(() => LocalDateResolver, { nullable: true, description: "Birth date (生年月日)." })
  birthDate?: string | null;
  @Field(() => String, { nullable: true, description: "Address (住所)." })
  address?: string | null;
  @Field(() => String, { nullable: true, description: "Phone (電話番号)." })
  phone?: string | null;
}

@ObjectType("HouseholdMember", { description: "A member of the case's household (世帯員) and the relation to the main person (続柄)." })
export class HouseholdMemberType {
  @Field(() => String, { description: "Relation (続柄), e.g. 本人, 母, 長男." })
  relation!: string;
}

@ObjectType("Consultation", { description: "A consultation received (相談受付)." })
export class ConsultationType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date received (受付日)." })
  receivedOn!: string;
  @Field(() => String, { description: "Who took it (受付者)." })
  takenBy!: string;
  @Field(() => SourceKind, { description: "Where it came from (相談経路)." })
  sourceKind!: keyof typeof SourceKind;
  @Field(() => String, { nullable: true, description: "Who came (来談者)." })
  visitor?: string | null;
  @Field(() => String, { nullable: true, description: "Their relation to the person (続柄)." })
  visitorRelation?: string | null;
  @Field(() => [ProblemArea], { description: "Problem areas checked." })
  problemAreas!: (keyof typeof ProblemArea)[];
  @Field(() => ProblemArea, { description: "The main area (主訴)." })
  mainProblemArea!: keyof typeof ProblemArea;
  @Field(() => String, { nullable: true, description: "What was said (相談内容)." })
  narrative?: string | null;
  @Field(() => ConsentAnswer, { description: "The consent answer at intake." })
  consentAnswer!: keyof typeof ConsentAnswer;
}

@ObjectType("ProblemDetail", { description: "One problem by area in an assessment." })
export class ProblemDetailType {
  @Field(() => String, { description: "Area." })
  area!: string;
  @Field(() => String, { description: "The problem." })
  detail!: string;
}

@ObjectType("Assessment", { description: "An assessment (アセスメント)." })
export class AssessmentType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { nullable: true, description: "Household (世帯の状況)." })
  household?: string | null;
  @Field(() => String, { nullable: true, description: "Work (就労)." })
  work?: string | null;
  @Field(() => String, { nullable: true, description: "Housing (住まい)." })
  housing?: string | null;
  @Field(() => String, { nullable: true, description: "Health insurance (医療保険)." })
  insurance?: string | null;
  @Field(() => String, { nullable: true, description: "Pension (年金)." })
  pension?: string | null;
  @Field(() => Date, { description: "When it was recorded." })
  recordedAt!: Date;
}

@ObjectType("PlanRole", { description: "One organisation's role in a support plan: what, how often, until when." })
export class PlanRoleType {
  @Field(() => String, { description: "What it does." })
  what!: string;
  @Field(() => String, { nullable: true, description: "How often (頻度)." })
  frequency?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Until when (期限)." })
  until?: string | null;
}

@ObjectType("SupportPlan", { description: "A support plan (支援プラン); each revision is a new version." })
export class SupportPlanType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => Int, { description: "Version, from 1." })
  version!: number;
  @Field(() => String, { description: "Goals (目標)." })
  goals!: string;
  @Field(() => String, { description: "Direction of support (支援の方向性)." })
  direction!: string;
  @Field(() => Boolean, { description: "Referred to participation support (参加支援)." })
  referParticipationSupport!: boolean;
  @Field(() => Boolean, { description: "Referred to outreach (アウトリーチ)." })
  referOutreach!: boolean;
  @Field(() => Boolean, { description: "The person agreed to the plan (本人同意)." })
  personAgreed!: boolean;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the person agreed." })
  agreedOn?: string | null;
  @Field(() => Date, { description: "When it was recorded." })
  createdAt!: Date;
}

@ObjectType("ProgressEntry", { description: "One entry of the progress log (支援経過)." })
export class ProgressEntryType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date." })
  date!: string;
  @Field(() => ProgressMethod, { description: "Method." })
  method!: keyof typeof ProgressMethod;
  @Field(() => String, { description: "Staff (担当者)." })
  staff!: string;
  @Field(() => String, { description: "Content." })
  content!: string;
}

@ObjectType("Monitoring", { description: "A monitoring and evaluation (モニタリング・評価)." })
export class MonitoringType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Date." })
  date!: string;
  @Field(() => Boolean, { description: "Goals met." })
  goalsMet!: boolean;
  @Field(() => String, { description: "Evaluation." })
  evaluation!: string;
  @Field(() => EvaluationOutcome, { nullable: true, description: "What was decided." })
  outcome?: keyof typeof EvaluationOutcome | null;
}

@ObjectType("CaseTransition", { description: "A status change: who, when, why." })
export class CaseTransitionType {
  @Field(() => CaseStatus, { nullable: true, description: "From (null when the case opened)." })
  fromStatus?: keyof typeof CaseStatus | null;
  @Field(() => CaseStatus, { description: "To." })
  toStatus!: keyof typeof CaseStatus;
  @Field(() => String, { nullable: true, description: "Why." })
  reason?: string | null;
  @Field(() => Date, { description: "When." })
  at!: Date;
}

@ObjectType("Assignment", { description: "An organisation assigned to a case (担当)." })
export class AssignmentType {
  @Field(() => AssignmentRole, { description: "Its role." })
  role!: keyof typeof AssignmentRole;
  @Field(() => Date, { description: "Since when." })
  assignedAt!: Date;
  @Field(() => Date, { nullable: true, description: "Until when (null while active)." })
  endedAt?: Date | null;
}

@ObjectType("Referral", { description: "A referral between organisations (つなぎ)." })
export class ReferralType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => ReferralStatus, { description: "Where it stands." })
  status!: keyof typeof ReferralStatus;
  @Field(() => String, { nullable: true, description: "Note from the sender." })
  note?: string | null;
  @Field(() => String, { nullable: true, description: "Why it was declined." })
  declineReason?: string | null;
  @Field(() => Date, { description: "Sent." })
  sentAt!: Date;
}

@ObjectType("Consent", { description: "The person's consent to sharing (本人同意), its scope and its withdrawal." })
export class ConsentType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => [InfoKind], { description: "Kinds of information it covers." })
  infoKinds!: (keyof typeof InfoKind)[];
  @Field(() => Boolean, { description: "Covers discussion at 重層的支援会議." })
  coversMultiLayeredMeeting!: boolean;
  @Field(() => LocalDateResolver, { description: "Given on." })
  givenOn!: string;
  @Field(() => Date, { nullable: true, description: "Withdrawn at (effective at once)." })
  withdrawnAt?: Date | null;
}

@ObjectType("Disclosure", { description: "A disclosure of the case to a meeting's members, for its purpose." })
export class DisclosureType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => DisclosureKind, { description: "Kind of meeting." })
  kind!: keyof typeof DisclosureKind;
  @Field(() => ID, { description: "The meeting's id." })
  meetingId!: string;
  @Field(() => String, { description: "Purpose (目的)." })
  purpose!: string;
  @Field(() => Date, { description: "When." })
  disclosedAt!: Date;
  @Field(() => Date, { nullable: true, description: "Revoked at." })
  revokedAt?: Date | null;
}

@ObjectType("AuditEntry", { description: "One read of case data (閲覧記録)." })
export class AuditEntryType {
  @Field(() => Date, { description: "When." })
  at!: Date;
  @Field(() => String, { description: "Who (token subject)." })
  subject!: string;
  @Field(() => String, { description: "Their organisation's code." })
  organizationCode!: string;
  @Field(() => ID, { description: "Which case." })
  caseId!: string;
  @Field(() => Ground, { description: "On which ground." })
  ground!: keyof typeof Ground;
  @Field(() => String, { description: "In which operation (operation name and entry field)." })
  operation!: string;
  @Field(() => Boolean, { description: "Break-glass read, waiting for review." })
  flagged!: boolean;
}

@ObjectType("BreakGlassAccess", { description: "An emergency access (緊急閲覧), to be reviewed." })
export class BreakGlassType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => ID, { description: "Which case." })
  caseId!: string;
  @Field(() => String, { description: "Who." })
  subject!: string;
  @Field(() => String, { description: "Their organisation's code." })
  organizationCode!: string;
  @Field(() => String, { description: "The reason given." })
  reason!: string;
  @Field(() => Date, { description: "Granted at." })
  grantedAt!: Date;
  @Field(() => Date, { description: "Expires at." })
  expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: "Reviewed at." })
  reviewedAt?: Date | null;
  @Field(() => BreakGlassOutcome, { nullable: true, description: "What the review decided." })
  reviewOutcome?: keyof typeof BreakGlassOutcome | null;
}

@ObjectType("SharedCaseEdge", { description: "A case shared with an organisation, with the grounds." })
export class SharedCaseEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => CaseType, { description: "The case." })
  node!: CaseType;
  @Field(() => [Ground], { description: "Why the organisation may see it." })
  grounds!: (keyof typeof Ground)[];
  @Field(() => [GroundSourceType], { description: "The records behind `grounds`: which assignment, consent, meeting (and its purpose) disclosed the case." })
  groundSources!: GroundSourceType[];
}

@ObjectType("SharedCaseConnection", { description: "Cases shared with an organisation (共有ケース), oldest share first." })
export class SharedCaseConnection {
  @Field(() => [SharedCaseEdge], { description: "The cases of this page, with cursors and grounds." })
  edges!: SharedCaseEdge[];
  @Field(() => [CaseType], { description: "The cases of this page (the edges' nodes)." })
  nodes!: CaseType[];
  @Field(() => Int, { description: "How many cases match the filters, over all pages (件数)." })
  totalCount!: number;
  @Field(() => String, {
    description: "The cases subgraph's event cursor, read before this list: subscribe to `sharedCasesChanged(after:)` with it to miss no share or unshare that follows.",
  })
  eventCursor!: string;
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}

@ObjectType("AuditEntryEdge", { description: "An audit entry in a connection." })
export class AuditEntryEdge {
  @Field(() => String, { description: "Cursor." })
  cursor!: string;
  @Field(() => AuditEntryType, { description: "The entry." })
  node!: AuditEntryType;
}

@ObjectType("AuditEntryConnection", { description: "A page of the audit log, newest first." })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: "Entries of this page." })
  edges!: AuditEntryEdge[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}

@ObjectType("CaseEvent", { description: "A change to a case; the case is read anew, through the caller's grounds, for every event." })
export class CaseEventType {
  @Field(() => String, { description: "Resume point for `after`." })
  cursor!: string;
  @Field(() => CaseEventKind, { description: "What changed." })
  kind!: keyof typeof CaseEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}

@ObjectType("CasePayload", { description: "Result of a mutation on a case." })
export class CasePayload {
  @Field(() => CaseType, { nullable: true, description: "The case after the change; null when refused." })
  case?: CaseType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("ReferralPayload", { description: "Result of sending a referral." })
export class ReferralPayload {
  @Field(() => ID, { nullable: true, description: "The referral's id." })
  referralId?: string | null;
  @Field(() => CaseType, { nullable: true, description: "The case." })
  case?: CaseType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}
