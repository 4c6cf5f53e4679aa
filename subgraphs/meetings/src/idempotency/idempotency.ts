import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { RuleViolation, type Identity } from "@marugoto/shared";
import { SCHEMA } from "../events/meeting-events.js";

const stable = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(stable)
    : value instanceof Date
      ? value.toISOString()
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, stable(v)]),
          )
        : value;

const hashOf = (operation: string, args: unknown) =>
  createHash("sha256")
    .update(JSON.stringify([operation, stable(args)]))
    .digest("hex");

/** How long a key is kept: a retry later than this applies again (clients retry within minutes). */
const KEY_RETENTION_DAYS = 7;

/**
 * Runs a mutation's work at most once per (caller, key), inside the caller's transaction, and
 * answers with the result reference it stored. The key row is the transaction's first write: a
 * concurrent retry with the same key waits on it (unique index) until the first commits, then finds
 * the stored result; if the first rolls back (a user error), the retry runs the mutation itself. So
 * a key is only ever taken by a change that committed, with its one event. Without a key: just `fn`.
 */
export async function applyOnce(
  tx: EntityManager,
  identity: Identity,
  idempotencyKey: string | null | undefined,
  operation: string,
  args: unknown,
  fn: () => Promise<string>,
): Promise<string> {
  if (idempotencyKey == null) return fn();
  const key = idempotencyKey.trim();
  if (!key || key.length > 200)
    throw new RuleViolation("INVALID_IDEMPOTENCY_KEY", "冪等キーは1〜200文字で指定してください。", ["idempotencyKey"]);
  const hash = hashOf(operation, args);
  // The caller's keys older than the retention go first (by the primary key's leading column).
  await tx.execute(`delete from "${SCHEMA}".idempotency_key where caller_sub = ? and created_at < now() - make_interval(days => ?)`, [
    identity.sub,
    KEY_RETENTION_DAYS,
  ]);
  const inserted = await tx.execute<{ key: string }[]>(
    `insert into "${SCHEMA}".idempotency_key (caller_sub, key, operation, request_hash, result_id, created_at) values (?, ?, ?, ?, null, now()) on conflict do nothing returning key`,
    [identity.sub, key, operation, hash],
  );
  if (!inserted.length) {
    const [stored] = await tx.execute<{ operation: string; request_hash: string; result_id: string | null }[]>(
      `select operation, request_hash, result_id from "${SCHEMA}".idempotency_key where caller_sub = ? and key = ?`,
      [identity.sub, key],
    );
    if (!stored || stored.operation !== operation || stored.request_hash !== hash || stored.result_id === null) {
      throw new RuleViolation(
        "IDEMPOTENCY_KEY_REUSED",
        "この冪等キーは別の内容の操作にすでに使われています。新しいキーを指定してください。",
        ["idempotencyKey"],
      );
    }
    return stored.result_id;
  }
  const result = await fn();
  await tx.execute(`update "${SCHEMA}".idempotency_key set result_id = ? where caller_sub = ? and key = ?`, [result, identity.sub, key]);
  return result;
}

/** What a resolver hands its payload helper so the mutation applies once per key. */
export interface Once {
  key: string | null | undefined;
  operation: string;
  args: unknown;
}

const IDEMPOTENCY_KEY_DESCRIPTION =
  "Optional key of this attempt (冪等キー), chosen by the client: a retry with the same key (after a network error or a restart) applies nothing more and answers as the first call did.";

/** Options of every mutation's optional `idempotencyKey` argument. */
export const IDEMPOTENCY_KEY_ARG = { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION };
