import { Field, ObjectType } from "type-graphql";

/** The caller, as its token says (`sub`, `org`, `roles`): what a client needs before its first screen. */
@ObjectType("Viewer", {
  description: "The caller (ログイン中の利用者), from the verified token: who, of which organisation, with which roles.",
})
export class ViewerType {
  @Field(() => String, { description: "The token's subject (利用者ID)." })
  subject!: string;

  @Field(() => String, { description: "The code of the caller's organisation, as the token carries it, e.g. `nozei`." })
  organizationCode!: string;

  @Field(() => [String], { description: "The token's roles, e.g. `staff`, `chair`, `secretary`, `auditor`, `analyst`, `emergency`." })
  roles!: string[];
}
