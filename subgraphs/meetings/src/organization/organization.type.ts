import { Directive, Field, ObjectType } from "type-graphql";

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
