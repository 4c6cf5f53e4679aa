import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, OutboxEventEntity } from "@marugoto/shared";
import { IdempotencyKeyEntity } from "./idempotency/idempotency-key.entity.js";
import { ActivityEntity } from "./activity/activity.entity.js";
import { DistrictEntity } from "./district/district.entity.js";
import { HubEntity } from "./hub/hub.entity.js";
import { HubStatusChangeEntity } from "./hub/hub-status-change.entity.js";
import { hubReference } from "./hub/hub.reference.js";
import { organizationReference } from "./organization/organization.reference.js";
import { fiscalYearReportReference } from "./report/fiscal-year-report.reference.js";
import { WorryEntity } from "./worry/worry.entity.js";
// Resolvers in the order their root fields appear in the SDL: type-graphql lists them as their modules load.
import { DistrictResolver } from "./district/district.resolver.js";
import { HubResolver } from "./hub/hub.resolver.js";
import { HubLifecycleResolver } from "./hub/hub-lifecycle.resolver.js";
import { HubComplianceEntryResolver } from "./compliance/hub-compliance-entry.resolver.js";
import { ComplianceMonthResolver } from "./compliance/compliance-month.resolver.js";
import { HubCoverageResolver } from "./hub-coverage/hub-coverage.resolver.js";
import { HubCoverageYearResolver } from "./hub-coverage/hub-coverage-year.resolver.js";
import { ActivityResolver } from "./activity/activity.resolver.js";
import { WorryResolver } from "./worry/worry.resolver.js";
import { HubEventResolver } from "./events/hub-event.resolver.js";
import { FiscalYearReportResolver } from "./report/fiscal-year-report.resolver.js";
import { ReportFileResolver } from "./report/report-file.resolver.js";

/** The hubs subgraph's entities, for the ORM. */
export const hubsEntities = [
  DistrictEntity,
  HubEntity,
  HubStatusChangeEntity,
  ActivityEntity,
  WorryEntity,
  IdempotencyKeyEntity,
  OutboxEventEntity,
];

/** The hubs subgraph's schema: used by the server, by `npm run compose` and by tests. */
export function buildHubsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      DistrictResolver,
      HubResolver,
      HubComplianceEntryResolver,
      ComplianceMonthResolver,
      HubCoverageResolver,
      HubCoverageYearResolver,
      ActivityResolver,
      WorryResolver,
      HubLifecycleResolver,
      HubEventResolver,
      FiscalYearReportResolver,
      ReportFileResolver,
    ],
    referenceResolvers: { ...hubReference, ...organizationReference, ...fiscalYearReportReference },
  });
}
