import { afterEach, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { freshDatabase } from "../../../tests/helpers/database.js";
import { changedChannel, SharedResponseCache, type AnswersState } from "./response-cache.js";

/**
 * The state a subgraph announces to whoever keeps copies of its answers, against a real PostgreSQL:
 * a new state at every NOTIFY of its schema's channel, and (for answers that depend on the date) at
 * every midnight in Tokyo.
 */
afterEach(() => {
  vi.useRealTimers();
});

async function next(states: AsyncGenerator<AnswersState>): Promise<AnswersState> {
  return (await states.next()).value as AnswersState;
}

describe("the announced state of a subgraph's answers", () => {
  it("is new at every change notice, and at midnight in Tokyo when the answers depend on the date", async () => {
    const database = await freshDatabase("answers");
    // 23:59:58 in Tokyo: the date changes in 2 s.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: new Date("2026-11-30T14:59:58Z") });
    const daily = new SharedResponseCache("unit", database.url, undefined, true);
    const plain = new SharedResponseCache("unit", database.url);
    await daily.start();
    await plain.start();
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      const [d, p] = [daily.watch(), plain.watch()];
      const [d0, p0] = [await next(d), await next(p)];
      expect(d0.watched).toBe(true);
      await sql.query(`select pg_notify('${changedChannel("unit")}', 'meeting')`);
      const [d1, p1] = [await next(d), await next(p)];
      expect([d1.generation, p1.generation]).toEqual([d0.generation + 1, p0.generation + 1]);

      vi.advanceTimersByTime(1_999);
      const pending = next(d);
      expect(await Promise.race([pending, new Promise((r) => setImmediate(() => r("none")))])).toBe("none");
      vi.advanceTimersByTime(1);
      const d2 = await pending;
      expect(d2.generation).toBeGreaterThan(d1.generation);
      expect(d2.watched).toBe(true);
      // Without `daily`, midnight is nothing: the next state is the next change.
      await sql.query(`select pg_notify('${changedChannel("unit")}', 'meeting')`);
      expect((await next(p)).generation).toBe(p1.generation + 1);
      await d.return(undefined);
      await p.return(undefined);
    } finally {
      await sql.end();
      await daily.close();
      await plain.close();
      await database.drop();
    }
  });
});
