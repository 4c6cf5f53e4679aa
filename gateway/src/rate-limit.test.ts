import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inCI } from "../../tests/helpers/ci.js";
import { freshDatabase, type TestDatabase } from "../../tests/helpers/database.js";
import { startPostgresRelay } from "../../tests/helpers/postgres-relay.js";
import { createRequestLimiter, type RequestLimiter } from "./rate-limit-store.js";
import { RateLimiter } from "./security.js";

/** A moment of the test's own clock (ms), far from the real one so that nothing depends on it. */
const T0 = Date.UTC(2031, 3, 1, 9, 0, 0);
const seconds = (s: number) => s * 1000;

/** `n` takes of `key` at `now`: each answer (0 allowed, else the seconds to wait). */
const takes = (limiter: RateLimiter, key: string, n: number, now: number) => Array.from({ length: n }, () => limiter.take(key, now));

describe("RateLimiter (in memory, per key and minute)", () => {
  it("allows exactly the minute's allowance at once, then refuses with a wait of at most a minute", () => {
    for (const perMinute of [1, 5, 60, 600]) {
      const limiter = new RateLimiter(perMinute);
      const answers = takes(limiter, "alice", perMinute + 3, T0);
      expect(answers.slice(0, perMinute), `${perMinute}/min`).toEqual(Array.from({ length: perMinute }, () => 0));
      const refusals = answers.slice(perMinute);
      for (const wait of refusals) {
        expect(wait, `${perMinute}/min`).toBeGreaterThan(0);
        expect(wait, `${perMinute}/min`).toBeLessThanOrEqual(60);
        expect(Number.isInteger(wait)).toBe(true);
      }
    }
  });

  it("tells the wait after which the next request is allowed, and not a second sooner", () => {
    const limiter = new RateLimiter(5); // one request every 12 s
    takes(limiter, "alice", 5, T0);
    const wait = limiter.take("alice", T0);
    expect(wait).toBe(12);
    expect(limiter.take("alice", T0 + seconds(wait - 1))).toBeGreaterThan(0);
    expect(limiter.take("alice", T0 + seconds(wait))).toBe(0);
    // That request took the one token refilled: the next is refused again.
    expect(limiter.take("alice", T0 + seconds(wait))).toBeGreaterThan(0);
  });

  it("counts each key on its own", () => {
    const limiter = new RateLimiter(3);
    expect(takes(limiter, "alice", 3, T0)).toEqual([0, 0, 0]);
    expect(limiter.take("alice", T0)).toBeGreaterThan(0);
    expect(takes(limiter, "bob", 3, T0)).toEqual([0, 0, 0]);
    expect(limiter.take("bob", T0)).toBeGreaterThan(0);
    expect(limiter.take("carol", T0)).toBe(0);
  });

  it("gives the whole allowance back a minute later, and never more than a minute's worth", () => {
    const limiter = new RateLimiter(4);
    expect(takes(limiter, "alice", 5, T0)).toEqual([0, 0, 0, 0, 15]);
    // A minute later: the full allowance again, and no more.
    expect(takes(limiter, "alice", 5, T0 + seconds(60)).filter((wait) => wait === 0)).toHaveLength(4);
    // An hour of silence does not save up an hour's worth.
    expect(takes(limiter, "alice", 6, T0 + seconds(3660)).filter((wait) => wait === 0)).toHaveLength(4);
  });

  it("refills steadily within the minute (a token bucket, not a window that resets all at once)", () => {
    const limiter = new RateLimiter(6); // one every 10 s
    takes(limiter, "alice", 6, T0);
    expect(limiter.take("alice", T0 + seconds(25))).toBe(0);
    expect(limiter.take("alice", T0 + seconds(25))).toBe(0);
    expect(limiter.take("alice", T0 + seconds(25))).toBe(5);
  });

  it("peek answers like take without taking", () => {
    const limiter = new RateLimiter(2);
    expect(limiter.peek("alice", T0)).toBe(0);
    expect(limiter.peek("alice", T0)).toBe(0);
    expect(takes(limiter, "alice", 2, T0)).toEqual([0, 0]);
    expect(limiter.peek("alice", T0)).toBe(30);
    expect(limiter.peek("alice", T0 + seconds(29))).toBe(1);
    expect(limiter.peek("alice", T0 + seconds(30))).toBe(0);
    expect(limiter.take("alice", T0 + seconds(30))).toBe(0);
    expect(limiter.peek("alice", T0 + seconds(30))).toBeGreaterThan(0);
  });

  it("lets no more attempts of a key be under way than it has tokens left; the rest wait in order, and are refused once none is left", async () => {
    const limiter = new RateLimiter(2);
    const turn = (key: string) => limiter.turn(key);
    const [first, second] = [await turn("office"), await turn("office")];
    expect(typeof first).toBe("function");
    expect(typeof second).toBe("function");
    const order: string[] = [];
    const third = turn("office").then((end) => (order.push("third"), end));
    const fourth = turn("office").then((end) => (order.push("fourth"), end));
    // Another address is not held up by this one's.
    expect(typeof (await turn("neighbour"))).toBe("function");
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    // The first succeeds (nothing taken): its place goes to the third, in order.
    (first as () => void)();
    (first as () => void)(); // ending twice frees one place only
    expect(typeof (await third)).toBe("function");
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["third"]);
    // The second fails (its failure taken): one token is left for the two under way and the one waiting …
    limiter.take("office");
    (second as () => void)();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["third"]);
    // … and the third fails too: none is left, the fourth is refused with the seconds to wait.
    limiter.take("office");
    ((await third) as () => void)();
    expect(await fourth).toBeGreaterThan(0);
    expect(typeof (await turn("office"))).toBe("number");
    // Nothing under way is kept.
    const underWay = (limiter as unknown as { underWay: Map<string, unknown> }).underWay;
    expect([...underWay.keys()]).toEqual(["neighbour"]);
  });

  it("keeps its memory bounded under a flood of new keys without setting a refused key free", () => {
    const limiter = new RateLimiter(3, 1_000);
    expect(takes(limiter, "attacker", 4, T0).at(-1)).toBeGreaterThan(0);
    // Ten times the bound of addresses, each failing once, within the same second.
    for (let i = 0; i < 10_000; i++) limiter.take(`flood-${i}`, T0 + 500);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(1_000);
    expect(limiter.peek("attacker", T0 + 500)).toBeGreaterThan(0);
    expect(limiter.take("attacker", T0 + 500)).toBeGreaterThan(0);
    // The most recent of the flood are still counted; the refilled and the oldest made room.
    expect(limiter.peek("flood-9999", T0 + 500)).toBe(0);
    expect(takes(limiter, "flood-9999", 3, T0 + 500)).toEqual([0, 0, 20]);
  });

  it("lets a refused key go only when more keys than its bound are refused at once", () => {
    const limiter = new RateLimiter(1, 100);
    for (let i = 0; i < 150; i++) expect(takes(limiter, `refused-${i}`, 2, T0)[1]).toBeGreaterThan(0);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
    // The least recently taken from went first.
    expect(limiter.peek("refused-0", T0)).toBe(0);
    expect(limiter.peek("refused-149", T0)).toBeGreaterThan(0);
  });

  it("is what the gateway uses without a shared store", () => {
    expect(createRequestLimiter(10)).toBeInstanceOf(RateLimiter);
  });
});

