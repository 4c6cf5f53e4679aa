import { FieldResolver, ID, Resolver, Root } from "type-graphql";
import { HubRef } from "../hub/hub.type.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Consultation } from "./consultation.entity.js";
import { ConsultationType } from "./consultation.type.js";

@Resolver(() => ConsultationType)
export class ConsultationResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation that received it." })
  receivedBy(@Root() c: Consultation): OrganizationRef {
    return organizationRef(c.receivedByCode);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: "When a community hub passed the worry on: the hub's id (the hubs subgraph resolves `sourceHub`).",
  })
  sourceHubId(@Root() c: Consultation): string | null {
    return c.sourceHubId ?? null;
  }

  @FieldResolver(() => HubRef, { nullable: true, description: "The community hub it came from, if one." })
  sourceHub(@Root() c: Consultation): HubRef | null {
    return c.sourceHubId ? { id: c.sourceHubId } : null;
  }
}
