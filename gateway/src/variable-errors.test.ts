import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { variableErrors } from "./variable-errors.js";

const schema = buildSchema(`type Query { organization(code: String!): String, organizations(first: Int): [String] }`);
const document = parse(`query Org($code: String!) { organization(code: $code) }`);
const check = (variableValues: unknown) => variableErrors({ schema, document, variableValues });

describe("a request's variables the operation does not declare", () => {
  it("are refused as BAD_USER_INPUT with 400, naming at most three (only names a variable could have), never a value", () => {
    const long = "n".repeat(65);
    const errors = check({ code: "nozei", a: "secret-a", b: 1, "not a name": 2, [long]: 3, c: { d: 4 }, e: 5 })!;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe("操作で宣言されていない変数 $a、$b、$c ほか3個 は受け付けません。");
    expect(errors[0]!.extensions).toEqual({ code: "BAD_USER_INPUT", undeclaredVariables: ["a", "b", "c"], http: { status: 400 } });
    expect(JSON.stringify(errors)).not.toContain("secret-a");
    expect(check({ code: "nozei", [long]: 1 })![0]!.message).toBe("操作で宣言されていない変数（1個）は受け付けません。");
  });

  it("are refused before the values of the declared ones are looked at, however deep they nest", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(check({ code: "nozei", zz: deep })!.map((e) => e.extensions.undeclaredVariables)).toEqual([["zz"]]);
  });

  it("leave declared variables to their own checks: those that fit pass, those that do not are named", () => {
    expect(check({ code: "nozei" })).toBeUndefined();
    expect(check({})!.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", variable: "code" }]);
    // A mistyped name: named as undeclared, and the declared one as missing.
    expect(check({ cod: "nozei" })!.map((e) => e.extensions)).toEqual([
      { code: "BAD_USER_INPUT", undeclaredVariables: ["cod"], http: { status: 400 } },
      { code: "BAD_USER_INPUT", variable: "code" },
    ]);
    expect(variableErrors({ schema, document: parse(`{ organizations }`), variableValues: undefined })).toBeUndefined();
    expect(variableErrors({ schema, document: parse(`{ organizations }`), variableValues: { first: 1 } })![0]!.message).toContain("$first");
  });
});
