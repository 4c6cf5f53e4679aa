import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, OutboxEventEntity } from "@marugoto/shared";
import { IdempotencyKeyEntity } from "./idempotency/idempotency-key.entity.js";
import { BreakGlassEntity, DisclosureEntity, MeetingDepartureEntity } from "./access/access.entity.js";
import { AssignmentEntity, ReferralEntity } from "./assignment/assignment.entity.js";
import { AuditEntryEntity } from "./audit/audit.entity.js";
// Resolvers in this order: type-graphql lists root fields (and each type's resolved fields) in the
// order their classes are declared, and the committed SDL follows it.
import { AuditResolver } from "./audit/audit.resolver.js";
import { CaseEntity, CaseTransitionEntity } from "./case/case.entity.js";
import { AgendaItemResolver } from "./agenda/agenda-item.resolver.js";
import { AgendaItemRef } from "./agenda/agenda-item.type.js";
import { guardCaseFields } from "./case/case-fields.js";
import { caseReference } from "./case/case.reference.js";
import { CaseResolver } from "./case/case.resolver.js";
import { HouseholdMemberResolver } from "./person/household-member.resolver.js";
import { ConsentEntity } from "./consent/consent.entity.js";
import { OrganizationResolver } from "./organization/organization.resolver.js";
import { AssignmentResolver } from "./assignment/assignment.resolver.js";
import { ReferralResolver } from "./assignment/referral.resolver.js";
import { ConsentResolver } from "./consent/consent.resolver.js";
import { DisclosureResolver } from "./access/disclosure.resolver.js";
import { ConsultationResolver } from "./consultation/consultation.resolver.js";
import { SupportPlanResolver } from "./record/support-plan.resolver.js";
import { PlanRoleResolver } from "./record/plan-role.resolver.js";
import { ProgressEntryResolver } from "./record/progress-entry.resolver.js";
import { ConsultationEntity } from "./consultation/consultation.entity.js";
import { CaseEventResolver } from "./events/case-event.resolver.js";
import { SharedCaseEventResolver } from "./events/shared-case-event.resolver.js";
import { HubResolver } from "./hub/hub.resolver.js";
import { ParticipationSiteEntity, PlacementEntity, WorkSessionEntity } from "./participation/participation.entity.js";
import { PlacementResolver } from "./participation/placement.resolver.js";
import { ParticipationSiteResolver } from "./participation/participation-site.resolver.js";
import { FiscalYearReportResolver } from "./report/fiscal-year-report.resolver.js";
import { FiscalYearReportRef } from "./report/fiscal-year-report.type.js";
import { HouseholdEntity, HouseholdMemberEntity, PersonEntity } from "./person/person.entity.js";
import { AssessmentEntity, MonitoringEntity, ProgressEntryEntity, SupportPlanEntity } from "./record/record.entity.js";

/** The cases subgraph's entities, for the ORM. */
export const casesEntities = [
  PersonEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  CaseEntity,
  CaseTransitionEntity,
  ConsultationEntity,
  AssessmentEntity,
  SupportPlanEntity,
  ProgressEntryEntity,
  MonitoringEntity,
  AssignmentEntity,
  ReferralEntity,
  ConsentEntity,
  DisclosureEntity,
  MeetingDepartureEntity,
  BreakGlassEntity,
  AuditEntryEntity,
  ParticipationSiteEntity,
  PlacementEntity,
  WorkSessionEntity,
  IdempotencyKeyEntity,
  OutboxEventEntity,
];

/** The cases subgraph's schema: used by the server, by `npm run compose` and by tests. */
export async function buildCasesSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    // Extended here, returned by the hubs subgraph: nothing of ours returns it, so name it.
    orphanedTypes: [FiscalYearReportRef, AgendaItemRef],
    resolvers: [
      CaseResolver,
      HouseholdMemberResolver,
      OrganizationResolver,
      AssignmentResolver,
      ReferralResolver,
      ConsentResolver,
      DisclosureResolver,
      ConsultationResolver,
      SupportPlanResolver,
      PlanRoleResolver,
      ProgressEntryResolver,
      AuditResolver,
      CaseEventResolver,
      SharedCaseEventResolver,
      PlacementResolver,
      ParticipationSiteResolver,
      FiscalYearReportResolver,
      HubResolver,
      AgendaItemResolver,
    ],
    referenceResolvers: {
      ...caseReference,
      Hub: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      // The representation carries `caseId` (required from the meetings subgraph); `case` checks the ground.
      AgendaItem: { __resolveReference: (ref: { id: string; caseId?: string | null }) => ({ id: ref.id, caseId: ref.caseId ?? null }) },
      FiscalYearReport: { __resolveReference: (ref: { fiscalYear: number }) => ({ fiscalYear: ref.fiscalYear }) },
    },
  });
  // Every Case field behind the one field → information-kind table.
  return guardCaseFields(schema);
}