/**
 * Two limiters over one store stand for two gateway replicas: `2 × perMinute` requests of one key,
 * alternating between them as a load balancer would, get `perMinute` allowed between them.
 */
async function alternate(limiters: RequestLimiter[], key: string, n: number): Promise<number[]> {
  const answers: number[] = [];
  for (let i = 0; i < n; i++) answers.push(await limiters[i % limiters.length]!.take(key));
  return answers;
}

function expectOneAllowance(answers: number[], perMinute: number): void {
  expect(answers.slice(0, perMinute)).toEqual(Array.from({ length: perMinute }, () => 0));
  for (const wait of answers.slice(perMinute)) {
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  }
}

describe("the shared rate limit in PostgreSQL (RATE_LIMIT_STORE=postgres)", () => {
  let database: TestDatabase;
  let limiters: RequestLimiter[] = [];

  /** The rows of one query on the test's database. */
  async function sql<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await freshDatabase("ratelimit");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // The table as the directory subgraph's migration (Migration20261129164200) creates it.
    await client.query(`create schema if not exists "gateway"`);
    await client.query(
      `create table if not exists "gateway"."rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, primary key ("key"))`,
    );
    await client.end();
    limiters = [0, 1].map(() => createRequestLimiter(4, { databaseUrl: database.url }));
  });

  afterAll(async () => {
    for (const limiter of limiters) await limiter.close?.();
    await database?.drop();
  });

  it("gives one allowance across two gateways, counted in the table", async () => {
    expectOneAllowance(await alternate(limiters, "alice", 8), 4);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; points: number }>(`select key, points from gateway.rate_limit order by key`);
      expect(rows).toEqual([{ key: "requests:alice", points: 8 }]);
    } finally {
      await client.end();
    }
  });

  it("counts each key on its own", async () => {
    expectOneAllowance(await alternate(limiters, "bob", 6), 4);
    expect(await limiters[1]!.take("carol")).toBe(0);
  });

  it("peeks without writing a row: an unknown key has none, and one over its allowance is told its wait", async () => {
    const keys = async () => (await sql<{ key: string }>(`select key from gateway.rate_limit`)).map((r) => r.key);
    const before = await keys();
    for (let i = 0; i < 20; i++) expect(await limiters[i % 2]!.peek(`never-taken-${i}`)).toBe(0);
    expect(await keys()).toEqual(before);
    await alternate(limiters, "dave", 4);
    expect(await limiters[0]!.peek("dave")).toBeGreaterThan(0);
    expect(await limiters[1]!.peek("dave")).toBeLessThanOrEqual(60);
  });

  it("deletes rows whose window has ended, from any replica, and keeps the live ones", async () => {
    // Two replicas counting in one-second windows, each sweeping every 50 ms; a third keeps the minute.
    const short = [0, 1].map(() => createRequestLimiter(4, { databaseUrl: database.url, windowSec: 1, sweepEveryMs: 50, sweepGraceMs: 0 }));
    const minute = createRequestLimiter(4, { databaseUrl: database.url });
    try {
      for (let i = 0; i < 10; i++) expect(await short[i % 2]!.take(`passing-${i}`)).toBe(0);
      expect(await minute.take("staying")).toBe(0);
      const keysLike = async (pattern: string) =>
        (await sql<{ key: string }>(`select key from gateway.rate_limit where key like $1`, [pattern])).map((r) => r.key);
      await vi.waitFor(async () => expect(await keysLike("requests:passing-%")).toEqual([]), { timeout: 10_000, interval: 50 });
      expect(await keysLike("requests:staying")).toEqual(["requests:staying"]);
      // A key whose row went is counted afresh.
      expect(await short[0]!.take("passing-0")).toBe(0);
    } finally {
      for (const limiter of [...short, minute]) await limiter.close?.();
    }
  });
  describe("when the store holds a request up", () => {
    /** A session of its own on the test's database that holds what `lock` takes until `release`. */
    async function holding(lock: string): Promise<{ release: () => Promise<void> }> {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query("begin");
      await client.query(lock);
      return { release: async () => (await client.query("rollback"), await client.end()) };
    }

    it("counts a request in memory when the table is locked, instead of waiting for the lock", async () => {
      const limiter = createRequestLimiter(2, { databaseUrl: database.url, timeoutMs: 300 });
      const lock = await holding(`lock table gateway.rate_limit in access exclusive mode`);
      try {
        // Counted in memory while the lock is held: the allowance still holds, and nothing reaches the table.
        const answers = await Promise.all([0, 1, 2].map(() => limiter.take("locked-out")));
        expect(answers.filter((wait) => wait === 0)).toHaveLength(2);
        expect(Math.max(...answers)).toBeGreaterThan(0);
      } finally {
        await lock.release();
      }
      expect(await sql(`select key from gateway.rate_limit where key = 'requests:locked-out'`)).toEqual([]);
      // The lock gone, the table counts again.
      expect(await limiter.take("after-the-lock")).toBe(0);
      expect(await sql(`select points from gateway.rate_limit where key = 'requests:after-the-lock'`)).toEqual([{ points: 1 }]);
      await limiter.close?.();
    });

    it("sweeps the expired rows no one holds, and leaves a held one for a later sweep", async () => {
      const limiter = createRequestLimiter(4, {
        databaseUrl: database.url,
        windowSec: 1,
        sweepEveryMs: 50,
        sweepGraceMs: 0,
        timeoutMs: 300,
      });
      const keysLike = async (pattern: string) =>
        (await sql<{ key: string }>(`select key from gateway.rate_limit where key like $1 order by key`, [pattern])).map((r) => r.key);
      try {
        for (const key of ["held", "free-1", "free-2"]) expect(await limiter.take(`sweep-${key}`)).toBe(0);
        // A transaction that does not end holds one of the rows (as a request stuck half-way would).
        const row = await holding(`select 1 from gateway.rate_limit where key = 'requests:sweep-held' for update`);
        try {
          await vi.waitFor(async () => expect(await keysLike("requests:sweep-%")).toEqual(["requests:sweep-held"]), {
            timeout: 10_000,
            interval: 50,
          });
          // A request on a swept key is not held up behind the sweep: it is counted afresh, in the table.
          expect(await limiter.take("sweep-free-1")).toBe(0);
          expect(await sql(`select points from gateway.rate_limit where key = 'requests:sweep-free-1'`)).toEqual([{ points: 1 }]);
        } finally {
          await row.release();
        }
        await vi.waitFor(async () => expect(await keysLike("requests:sweep-held")).toEqual([]), { timeout: 10_000, interval: 50 });
      } finally {
        await limiter.close?.();
      }
    });

    it("gives up a connection that has fallen silent: requests are counted and sweeps go on over new connections", async () => {
      const relay = await startPostgresRelay(database.url);
      const limiter = createRequestLimiter(4, { databaseUrl: relay.url, windowSec: 1, sweepEveryMs: 50, sweepGraceMs: 0, timeoutMs: 300 });
      const keysLike = async (pattern: string) =>
        (await sql<{ key: string }>(`select key from gateway.rate_limit where key like $1`, [pattern])).map((r) => r.key);
      try {
        // Enough at once that the pool opens several connections; then every one of them falls silent.
        expect(await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.take(`silent-${i}`)))).toEqual([0, 0, 0, 0, 0]);
        relay.silenceOpen();
        expect(await limiter.take("silent-0")).toBe(0);
        // The expired rows still go: a sweep that drew a silent connection gave it up at its timeout.
        await vi.waitFor(async () => expect(await keysLike("requests:silent-%")).toEqual([]), { timeout: 15_000, interval: 100 });
        // And requests reach the table again over a new connection.
        await vi.waitFor(
          async () => {
            expect(await limiter.take("silent-after")).toBe(0);
            expect(await keysLike("requests:silent-after")).toEqual(["requests:silent-after"]);
          },
          { timeout: 15_000, interval: 100 },
        );
      } finally {
        await limiter.close?.();
        await relay.close();
      }
    }, 40_000);
  });
});

