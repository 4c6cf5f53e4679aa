import { describe, expect, it } from "vitest";
import { holdsNul, writesNul } from "./nul.js";

describe("NUL in a request", () => {
  it("is found in any value, and written as an escape in a string of the text, plain or braced", () => {
    expect(holdsNul({ query: "{ a }", variables: { l: ["x", { y: "a\u0000b" }] } })).toBe(true);
    for (const escape of ["\\u0000", "\\u{0}", "\\u{0000}", "\\U0000"])
      expect(holdsNul({ query: `mutation { f(l: "a${escape}b") }` }), escape).toBe(escape !== "\\U0000");
  });

  it("is not seen where the text only looks like it: an escaped backslash, a block string, a comment", () => {
    expect(writesNul(`mutation { f(l: "a\\\\u0000b") }`)).toBe(false);
    expect(writesNul(`mutation { f(l: """a\\u0000b""") }`)).toBe(false);
    expect(writesNul(`# \\u0000\nmutation { f(l: "ab") }`)).toBe(false);
    expect(writesNul(`not a document \\u0000`)).toBe(false);
    expect(holdsNul({ query: `{ f(l: "\\u00e9") }` })).toBe(false);
  });
});
