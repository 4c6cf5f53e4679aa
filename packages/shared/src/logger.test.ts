import { afterEach, describe, expect, it } from "vitest";
import { captureLogs, logger, requestContext, safeError } from "./logger.js";

let release: (() => void) | undefined;
afterEach(() => release?.());

function capture(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  release = captureLogs((line) => void lines.push(JSON.parse(line)), "debug");
  return lines;
}

describe("logger", () => {
  it("redacts personal fields at any depth of a line's fields, and keeps the rest", () => {
    const lines = capture();
    logger.info("case touched", {
      status: 200,
      name: "山田 太郎",
      person: { nameKana: "ヤマダ タロウ", address: "山形市", phone: "023-000-0000" },
      a: { b: { narrative: "相談内容" } },
    });
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const value of ["山田 太郎", "ヤマダ タロウ", "山形市", "023-000-0000", "相談内容"]) expect(text).not.toContain(value);
    expect(lines[0]).toMatchObject({ level: "info", message: "case touched", status: 200, name: "[redacted]" });
  });

  it("adds the request id of the call being served", () => {
    const lines = capture();
    requestContext.run({ requestId: "req-1", operation: "ReadCase" }, () => logger.debug("inside"));
    logger.debug("outside");
    expect(lines[0]).toMatchObject({ requestId: "req-1", operation: "ReadCase", level: "debug" });
    expect(lines[1]!.requestId).toBeUndefined();
  });

  it("takes SQL literals and key values out of a database error's message", () => {
    const error = Object.assign(
      new Error(
        `insert into "cases"."person" ("name", "phone") values ('山田 太郎', '023-000-0000') - duplicate key value violates unique constraint "person_phone_unique" Key (phone)=(023-000-0000) already exists.`,
      ),
      { code: "23505" },
    );
    const safe = safeError(error);
    expect(JSON.stringify(safe)).not.toMatch(/山田|023-000-0000/);
    expect(safe).toMatchObject({ type: "Error", code: "23505" });
    expect(safe.message).toContain('"cases"."person"');
    expect(safe.stack).toMatch(/^\s+at /);
  });
});
