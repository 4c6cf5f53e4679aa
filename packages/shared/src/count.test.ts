import "reflect-metadata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { figuresToWithhold, SMALL_COUNT } from "./count.js";
import type { Identity } from "./identity.js";

const STAFF: Identity = { sub: "u", org: "koho", roles: ["staff"] };
const ANALYST: Identity = { sub: "a", org: "fukushi-suishin-bu", roles: ["analyst"] };

interface Cell {
  id: number;
  n: number;
}
const table = (values: number[]): Cell[] => values.map((n, id) => ({ id, n }));

/** What a caller not entitled sees of a one-column table: each figure or null, and the total or null. */
function published(values: number[]) {
  const cells = table(values);
  const w = figuresToWithhold(cells, [(c) => c.n], STAFF);
  const total = values.reduce((a, b) => a + b, 0);
  return { shown: cells.map((c) => (w.rows.has(c) ? null : c.n)), total: w.totals.has(0) ? null : total };
}

/**
 * What an attacker can tell of withheld figure `i`, by trying every table that agrees with what was
 * published (and with the one figure `known` they may hold): each withheld figure from 1 (zeros are
 * shown) to the smallest figure shown (the withheld are the smallest), adding up to the total.
 */
function possibleValues(shown: (number | null)[], total: number, i: number, known?: { at: number; value: number }): Set<number> {
  const positiveShown = shown.filter((v): v is number => v !== null && v > 0);
  const cap = positiveShown.length ? Math.min(...positiveShown) : total;
  const free = shown.flatMap((v, at) => (v === null && at !== known?.at ? [at] : []));
  const left = total - positiveShown.reduce((a, b) => a + b, 0) - (known?.value ?? 0);
  // The sums the other withheld figures can make, figure by figure; then each value left for figure `i`.
  let sums = new Set([0]);
  for (const at of free) {
    if (at === i) continue;
    const next = new Set<number>();
    for (const sum of sums) for (let v = 1; v <= cap && sum + v <= left; v++) next.add(sum + v);
    sums = next;
  }
  const values = new Set<number>();
  for (let v = 1; v <= Math.min(cap, left); v++) if (sums.has(left - v)) values.add(v);
  return values;
}

/** Whether a small withheld figure could be told: pinned, or known not to be 1, or known to be under 5. */
function exposed(values: number[]): string | undefined {
  const { shown, total } = published(values);
  if (total === null) return undefined; // nothing to subtract from
  for (const [i, v] of values.entries()) {
    if (shown[i] !== null || v >= SMALL_COUNT) continue;
    const holders = [undefined, ...shown.flatMap((s, at) => (s === null && at !== i ? [{ at, value: values[at]! }] : []))];
    for (const known of holders) {
      const possible = possibleValues(shown, total, i, known);
      if (!possible.has(1) || ![...possible].some((p) => p >= SMALL_COUNT))
        return `figure ${i} (${v}) is among ${[...possible].join(",")} to one who knows ${known ? `figure ${known.at}` : "nothing"}`;
    }
  }
  return undefined;
}

describe("withholding figures of a table whose total is shown", () => {
  it("shows an entitled caller everything, and a table without small figures whole", () => {
    const cells = table([2, 7, 20]);
    expect(figuresToWithhold(cells, [(c) => c.n], ANALYST)).toEqual({ rows: new Set(), totals: new Set() });
    expect(published([0, 7, 20, 5])).toEqual({ shown: [0, 7, 20, 5], total: 32 });
  });

  it("leaves no small figure to be worked out by difference (the tables that gave them away before)", () => {
    // Five 1s beside 40 and 12: with the two smallest others withheld, every "—" was exactly 1.
    expect(exposed([1, 1, 1, 1, 1, 40, 12, 0, 0])).toBeUndefined();
    // 4, 5, 5, 12: withholding the 4 and one 5 told both (the other 5 shown bounds the withheld by 5).
    expect(exposed([4, 5, 5, 12])).toBeUndefined();
    // A district's council knows its own 7: with the 20 shown, 29 − 20 − 7 told the neighbour's 2.
    expect(exposed([2, 7, 20, 0, 0])).toBeUndefined();
    expect(published([2, 7, 20, 0, 0]).shown).toEqual([null, null, null, 0, 0]);
    // Two districts of 3 and a total of 6: whoever knows one knows the other, unless the total goes too.
    expect(published([3, 3, 0])).toEqual({ shown: [null, null, 0], total: null });
  });

  it("keeps every small figure from being told, by anyone knowing none or one of the withheld (any table)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 14 })), { minLength: 1, maxLength: 7 }),
        (values) => {
          expect(exposed(values)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it("withholds rows whole, and keeps a column's small figures hidden when another's brought the row in", () => {
    // Worries heard and passed on by district: passed on ≤ heard.
    const rows = [
      { heard: 12, passed: 2 },
      { heard: 9, passed: 6 },
      { heard: 30, passed: 8 },
      { heard: 6, passed: 0 },
    ];
    const w = figuresToWithhold(rows, [(r) => r.heard, (r) => r.passed], STAFF);
    expect(w.rows.has(rows[0]!)).toBe(true);
    for (const [column, n] of [(r: (typeof rows)[0]) => r.heard, (r: (typeof rows)[0]) => r.passed].entries()) {
      const values = rows.map(n);
      const shown = rows.map((r) => (w.rows.has(r) ? null : n(r)));
      const total = w.totals.has(column) ? null : values.reduce((a, b) => a + b, 0);
      if (total === null) continue;
      for (const [i, v] of values.entries()) {
        if (shown[i] !== null || v === 0 || v >= SMALL_COUNT) continue;
        const possible = possibleValues(shown, total, i);
        expect(possible.has(1)).toBe(true);
        expect([...possible].some((p) => p >= SMALL_COUNT)).toBe(true);
      }
    }
  });
});
