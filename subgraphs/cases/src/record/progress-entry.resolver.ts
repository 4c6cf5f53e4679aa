import { FieldResolver, Resolver, Root } from "type-graphql";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import { ProgressEntryType } from "./progress-entry.type.js";
import type { ProgressEntry } from "./record.entity.js";

@Resolver(() => ProgressEntryType)
export class ProgressEntryResolver {
  @FieldResolver(() => OrganizationRef, { description: "The organisation that gave the support." })
  organization(@Root() e: ProgressEntry): OrganizationRef {
    return organizationRef(e.organizationCode);
  }
}
