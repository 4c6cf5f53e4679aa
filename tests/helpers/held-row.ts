import type { EntityManager } from "@mikro-orm/postgresql";
import { until } from "./processes.js";

/** How many of this database's sessions are waiting on a lock. */
async function waitingOnLocks(em: EntityManager): Promise<number> {
  const [row] = await em
    .fork()
    .execute<{ n: string }[]>(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
  return Number(row!.n);
}

/**
 * Two (or more) writers at once, made certain: the test holds the row `id` of `table` locked, starts
 * each call in turn — the next only once the one before is waiting on a lock — then lets go. Every call
 * has begun, and read whatever it reads without a lock, before any can finish; they are then let through
 * in the order they were started. Answers their results in that order.
 */
export function whileRowHeld<T>(em: EntityManager, table: string, id: string, calls: (() => Promise<T>)[]): Promise<T[]> {
  return whileLockHeld(em, `select id from ${table} where id = ? for update`, [id], calls);
}

/** As `whileRowHeld`, holding whatever lock `lockSql` takes (e.g. a transaction's advisory lock) until the calls have begun. */
export async function whileLockHeld<T>(em: EntityManager, lockSql: string, params: unknown[], calls: (() => Promise<T>)[]): Promise<T[]> {
  const started: Promise<T>[] = [];
  await em.fork().transactional(async (tx) => {
    await tx.execute(lockSql, params);
    for (const call of calls) {
      started.push(call());
      await until(`writer ${started.length} waiting on a lock`, async () => (await waitingOnLocks(em)) >= started.length, 10_000);
    }
  });
  return Promise.all(started);
}
