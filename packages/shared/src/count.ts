import { Directive, Field, Int, ObjectType } from "type-graphql";
import { hasRole, type Identity } from "./identity.js";

/** Below this, a count of people could point at someone: shown only to those entitled. */
export const SMALL_COUNT = 5;

/** A figure of the fiscal-year report, suppressed when small and the caller is not entitled. */
@ObjectType("Count", {
  description: 'A reported figure (件数). Counts below 5 are shown as "<5" to callers not entitled to the underlying cases.',
})
@Directive("@shareable")
export class Count {
  @Field(() => Int, { nullable: true, description: "The number; null when suppressed." })
  value!: number | null;

  @Field(() => String, { description: 'What to display: the number, or "<5".' })
  display!: string;

  @Field(() => Boolean, { description: "True when the number is withheld." })
  suppressed!: boolean;
}

/** Entitled to small counts of people: analysts and auditors of the programme. */
export const entitledToSmallCounts = (identity: Identity) => hasRole(identity, "analyst") || hasRole(identity, "auditor");

/** A count as this caller may see it. Zero is not suppressed: it reveals no one. */
export function count(value: number, identity: Identity, sensitive = true): Count {
  const suppressed = sensitive && value > 0 && value < SMALL_COUNT && !entitledToSmallCounts(identity);
  return suppressed ? { value: null, display: `<${SMALL_COUNT}`, suppressed: true } : { value, display: String(value), suppressed: false };
}
