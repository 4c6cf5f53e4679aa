import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "@marugoto/shared";
import { BodyMemberEntity, MeetingBodyEntity } from "./body/body.entity.js";
import { bodyReference } from "./body/body.reference.js";
import { BodyMemberResolver, BodyResolver } from "./body/body.resolver.js";
import { organizationReference } from "./organization/organization.reference.js";
import { OrganizationMeetingsResolver } from "./organization/organization.resolver.js";

/** The meetings subgraph's entities, for the ORM. */
export const meetingsEntities = [MeetingBodyEntity, BodyMemberEntity];

/** The meetings subgraph's schema: used by the server, by `npm run compose` and by tests. */
export function buildMeetingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [BodyResolver, BodyMemberResolver, OrganizationMeetingsResolver],
    referenceResolvers: { ...organizationReference, ...bodyReference },
  });
}
