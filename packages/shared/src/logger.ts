/**
 * One structured logger for every process (pino): JSON lines on stderr, each with the service, and
 * the request id of the call being served when there is one. Personal fields are redacted by name
 * wherever they appear in a line's fields, and error messages lose the SQL literals and key values a
 * database error carries, so case data never reaches a log.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { trace } from "@opentelemetry/api";
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";

type Fields = Record<string, unknown>;
export type Level = "debug" | "info" | "warn" | "error";

/** The header that carries a call's request id from the gateway into every subgraph. */
export const REQUEST_ID_HEADER = "x-request-id";

/** What the logger knows of the call being served (set by the servers, read by every log line). */
export interface RequestContext {
  requestId: string;
  /** The GraphQL operation's name, once known. */
  operation?: string;
  /** The answer must not be kept by anyone (`markNotKept`). */
  notKept?: boolean;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/**
 * A request id from a caller (a load balancer, the gateway) is kept when it is a plain token, so
 * one id follows the call; anything else (too long, odd characters: log injection) gets a new one.
 */
export function requestIdOf(value: string | string[] | null | undefined): string {
  const id = Array.isArray(value) ? value[0] : value;
  return id && /^[A-Za-z0-9._:-]{1,128}$/.test(id) ? id : randomUUID();
}

/**
 * LOG_LEVEL: debug, info (default), warn, error, or false (silent). The gateway runtime's own
 * logger is handed the same pino instance and never logs below info (its debug lines carry
 * operation variables).
 */
export function logLevel(env: NodeJS.ProcessEnv = process.env): Level | false {
  const value = env.LOG_LEVEL;
  if (value === "false") return false;
  return value === "debug" || value === "warn" || value === "error" ? value : "info";
}

/**
 * Field names that hold personal data anywhere in the graph (people, households, consultations,
 * progress records, plans), and the parts of an operation that carry its input. Redacted at any
 * depth of a line's fields, inside lists too (`redactPersonal`).
 */
export const PERSONAL_KEYS = [
  "name",
  "nameKana",
  "kana",
  "fullName",
  "address",
  "phone",
  "email",
  "birthDate",
  "dateOfBirth",
  "pseudonym",
  "content",
  "summary",
  "narrative",
  "notes",
  "note",
  "description",
  "reason",
  "declineReason",
  "household",
  "housing",
  "pension",
  "insurance",
  "work",
  "goals",
  "evaluation",
  "direction",
  "visitor",
  "visitorRelation",
  "relation",
  "subject",
  "title",
  "text",
  "body",
  "input",
  "variables",
  "query",
  "authorization",
  "cookie",
] as const;

const personal: ReadonlySet<string> = new Set(PERSONAL_KEYS);
/** Deeper than this, a line's value is left out whole: nothing unchecked is written. */
const MAX_LOG_DEPTH = 32;

/**
 * A line's fields with every personal key's value replaced by `[redacted]`, at any depth, in objects
 * and lists; what is passed in is never changed (a part with nothing to redact is passed on as it
 * is). An object with `toJSON` is checked as what it would be written as. An error, and what the
 * gateway runtime's logger makes of one (a plain object with `message` and `stack`), is written as
 * `safeError` writes it (type, code, message without its literals, frames), with its own fields and
 * its `cause` (and an AggregateError's `errors`) checked the same way. Values nested deeper than 32
 * levels, and references to an object being checked (cycles), are left out.
 */
export function redactPersonal<T>(value: T): T {
  const seen = new Set<object>();
  const walk = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (depth > MAX_LOG_DEPTH || seen.has(node)) return "[left out]";
    if (Array.isArray(node)) {
      seen.add(node);
      let copy: unknown[] | undefined;
      node.forEach((item, i) => {
        const redacted = walk(item, depth + 1);
        if (redacted !== item) (copy ??= node.slice())[i] = redacted;
      });
      seen.delete(node);
      return copy ?? node;
    }
    if (node instanceof Error || isErrorShaped(node)) {
      seen.add(node);
      const own: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) own[key] = personal.has(key) ? "[redacted]" : walk(item, depth + 1);
      const { cause, errors } = node as { cause?: unknown; errors?: unknown };
      if (cause !== undefined) own.cause = walk(cause, depth + 1);
      if (Array.isArray(errors)) own.errors = walk(errors, depth + 1);
      seen.delete(node);
      delete own.message; // written by safeError below, without its literals
      delete own.stack; // its frames only, below: its first line repeats the message
      return { ...own, ...safeError(node) };
    }
    if (typeof (node as { toJSON?: unknown }).toJSON === "function") {
      const written = (node as { toJSON: () => unknown }).toJSON();
      return written === node ? node : walk(written, depth + 1);
    }
    seen.add(node);
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(node)) {
      const redacted = personal.has(key) ? "[redacted]" : walk(item, depth + 1);
      if (redacted !== item) (copy ??= { ...(node as Record<string, unknown>) })[key] = redacted;
    }
    seen.delete(node);
    return copy ?? node;
  };
  return walk(value, 0) as T;
}

