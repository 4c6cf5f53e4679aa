import { createHash } from "node:crypto";
import { defineEntity, p } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Identity } from "./identity.js";
import { mutateAndRenew, RuleViolation, type MutationContext, type MutationResult } from "./mutation.js";

/**
 * The `IdempotencyKey` entity of one subgraph (table `idempotency_key` in its own schema): a mutation
 * already applied under a caller's key, so that a retry with the same key answers with the stored
 * result instead of applying again. Written in the mutation's own transaction. A factory, so that each
 * subgraph's ORM has its own metadata.
 */
export function idempotencyKeyEntity() {
  return defineEntity({
    name: "IdempotencyKey",
    tableName: "idempotency_key",
    properties: {
      /** The caller (`sub` of the identity): keys are the caller's own, never shared. */
      callerSub: p.string().length(200).primary(),
      key: p.string().length(200).primary(),
      /** The mutation field, e.g. `addAgendaItem`. */
      operation: p.string().length(60),
      /** sha256 of the mutation's arguments and the caller's organisation and roles: the same key with other ones is refused. */
      requestHash: p.string().length(64),
      /** What the mutation answered with: the id the payload is read again from (never a copy of the data). */
      resultId: p.string().length(200).nullable(),
      createdAt: p.datetime().onCreate(() => new Date()),
    },
  });
}

/** Arguments in a canonical form: keys sorted, `undefined` dropped, dates as ISO strings. */
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

/** sha256 of a mutation's name and arguments. */
export const idempotencyRequestHash = (operation: string, args: unknown) =>
  createHash("sha256")
    .update(JSON.stringify([operation, stable(args)]))
    .digest("hex");

/** How long a key is kept: a retry later than this applies again (clients retry within minutes). */
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 7;

/** What a resolver hands its payload helper so the mutation applies once per key. */
export interface Once {
  key: string | null | undefined;
  /** The mutation field, e.g. `logProgress`. */
  operation: string;
  /** Every argument of the mutation but the key: the same key with other arguments is refused. */
  args: unknown;
}

const reused = () =>
  new RuleViolation("IDEMPOTENCY_KEY_REUSED", "この冪等キーは別の内容の操作にすでに使われています。新しいキーを指定してください。", [
    "idempotencyKey",
  ]);

/**
 * Runs a mutation's work at most once per (caller, key), inside the caller's transaction `tx`, and
 * answers with the result reference it stored (in `schema`.idempotency_key). The key row is the
 * transaction's first write: a concurrent retry with the same key waits on it (primary key) until the
 * first commits, then finds the stored result; if the first rolls back (a user error), the retry runs
 * the mutation itself. So a key is only ever taken by a change that committed. Without a key: `fn`.
 */
export async function applyOnce(
  tx: EntityManager,
  schema: string,
  identity: Identity,
  once: Once,
  fn: () => Promise<string>,
): Promise<string> {
  if (once.key == null) return fn();
  const key = once.key.trim();
  if (!key || key.length > 200)
    throw new RuleViolation("INVALID_IDEMPOTENCY_KEY", "冪等キーは1〜200文字で指定してください。", ["idempotencyKey"]);
  // The caller's whole scope is part of what a key stands for: the same person's key sent under another
  // organisation or other roles is another request (refused as reused), never an answer given on rights it lacks.
  const scope = { org: identity.org, roles: [...identity.roles].sort() };
  const hash = idempotencyRequestHash(once.operation, { args: once.args, scope });
  const table = `"${schema}".idempotency_key`;
  // The caller's keys older than the retention go first (by the primary key's leading column).
  await tx.execute(`delete from ${table} where caller_sub = ? and created_at < now() - make_interval(days => ?)`, [
    identity.sub,
    IDEMPOTENCY_KEY_RETENTION_DAYS,
  ]);
  const inserted = await tx.execute<{ key: string }[]>(
    `insert into ${table} (caller_sub, key, operation, request_hash, result_id, created_at) values (?, ?, ?, ?, null, now()) on conflict do nothing returning key`,
    [identity.sub, key, once.operation, hash],
  );
  if (!inserted.length) {
    const [stored] = await tx.execute<{ operation: string; request_hash: string; result_id: string | null }[]>(
      `select operation, request_hash, result_id from ${table} where caller_sub = ? and key = ?`,
      [identity.sub, key],
    );
    if (!stored || stored.operation !== once.operation || stored.request_hash !== hash || stored.result_id === null) throw reused();
    return stored.result_id;
  }
  const result = await fn();
  await tx.execute(`update ${table} set result_id = ? where caller_sub = ? and key = ?`, [result, identity.sub, key]);
  return result;
}

/** Whether the caller has already used `key` (kept in `schema`.idempotency_key): a retry, answered from what was stored. */
export async function keyUsed(em: EntityManager, schema: string, identity: Identity, key: string): Promise<boolean> {
  const rows = await em.execute(`select 1 from "${schema}".idempotency_key where caller_sub = ? and key = ?`, [identity.sub, key.trim()]);
  return rows.length > 0;
}

/** A context a keyed mutation runs in: the caller, and the EntityManager it writes through. */
export interface IdempotentContext extends MutationContext {
  readonly identity: Identity;
}

/**
 * Runs a mutation's work in one transaction, at most once per idempotency key, and answers with the
 * id the work returned (or stored, for a retry) or the user errors. The context is then renewed, so
 * the payload is read again, through the normal checked path, as committed.
 */
export function mutateOnce(
  ctx: IdempotentContext,
  schema: string,
  once: Once,
  apply: (tx: EntityManager) => Promise<string>,
): Promise<MutationResult<string>> {
  return mutateAndRenew(ctx, (tx) => applyOnce(tx, schema, ctx.identity, once, () => apply(tx)));
}

const IDEMPOTENCY_KEY_DESCRIPTION =
  "Optional key of this attempt (冪等キー), chosen by the client: a retry with the same key (after a network error or a restart) applies nothing more and answers as the first call did.";

/** Options of every mutation's optional `idempotencyKey` argument. */
export const IDEMPOTENCY_KEY_ARG = { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION };

/**
 * Options of the `idempotencyKey` argument of a mutation that changes nothing (a download link): it
 * is taken so that every mutation takes one, and a retry is safe with or without it.
 */
export const IDEMPOTENCY_KEY_ARG_NO_CHANGE = {
  nullable: true,
  description:
    "Optional key of this attempt (冪等キー), taken as on every mutation. This one changes nothing and stores no key: a retry, with or without it, answers with a fresh link to the same file.",
};
