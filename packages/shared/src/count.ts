import { Directive, Field, Int, ObjectType } from "type-graphql";
import { hasRole, type Identity } from "./identity.js";

/** Below this, a count of people could point at someone: shown only to those entitled. */
export const SMALL_COUNT = 5;

/** A figure of the fiscal-year report, suppressed when small and the caller is not entitled. */
@ObjectType("Count", {
  description:
    'A reported figure (件数). Counts below 5 are withheld from callers not entitled to the underlying cases: shown "<5", or "—" within a table whose total is shown (see `display`).',
})
@Directive("@shareable")
export class Count {
  @Field(() => Int, { nullable: true, description: "The number; null when suppressed." })
  value!: number | null;

  @Field(() => String, {
    description:
      'What to display: the number; "<5" for a small figure withheld on its own; "—" for any figure withheld within a table whose total is shown (by month, by district), small or not, so that the withheld cannot be told apart.',
  })
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

/**
 * Of figures that add up to a total the caller also sees (months of a year, districts of the city),
 * the ones to withhold from a caller not entitled to small counts: every one from 1 to 4, then more of
 * the smallest shown ones until the withheld are at least two and add up to at least 5, so that no
 * small figure can be worked out from the total.
 */
export function cellsToWithhold<T extends { n: number }>(cells: readonly T[], identity: Identity): Set<T> {
  const withheld = new Set<T>();
  if (entitledToSmallCounts(identity)) return withheld;
  for (const cell of cells) if (cell.n > 0 && cell.n < SMALL_COUNT) withheld.add(cell);
  const sum = () => [...withheld].reduce((n, c) => n + c.n, 0);
  const shown = cells.filter((c) => c.n >= SMALL_COUNT).sort((a, b) => a.n - b.n);
  while (withheld.size > 0 && (withheld.size < 2 || sum() < SMALL_COUNT) && shown.length) withheld.add(shown.shift()!);
  return withheld;
}

/** What a figure withheld within a table shows, small or not. */
const WITHHELD_IN_TABLE = "—";

/**
 * A figure of such a table as shown: its count, or "—" when withheld. Every withheld figure shows the
 * same: a small one shown "<5" beside one withheld to protect it would tell that one ≥ 5, and with the
 * total, both (1 and 5 when they add up to 6).
 */
export function cellCount(n: number, identity: Identity, withheld: boolean): Count {
  return withheld ? { value: null, display: WITHHELD_IN_TABLE, suppressed: true } : count(n, identity);
}
