import { captureLogs } from "@marugoto/shared/core";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeLogger } from "./observability.js";

let release: (() => void) | undefined;
afterEach(() => release?.());

describe("the gateway runtime's logger", () => {
  it("writes an error through the process's logger without the literals of its message, its stack's or its cause's", () => {
    const lines: Record<string, unknown>[] = [];
    release = captureLogs((line) => void lines.push(JSON.parse(line) as Record<string, unknown>), "debug");
    const logger = runtimeLogger();
    expect(logger).not.toBe(false);
    if (!logger) return;
    const cause = new Error(`duplicate key value Key (name)=(ヤマダ タロウ)`);
    // What yoga does with every error it masks.
    logger.error(new Error(`insert into person values ('ヤマダ', '090-7777-8888')`, { cause }));
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const value of ["ヤマダ", "090-7777-8888"]) expect(text).not.toContain(value);
    expect(lines[0]).toMatchObject({ component: "runtime", level: "error" });
    expect(text).toContain("insert into person values ('…', '…')");
  });
});