/** The Redis the Redis-store test counts in (this machine's, unless TEST_REDIS_URL names another). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("the shared rate limit in Redis (RATE_LIMIT_STORE=redis)", () => {
  let redis: Redis;
  let unreachable: string | undefined;
  let limiters: RequestLimiter[] = [];
  /** Keys of this run only: Redis outlives the test, and a key lives for the minute it counts. */
  const run = `rate-unit-${process.pid}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
    redis.on("error", () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      unreachable = `no Redis answers at ${REDIS_URL} (${(error as Error).message}): set TEST_REDIS_URL, or start one`;
      if (inCI()) throw new Error(`the Redis rate-limit test cannot run in CI: ${unreachable}`, { cause: error });
      return;
    }
    limiters = [0, 1].map(() => createRequestLimiter(4, { redisUrl: REDIS_URL }));
    await Promise.all(limiters.map((limiter) => limiter.ready?.()));
  });

  afterAll(async () => {
    for (const limiter of limiters) await limiter.close?.();
    if (!unreachable) {
      const keys = await redis.keys(`marugoto:requests:${run}*`);
      if (keys.length) await redis.del(...keys);
    }
    redis?.disconnect();
  });

  it("gives one allowance across two gateways, counted in Redis", async (context) => {
    if (unreachable) return context.skip(unreachable);
    expectOneAllowance(await alternate(limiters, `${run}-alice`, 8), 4);
    expect(await redis.get(`marugoto:requests:${run}-alice`)).toBe("8");
  });

  it("counts each key on its own", async (context) => {
    if (unreachable) return context.skip(unreachable);
    expectOneAllowance(await alternate(limiters, `${run}-bob`, 6), 4);
    expect(await limiters[1]!.take(`${run}-carol`)).toBe(0);
  });

  it("peeks without writing a key: an unknown key has none, and one over its allowance is told its wait", async (context) => {
    if (unreachable) return context.skip(unreachable);
    expect(await limiters[0]!.peek(`${run}-never-taken`)).toBe(0);
    expect(await redis.exists(`marugoto:requests:${run}-never-taken`)).toBe(0);
    await alternate(limiters, `${run}-dave`, 4);
    expect(await limiters[1]!.peek(`${run}-dave`)).toBeGreaterThan(0);
  });
});