/** An error as another logger wrote it down: a plain object holding its message and stack. */
function isErrorShaped(node: object): node is { message: string; stack: string } {
  const { message, stack } = node as { message?: unknown; stack?: unknown };
  return typeof message === "string" && typeof stack === "string";
}

/** A message without the quoted literals (SQL values) and `Key (column)=(value)` details it may carry. */
function scrubMessage(text: string): string {
  return text
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/=\([^)]*\)/g, "=(…)")
    .replace(/"([^"\n]{0,500})"/g, (quoted, inner: string) => (/^[A-Za-z_$][\w.$]*$/.test(inner) ? quoted : '"…"'));
}

/**
 * An error as a log may hold it: its type, code and frames, with quoted literals (SQL values) and
 * `Key (column)=(value)` details taken out of its message. An error another logger wrote down as a
 * plain object (`message`, `stack`) is taken for what it was.
 */
export function safeError(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error) && !(error !== null && typeof error === "object" && isErrorShaped(error)))
    return { type: typeof error, message: scrubMessage(String(error)) };
  const { code, message, stack, name } = error as { code?: unknown; message: string; stack?: string; name?: unknown };
  const frames = stack?.split("\n").filter((line) => /^\s+at /.test(line));
  return {
    type: typeof name === "string" ? name : "Error",
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    message: scrubMessage(message),
    ...(frames?.length ? { stack: frames.join("\n") } : {}),
  };
}

/**
 * pino's `logMethod` hook: the message of every line without its literals (the gateway runtime's lines
 * carry an upstream error's message as theirs); for a line of an error alone (`error(err)`,
 * `error({ err })`), which pino would give the error's raw message, the error's message without them.
 */
function safeMessage(this: PinoLogger, args: Parameters<PinoLogger["info"]>, method: (...args: unknown[]) => void): void {
  const all = args as unknown[];
  const [first, second] = all;
  if (typeof first === "string") return method.apply(this, [scrubMessage(first), ...all.slice(1)]);
  if (typeof second === "string") return method.apply(this, [first, scrubMessage(second), ...all.slice(2)]);
  const error = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err;
  if (error instanceof Error)
    return method.apply(this, [first instanceof Error ? { err: first } : first, safeError(error).message, ...all.slice(1)]);
  method.apply(this, args as unknown[]);
}

/** Where lines go: stderr, or (tests) every capture in place, and then nowhere else. */
const stderr: DestinationStream = { write: (line: string) => void process.stderr.write(line) };
const captures = new Set<{ write: (line: string) => void }>();
const destination: DestinationStream = {
  write(line: string) {
    if (captures.size === 0) return stderr.write(line);
    for (const capture of captures) capture.write(line);
  },
};

export const pinoLogger: PinoLogger<"debug" | "info" | "warn" | "error"> = pino(
  {
    level: logLevel() || "silent",
    // The service is added per line: a process names itself (SERVICE_NAME) after this module loads.
    messageKey: "message",
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line's fields, ours and the gateway runtime's: personal values redacted at any depth.
    formatters: { level: (label) => ({ level: label }), log: (fields) => redactPersonal(fields) },
    // An error under `err` is already written as `safeError` writes it (above): pino's own serializer would rename its type.
    serializers: { err: (err: unknown) => err },
    // A line's message loses its literals too; a line of an error alone takes the error's message without them.
    hooks: { logMethod: safeMessage },
    mixin: () => {
      const context = requestContext.getStore();
      // With tracing on (packages/shared/tracing.mjs), the active span's trace id; without, none.
      const span = trace.getActiveSpan()?.spanContext();
      return {
        ...(context ? { requestId: context.requestId, ...(context.operation ? { operation: context.operation } : {}) } : {}),
        ...(span && span.traceFlags !== undefined && !/^0+$/.test(span.traceId) ? { traceId: span.traceId, spanId: span.spanId } : {}),
      };
    },
  },
  destination,
);

/**
 * Tests: capture every line (and change the level) of this process, instead of printing it. Captures
 * nest: while several are in place (the suite's own and a test's), each gets every line. Returns a
 * function that undoes it.
 */
export function captureLogs(write: (line: string) => void, level: Level = "debug"): () => void {
  const capture = { write };
  const previousLevel = pinoLogger.level;
  captures.add(capture);
  pinoLogger.level = level;
  return () => {
    captures.delete(capture);
    pinoLogger.level = previousLevel;
  };
}

function write(level: Level, message: string, fields?: Fields): void {
  if (!pinoLogger.isLevelEnabled(level)) return;
  const service = process.env.SERVICE_NAME;
  pinoLogger[level]({ ...(service ? { service } : {}), ...fields }, message);
}

export const logger = {
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
