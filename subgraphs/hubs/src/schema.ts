import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, OutboxEventEntity, type ReferenceResolvers } from "@marugoto/shared";
import { ActivityEntity } from "./activity/activity.entity.js";
import type { HubsContext } from "./context.js";
import { DistrictEntity, HubEntity } from "./hub/hub.entity.js";
import { ActivityResolver, DistrictResolver, FiscalYearReportResolver, HubEventResolver, HubResolver, WorryResolver } from "./hub/hub.resolver.js";
import { ReportFileResolver } from "./report/report-file.resolver.js";
import { organizationRef } from "./organization/organization.type.js";
import { WorryEntity } from "./worry/worry.entity.js";

/** The hubs subgraph's entities, for the ORM. */
export const hubsEntities = [DistrictEntity, HubEntity, ActivityEntity, WorryEntity, OutboxEventEntity];

const references: ReferenceResolvers = {
  Hub: { __resolveReference: (ref: { id: string }, ctx: HubsContext) => ctx.hubs.hub(ref.id) },
  Organization: { __resolveReference: (ref: { code: string }) => organizationRef(ref.code) },
  FiscalYearReport: { __resolveReference: (ref: { fiscalYear: number }) => ({ fiscalYear: ref.fiscalYear }) },
};

/** The hubs subgraph's schema: used by the server, by `npm run compose` and by tests. */
export function buildHubsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [DistrictResolver, HubResolver, WorryResolver, ActivityResolver, HubEventResolver, FiscalYearReportResolver, ReportFileResolver],
    referenceResolvers: references,
  });
}
