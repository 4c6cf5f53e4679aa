import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { widestSelection } from "./selection-width.js";

describe("the widest selection set of a document", () => {
  it("counts the fields of each set, nested sets on their own and inline fragments into theirs", () => {
    expect(widestSelection(parse(`{ a b c { d e f g h i } }`))).toBe(6);
    expect(widestSelection(parse(`{ a ... on Query { b c ... { d } } }`))).toBe(4);
    expect(widestSelection(parse(`query { x } fragment F on T { a b c d e }`))).toBe(5);
    // A named spread is not counted in: its fragment is its own set (and graphql-js compares fragment pairs once).
    expect(widestSelection(parse(`{ a ...F ...F ...F } fragment F on Query { b }`))).toBe(1);
  });

  it("sees 500 copies of one field, spread over inline fragments or not", () => {
    expect(widestSelection(parse(`{ ${Array.from({ length: 500 }, () => "b { code }").join(" ")} }`))).toBe(500);
    expect(widestSelection(parse(`{ ${Array.from({ length: 250 }, () => "... on Query { b { code } }").join(" ")} }`))).toBe(250);
  });
});
