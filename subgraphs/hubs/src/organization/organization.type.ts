import { Directive, Field, ObjectType } from "type-graphql";

/** The directory's organisation, as this subgraph knows it: by its code. */
@ObjectType("Organization", { description: "An organisation taking part in the programme (組織)." })
@Directive('@key(fields: "code")')
export class OrganizationRef {
  @Field(() => String, { description: "Stable short code, e.g. `district-council-01`." })
  code!: string;
}

export const organizationRef = (code: string): OrganizationRef => ({ code });
