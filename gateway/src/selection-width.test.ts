import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { widestSelection } from "./selection-width.js";

describe("the widest selection set of a document", () => {
  it("counts the fields of each set, nested sets on their own and inline fragments into theirs", () => {
    expect(widestSelection(parse(`{ a b c { d e f g h i } }`))).toBe(6);
    expect(widestSelection(parse(`{ a ... on Query { b c ... { d } } }`))).toBe(4);
    expect(widestSelection(parse(`query { x } fragment F on T { a b c d e }`))).toBe(5);
    // A named fragment counts into each set that spreads it, once however often it is spread there.
    expect(widestSelection(parse(`{ a ...F ...F ...F } fragment F on Query { b }`))).toBe(2);
    // ... with what it spreads in turn.
    expect(widestSelection(parse(`{ a ...F } fragment F on Query { b ...G } fragment G on Query { c d }`))).toBe(4);
    // A fragment reached through two others counts once, as graphql-js collects it.
    const sixty = Array.from({ length: 60 }, (_, i) => `c${i}: code`).join(" ");
    expect(
      widestSelection(
        parse(`{ ...A ...B } fragment A on Query { a ...C } fragment B on Query { b ...C } fragment C on Query { ${sixty} }`),
      ),
    ).toBe(62);
    // A cycle (refused by another rule) ends the count.
    expect(widestSelection(parse(`{ a ...F } fragment F on Query { b ...G } fragment G on Query { c d ...F }`))).toBeLessThan(10);
  });

  it("sees 90 fields beside four fragments of 100 as one set of 490 (graphql-js compares them all pairwise)", () => {
    const fields = (n: number) => Array.from({ length: n }, () => "b { code }").join(" ");
    const fragments = ["A", "B", "C", "D"].map((name) => `fragment ${name} on Query { ${fields(100)} }`).join(" ");
    expect(widestSelection(parse(`{ ${fields(90)} ...A ...B ...C ...D } ${fragments}`))).toBe(490);
    // A fragment spread in many places is worked out once (2^30 paths, 31 fields, at once), and one name
    // counts once in a set, its inline fragments included, as graphql-js collects them.
    const levels = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { x${i}: a ...F${i + 1} ... on Query { ...F${i + 1} } }`,
    ).join(" ");
    expect(widestSelection(parse(`{ ...F0 } ${levels} fragment F30 on Query { a }`))).toBe(31);
  });

  it("sees 500 copies of one field, spread over inline fragments or not", () => {
    expect(widestSelection(parse(`{ ${Array.from({ length: 500 }, () => "b { code }").join(" ")} }`))).toBe(500);
    expect(widestSelection(parse(`{ ${Array.from({ length: 250 }, () => "... on Query { b { code } }").join(" ")} }`))).toBe(250);
  });
});
