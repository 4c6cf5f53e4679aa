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
      'What to display: the number; "<5" for a small figure withheld on its own; "—" for any figure withheld within a table whose total is shown (by month, by district), small or not, so that the withheld cannot be told apart, and for such a total itself when nothing else would keep its small figures from being worked out.',
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

/** Which rows of a table, and which columns' totals, a caller not entitled to small counts is not shown. */
export interface Withholding<T> {
  /** Rows withheld: every figure of the row shows "—". */
  rows: Set<T>;
  /** Indexes of the columns whose total is withheld too (nothing else would protect their small figures). */
  totals: Set<number>;
}

/**
 * Of a table whose rows add up to totals the caller also sees (months of a year, districts of the city),
 * what to withhold from a caller not entitled to small counts. Every row with a figure from 1 to 4 is
 * withheld, then more rows, smallest first, until each column's withheld figures are protected against
 * the total and the figures shown, also from someone who already knows one of them exactly (a district's
 * own council knows its district's worries): see `protectedFigures`. Rows are withheld whole (a figure
 * shown beside a withheld one of its row would bound it: worries passed on ≤ worries heard). When even
 * every row withheld leaves a column's small figures exposed (a total of 6 from two districts of 3), the
 * column's total is withheld too.
 */
export function figuresToWithhold<T>(rows: readonly T[], columns: readonly ((row: T) => number)[], identity: Identity): Withholding<T> {
  const withheld: Withholding<T> = { rows: new Set(), totals: new Set() };
  if (entitledToSmallCounts(identity)) return withheld;
  for (const row of rows) if (columns.some((n) => n(row) > 0 && n(row) < SMALL_COUNT)) withheld.rows.add(row);
  // A row withheld for one column changes what another's are protected by: settle until nothing changes.
  for (let changed = withheld.rows.size > 0; changed;) {
    changed = false;
    columns.forEach((n, column) => {
      if (withheld.totals.has(column)) return;
      const shown = rows.filter((r) => !withheld.rows.has(r) && n(r) > 0).sort((a, b) => n(a) - n(b));
      const figures = [...withheld.rows].map(n).filter((v) => v > 0);
      if (protectedFigures(figures, shown.length ? n(shown[0]!) : Infinity)) return;
      if (shown.length) withheld.rows.add(shown[0]!);
      else withheld.totals.add(column);
      changed = true;
    });
  }
  return withheld;
}

/**
 * Whether withheld figures keep each small one among them hidden. What anyone can work out: the
 * withheld add up to the total less the figures shown; each is at least 1 (zeros are shown) and at most
 * `smallestShown` (the withheld are the smallest). Whoever knows none of them, or exactly one, must still
 * be unable, for each of the others, to rule out 1 or to rule out 5 or more.
 */
function protectedFigures(figures: readonly number[], smallestShown: number): boolean {
  const knowingOne = [...new Set(figures)].map((known) => {
    const rest = [...figures];
    rest.splice(rest.indexOf(known), 1);
    return rest;
  });
  return [figures, ...knowingOne].every((rest) => {
    if (!rest.some((v) => v < SMALL_COUNT)) return true; // nothing small left to give away
    const sum = rest.reduce((a, b) => a + b, 0);
    const others = rest.length - 1;
    const highest = Math.min(smallestShown, sum - others);
    const lowest = others === 0 ? sum : Math.max(1, sum - others * smallestShown);
    return highest >= SMALL_COUNT && lowest <= 1;
  });
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
