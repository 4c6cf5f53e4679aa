import { afterEach, describe, expect, it } from "vitest";
import { captureLogs, logger, pinoLogger, requestContext, safeError } from "./logger.js";

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

  it("redacts at every depth, in lists, objects of classes and what toJSON writes, without changing what was passed", () => {
    const lines = capture();
    class Person {
      constructor(
        readonly id: string,
        readonly fullName: string,
      ) {}
    }
    const deep = { l1: { l2: { l3: { l4: { l5: { l6: { l7: { address: "山形市旅篭町" } } } } } } } };
    const fields = {
      deep,
      list: [{ people: [{ phone: "090-1111-2222" }, new Person("p1", "佐藤 花子")] }],
      written: { toJSON: () => ({ household: "母と二人暮らし", kept: "yes" }) },
    };
    logger.warn("nested", fields);
    const text = JSON.stringify(lines[0]);
    for (const value of ["山形市旅篭町", "090-1111-2222", "佐藤 花子", "母と二人暮らし"]) expect(text).not.toContain(value);
    expect(lines[0]).toMatchObject({
      list: [{ people: [{ phone: "[redacted]" }, { id: "p1", fullName: "[redacted]" }] }],
      written: { kept: "yes" },
    });
    // The caller's objects are as they were.
    expect(deep.l1.l2.l3.l4.l5.l6.l7.address).toBe("山形市旅篭町");
    expect((fields.list[0]!.people[0] as { phone: string }).phone).toBe("090-1111-2222");
  });

  it("redacts the lines of the pino instance handed to the gateway runtime too, and leaves cycles and great depth out", () => {
    const lines = capture();
    const cyclic: Record<string, unknown> = { kept: 1 };
    cyclic.self = cyclic;
    let tower: Record<string, unknown> = { notes: "記録の本文" };
    for (let i = 0; i < 40; i++) tower = { up: tower };
    pinoLogger.info({ request: { variables: { name: "山田" } }, cyclic, tower }, "runtime line");
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("山田");
    expect(text).not.toContain("記録の本文");
    expect(lines[0]).toMatchObject({ request: { variables: "[redacted]" }, cyclic: { kept: 1, self: "[left out]" } });
  });

  it("redacts the fields of an error a line carries, under pino's `err` or any other key, and its message's literals", () => {
    const lines = capture();
    const failure = () =>
      Object.assign(new Error(`value 'ヤマダ' is not unique`), { code: "23505", details: { phone: "090-3333-4444" }, kept: "yes" });
    pinoLogger.error({ err: failure() }, "runtime error");
    logger.warn("our failure", { failure: failure(), nested: { errors: [failure()] } });
    for (const line of lines) {
      const text = JSON.stringify(line);
      expect(text).not.toContain("090-3333-4444");
      expect(text).not.toContain("ヤマダ");
    }
    expect(lines[0]!.err).toMatchObject({ type: "Error", code: "23505", details: { phone: "[redacted]" }, kept: "yes" });
    expect(lines[1]).toMatchObject({ failure: { message: "value '…' is not unique", kept: "yes" } });
  });

  it("writes an error alone, and its cause, without the literals of their messages", () => {
    const lines = capture();
    const cause = new Error(`duplicate key value Key (phone)=(090-5555-6666)`);
    const outer = Object.assign(new Error(`insert failed for 'サトウ'`, { cause }), { code: "23505" });
    pinoLogger.error({ err: outer });
    pinoLogger.error(outer);
    pinoLogger.warn(`upstream said "佐藤 花子 was not found"`);
    for (const line of lines) {
      const text = JSON.stringify(line);
      for (const value of ["サトウ", "090-5555-6666", "佐藤 花子"]) expect(text).not.toContain(value);
    }
    expect(lines[0]).toMatchObject({
      message: "insert failed for '…'",
      err: { code: "23505", cause: { message: "duplicate key value Key (phone)=(…)" } },
    });
    expect(lines[1]).toMatchObject({ message: "insert failed for '…'", err: { type: "Error", code: "23505" } });
    expect(lines[2]!.message).toBe('upstream said "…"');
  });

  it("writes an error another logger turned into a plain object (message, stack) as an error", () => {
    const lines = capture();
    const error = new Error(`value 'ヤマダ' is taken`);
    // What the gateway runtime's logger hands pino: the error's properties, and its class.
    pinoLogger.error({ message: error.message, stack: error.stack, class: "Error", extensions: { code: "X" } }, "runtime line");
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("ヤマダ");
    expect(lines[0]).toMatchObject({ class: "Error", extensions: { code: "X" }, stack: expect.stringMatching(/^\s+at /) });
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
