import { Directive, Field, ObjectType } from "type-graphql";
import { isKnownOrganization } from "@marugoto/shared";

/**
 * The directory's organisation, as this subgraph knows it: by its code. Fields added here
 * (meeting bodies, meetings, action items) belong to the meetings subgraph.
 */
// Each subgraph declares its own class: type-graphql keeps field resolvers per class, globally,
// and a shared class would carry one subgraph's fields into another's schema.
@ObjectType("Organization", { description: "An organisation taking part in the programme (組織)." })
@Directive('@key(fields: "code")')
export class OrganizationRef {
  @Field(() => String, { description: "Stable short code, e.g. `nozei` for 納税課." })
  code!: string;
}

export const organizationRef = (code: string): OrganizationRef => ({ code });

/**
 * A reference the directory can resolve, or `null`: a code stored before codes were checked (or one
 * the directory no longer has) must leave its field empty, never fail the read or the event.
 */
export const knownOrganizationRef = (code: string | null | undefined): OrganizationRef | null =>
  code && isKnownOrganization(code) ? { code } : null;
