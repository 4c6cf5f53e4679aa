import { afterEach, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { freshDatabase } from "../../../tests/helpers/database.js";
import { startPostgresRelay } from "../../../tests/helpers/postgres-relay.js";
import { changedChannel, SharedResponseCache, type AnswersState } from "./response-cache.js";

/**
 * The state a subgraph announces to whoever keeps copies of its answers, against a real PostgreSQL:
 * a new state at every NOTIFY of its schema's channel, at every midnight in Tokyo when the answers
 * depend on the date, and "not watched" when its listening connection falls silent.
 */
afterEach(() => {
  vi.useRealTimers();
});

async function next(states: AsyncGenerator<AnswersState>): Promise<AnswersState> {
  return (await states.next()).value as AnswersState;
}

/** Whether `pending` is still waiting after the event loop has turned once. */
const stillWaiting = async (pending: Promise<unknown>) =>
  (await Promise.race([pending.then(() => false), new Promise((r) => setImmediate(() => r(true)))])) as boolean;

describe("the announced state of a subgraph's answers", () => {
  it("is new at every change notice, and at midnight in Tokyo (and again 5 s later) when the answers depend on the date", async () => {
    const database = await freshDatabase("answers");
    // 23:59:58 in Tokyo: the date changes in 2 s.
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      now: new Date("2026-11-30T14:59:58Z"),
    });
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
      const [dNext, pNext] = [next(d), next(p)];
      expect(await stillWaiting(dNext)).toBe(true);
      vi.advanceTimersByTime(1);
      expect(await dNext).toMatchObject({ watched: true, generation: d1.generation + 1 });
      vi.advanceTimersByTime(5_000);
      expect(await next(d)).toMatchObject({ watched: true, generation: d1.generation + 2 });
      // Without `daily`, midnight is nothing: the next state is the next change.
      expect(await stillWaiting(pNext)).toBe(true);
      await sql.query(`select pg_notify('${changedChannel("unit")}', 'meeting')`);
      expect((await pNext).generation).toBe(p1.generation + 1);
      await d.return(undefined);
      await p.return(undefined);
    } finally {
      await sql.end();
      await daily.close();
      await plain.close();
      await database.drop();
    }
  });

  it("says 'not watched' when its listening connection falls silent, and 'watched' again once it has a live one", async () => {
    const database = await freshDatabase("answers");
    // A relay to PostgreSQL that can go silent without closing anything (a connection gone half-open).
    const relay = await startPostgresRelay(database.url);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const cache = new SharedResponseCache("unit", relay.url);
    await cache.start();
    try {
      const states = cache.watch();
      const first = await next(states);
      expect(first.watched).toBe(true);
      relay.silent = true;
      // The next heartbeat goes unanswered: at its timeout the connection is given up.
      const lost = next(states);
      vi.advanceTimersByTime(15_000);
      expect(await stillWaiting(lost)).toBe(true);
      vi.advanceTimersByTime(5_000);
      expect(await lost).toMatchObject({ watched: false });
      // The relay speaks again: the next try connects and listens, and says so.
      relay.silent = false;
      const back = next(states);
      await vi.advanceTimersByTimeAsync(500);
      expect(await back).toMatchObject({ watched: true });
      await states.return(undefined);
    } finally {
      vi.useRealTimers();
      await cache.close();
      await relay.close();
      await database.drop();
    }
  });
});
