import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, OutboxEventEntity } from "@marugoto/shared";
import { BreakGlassEntity, DisclosureEntity } from "./access/access.entity.js";
import { AssignmentEntity, ReferralEntity } from "./assignment/assignment.entity.js";
import { AuditEntryEntity } from "./audit/audit.entity.js";
import { AuditResolver } from "./audit/audit.resolver.js";
import { CaseEntity, CaseTransitionEntity } from "./case/case.entity.js";
import { AgendaItemCaseResolver, AgendaItemRef } from "./agenda/agenda-item.ref.js";
import { guardCaseFields } from "./case/case-fields.js";
import { caseReference } from "./case/case.reference.js";
import { CaseResolver, HouseholdMemberResolver } from "./case/case.resolver.js";
import { ConsentEntity } from "./consent/consent.entity.js";
import {
  AssignmentResolver,
  ConsentResolver,
  ConsultationResolver,
  DisclosureResolver,
  OrganizationCasesResolver,
  PlanRoleResolver,
  ProgressEntryResolver,
  ReferralResolver,
  SupportPlanResolver,
} from "./consent/sharing.resolver.js";
import { ConsultationEntity } from "./consultation/consultation.entity.js";
import { CaseSubscriptionResolver } from "./events/subscription.resolver.js";
import { SharedCasesSubscriptionResolver } from "./events/shared-cases.resolver.js";
import { ConsultationSourceResolver, HubReferralsResolver } from "./hub/hub.resolver.js";
import { ParticipationSiteEntity, PlacementEntity, WorkSessionEntity } from "./participation/participation.entity.js";
import { CasePlacementsResolver, ParticipationSiteResolver, PlacementResolver } from "./participation/participation.resolver.js";
import { FiscalYearReportRef, CaseReportResolver } from "./report/report.resolver.js";
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
  BreakGlassEntity,
  AuditEntryEntity,
  ParticipationSiteEntity,
  PlacementEntity,
  WorkSessionEntity,
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
      OrganizationCasesResolver,
      AssignmentResolver,
      ReferralResolver,
      ConsentResolver,
      DisclosureResolver,
      ConsultationResolver,
      SupportPlanResolver,
      PlanRoleResolver,
      ProgressEntryResolver,
      AuditResolver,
      CaseSubscriptionResolver,
      SharedCasesSubscriptionResolver,
      PlacementResolver,
      ParticipationSiteResolver,
      CasePlacementsResolver,
      CaseReportResolver,
      HubReferralsResolver,
      ConsultationSourceResolver,
      AgendaItemCaseResolver,
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
