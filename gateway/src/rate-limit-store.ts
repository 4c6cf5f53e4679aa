import { Redis } from "ioredis";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { logger, safeError } from "@marugoto/shared/core";
import { RateLimiter } from "./security.js";

/** Takes one request of `key`'s allowance: 0 when allowed, else the seconds to wait. */
export interface RequestLimiter {
  take(key: string): number | Promise<number>;
  /** Without taking, and without making a record of `key`: 0 when a request would be allowed, else the seconds to wait. */
  peek(key: string): number | Promise<number>;
  /** Resolves once the store answers (or after a bounded wait): until then requests are counted in memory. */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

/** Where the table of the shared rate limit lives (created by a committed migration; see README: Operations). */
const RATE_LIMIT_SCHEMA = "gateway";
const RATE_LIMIT_TABLE = "rate_limit";

/** `key`'s wait in a rate-limiter-flexible store without taking: a read, which writes no row or key. */
async function peek(limiter: RateLimiterAbstract, key: string, points: number): Promise<number> {
  const state = await limiter.get(key);
  if (!state || state.consumedPoints < points) return 0;
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

/** One request of `key`'s allowance from a rate-limiter-flexible store: 0 when allowed, else the seconds to wait. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key, 1);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/**
 * A key's window in PostgreSQL, how expired rows are swept, and how long the store is waited for.
 * The defaults are production's; a test shortens them to see a row expire and go, or a wait end.
 */
interface PostgresWindow {
  /** The fixed window an allowance counts in (seconds); default 60. */
  windowSec?: number;
  /** How often each replica tries to sweep expired rows (ms); default 60 s. */
  sweepEveryMs?: number;
  /** How long past its window's end a row is kept (ms); default 60 s. */
  sweepGraceMs?: number;
  /**
   * How long one statement of the store may wait (ms), for a lock, for the server or for a
   * connection of the pool, before it fails; default 2 s. A request whose count fails is counted
   * in memory; a sweep that fails tries again at its next turn.
   */
  timeoutMs?: number;
}

/**
 * The pool's limits on waiting, from `timeoutMs`: PostgreSQL ends a statement that waits for a
 * lock or runs longer; the client gives up a statement the server does not answer at all (a
 * connection gone half-open), a little later so that the server's own answer comes first when it
 * can; and a request waits no longer than that for a free connection.
 */
function waits(timeoutMs: number): pg.PoolConfig {
  return { lock_timeout: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs + 1000, connectionTimeoutMillis: timeoutMs };
}

/** Taken (if free) for one sweep, so that one replica at a time deletes expired rows and the others skip. */
const SWEEP_LOCK_SQL = `select pg_try_advisory_xact_lock(hashtext('${RATE_LIMIT_SCHEMA}.${RATE_LIMIT_TABLE}')) as held`;

/**
 * The expired rows that no one holds: a row locked by a request under way (or by any transaction
 * that does not end) is left for a later sweep rather than waited for, so the sweep never holds
 * the rows it has deleted while it waits, and no request on those keys waits behind it.
 */
const SWEEP_SQL = `delete from "${RATE_LIMIT_SCHEMA}"."${RATE_LIMIT_TABLE}" where key in (select key from "${RATE_LIMIT_SCHEMA}"."${RATE_LIMIT_TABLE}" where expire < $1 for update skip locked)`;

/**
 * Requests per identity and minute counted in PostgreSQL, so every gateway replica draws from one
 * allowance (rate-limiter-flexible's Postgres store: one upsert per request). While the database
 * cannot answer, each replica falls back to counting in memory rather than refusing or allowing all.
 *
 * The store writes one row per key and never deletes it: an expired row is only reset by the key's
 * next request. Without a sweep, every identity ever counted would stay in the primary database.
 * rate-limiter-flexible's own (`clearExpiredByTimeout`) is fixed at rows an hour past expiry every
 * five minutes and its timer outlives `close`, so the sweep is this class's own.
 *
 * Nothing waits on the store without end: a statement held by a lock, a silent server or a full
 * pool fails after `timeoutMs`, so a request is counted in memory and a sweep gives its turn up.
 */
class SharedRateLimiter implements RequestLimiter {
  private readonly pool: pg.Pool;
  private readonly limiter: RateLimiterPostgres;
  private readonly points: number;
  private readonly sweepGraceMs: number;
  private readonly sweeper: NodeJS.Timeout;
  /** The sweep under way: a slow one is not joined by the next tick's, and none waits past `timeoutMs`. */
  private sweeping: Promise<void> | undefined;

  constructor(databaseUrl: string, perMinute: number, window: PostgresWindow = {}, keyPrefix = "requests") {
    const duration = window.windowSec ?? 60;
    this.points = perMinute;
    this.sweepGraceMs = window.sweepGraceMs ?? 60_000;
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 5, ...waits(window.timeoutMs ?? 2_000) });
    this.pool.on("error", (error) => logger.warn("rate limit store connection lost", { error: safeError(error) }));
    this.limiter = new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: "pool",
      schemaName: RATE_LIMIT_SCHEMA,
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix,
      points: perMinute,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: perMinute, duration }),
    });
    this.sweeper = setInterval(() => this.sweep(), window.sweepEveryMs ?? 60_000);
    this.sweeper.unref();
  }

  take(key: string): Promise<number> {
    return consume(this.limiter, key);
  }

  peek(key: string): Promise<number> {
    return peek(this.limiter, key, this.points);
  }

  /**
   * Deletes the rows whose window ended more than the grace ago. Safe beside the other replicas'
   * upserts: a row is deleted only once expired, when the store would reset it at its next request
   * anyway (an upsert that renews it first leaves it out of the delete, one that comes after inserts
   * it again); the grace keeps a row that a replica with a slower clock still counts. One replica
   * sweeps at a time (a transaction-scoped advisory lock, taken only if free); the others skip.
   */
  private sweep(): void {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
  }

  private async sweepOnce(): Promise<void> {
    const client = await this.pool.connect().catch((error: unknown) => {
      logger.warn("rate limit sweep: no connection", { error: safeError(error) });
    });
    if (!client) return;
    try {
      await client.query("begin");
      const { rows } = await client.query<{ held: boolean }>(SWEEP_LOCK_SQL);
      if (rows[0]?.held) await client.query(SWEEP_SQL, [Date.now() - this.sweepGraceMs]);
      await client.query("commit");
      client.release();
    } catch (error) {
      logger.warn("rate limit sweep failed", { error: safeError(error) });
      // A connection in an unknown state goes, rather than back into the pool.
      client.release(error as Error);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * The same allowance counted in Redis (rate-limiter-flexible's Redis store: one Lua INCR with
 * expiry per request), for a deployment that runs Redis anyway. Commands are not queued while the
 * connection is down: each replica counts in memory until Redis answers again.
 */
class RedisRateLimiter implements RequestLimiter {
  private readonly client: Redis;
  private readonly limiter: RateLimiterRedis;
  private readonly points: number;

  constructor(redisUrl: string, perMinute: number, keyPrefix = "marugoto:requests") {
    this.points = perMinute;
    this.client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.client.on("error", (error) => logger.warn("rate limit store connection lost", { error: safeError(error) }));
    this.limiter = new RateLimiterRedis({
      storeClient: this.client,
      rejectIfRedisNotReady: true,
      keyPrefix,
      points: perMinute,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: perMinute, duration: 60 }),
    });
  }

  take(key: string): Promise<number> {
    return consume(this.limiter, key);
  }

  peek(key: string): Promise<number> {
    return peek(this.limiter, key, this.points);
  }

  /** Waits up to READY_WAIT_MS for the connection, so that a gateway counts in Redis from its first request. */
  async ready(): Promise<void> {
    if (this.client.status === "ready") return;
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), READY_WAIT_MS);
      this.client.once("ready", () => (clearTimeout(timer), resolve(true)));
    });
    if (!connected) logger.warn("rate limit store not answering yet; counting in memory until it does");
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** How long a gateway waits at start for its Redis before it starts counting in memory. */
const READY_WAIT_MS = 3_000;

/** Where the shared rate limit is counted: the graph's PostgreSQL, or Redis. */
export type RateLimitStore = ({ databaseUrl: string } & PostgresWindow) | { redisUrl: string };

/** The in-memory limiter (one replica, or the embedded default) or a shared one. */
export function createRequestLimiter(perMinute: number, store?: RateLimitStore): RequestLimiter {
  if (!store) return new RateLimiter(perMinute);
  return "redisUrl" in store ? new RedisRateLimiter(store.redisUrl, perMinute) : new SharedRateLimiter(store.databaseUrl, perMinute, store);
}
