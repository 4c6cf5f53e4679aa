import "reflect-metadata";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogs } from "./logger.js";
import { RuleViolation } from "./mutation.js";
import { maskError } from "./server.js";

/** What Apollo Server hands `formatError`: the formatted error (with its stack in development) and the error. */
function thrown(original: Error, code?: string): [GraphQLFormattedError, GraphQLError] {
  const error = new GraphQLError(original.message, { path: ["case"], originalError: original, extensions: code ? { code } : {} });
  const formatted: GraphQLFormattedError = {
    message: error.message,
    path: ["case"],
    extensions: { code: code ?? "INTERNAL_SERVER_ERROR", stacktrace: (original.stack ?? "").split("\n") },
  };
  return [formatted, error];
}

let release: (() => void) | undefined;
afterEach(() => release?.());

describe("a subgraph's errors as its clients see them", () => {
  it("in production, an internal error has neither its message nor a stack, and is logged without its SQL values", () => {
    const lines: string[] = [];
    release = captureLogs((line) => void lines.push(line), "error");
    const failure = new Error(`insert into "cases"."person" ("name") values ('山田 太郎') - connection terminated`);
    const shown = maskError(true)(...thrown(failure));
    expect(shown).toEqual({ message: "内部エラーが発生しました。", path: ["case"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("connection terminated");
    expect(lines[0]).not.toContain("山田 太郎");
  });

  it("outside production, an internal error keeps its message and stack for the developer", () => {
    release = captureLogs(() => {}, "error");
    const failure = new Error("connection terminated");
    const shown = maskError(false)(...thrown(failure));
    expect(shown.message).toBe("connection terminated");
    expect(shown.extensions?.stacktrace).toBeDefined();
  });

  it("keeps a refusal's message and code, without a stack, in every mode; a rule violation is bad input", () => {
    for (const production of [true, false]) {
      const refusal = maskError(production)(...thrown(new Error("このケースを見る権限がありません。"), "FORBIDDEN"));
      expect(refusal).toEqual({ message: "このケースを見る権限がありません。", path: ["case"], extensions: { code: "FORBIDDEN" } });
      const violation = maskError(production)(
        ...thrown(new RuleViolation("MONTH_INVALID", "月は YYYY-MM で指定してください。", ["month"])),
      );
      expect(violation).toMatchObject({
        message: "月は YYYY-MM で指定してください。",
        extensions: { code: "BAD_USER_INPUT", rule: "MONTH_INVALID", field: ["month"] },
      });
      expect(violation.extensions?.stacktrace).toBeUndefined();
    }
  });
});
