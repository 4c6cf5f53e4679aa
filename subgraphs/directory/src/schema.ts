import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@marugoto/shared";
import { OrganizationResolver } from "./organization/organization.resolver.js";
import { organizationReference } from "./organization/organization.reference.js";
import { RosterMemberResolver } from "./roster/roster-member.resolver.js";
import { RosterResolver } from "./roster/roster.resolver.js";
import { ReferenceDataResolver } from "./reference-data/reference-data.resolver.js";
import { ViewerResolver } from "./viewer/viewer.resolver.js";
import { OrganizationEntity } from "./organization/organization.entity.js";
import { RosterEntity, RosterMemberEntity } from "./roster/roster.entity.js";

/** The directory subgraph's entities, for the ORM. */
export const directoryEntities = [OrganizationEntity, RosterEntity, RosterMemberEntity];

/** The directory subgraph's schema: used by the server, by `npm run compose` and by tests. */
export function buildDirectorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OrganizationResolver, RosterResolver, RosterMemberResolver, ViewerResolver, ReferenceDataResolver],
    referenceResolvers: organizationReference,
  });
}
