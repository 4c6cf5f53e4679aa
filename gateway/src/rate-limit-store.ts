import { Redis } from "ioredis";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { logger, safeError } from "@marugoto/shared/core";
import { RateLimiter } from "./security.js";

/** Takes one request of `key`'s allowance: 0 when allowed, else the seconds to wait. */
export interface RequestLimiter {
  take(key: string): number | Promise<number>;
  /** Resolves once the store answers (or after a bounded wait): until then requests are counted in memory. */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

/** Where the table of the shared rate limit lives (created by a committed migration; see README: Operations). */
const RATE_LIMIT_SCHEMA = "gateway";
const RATE_LIMIT_TABLE = "rate_limit";

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
 * Requests per identity and minute counted in PostgreSQL, so every gateway replica draws from one
 * allowance (rate-limiter-flexible's Postgres store: one upsert per request). While the database
 * cannot answer, each replica falls back to counting in memory rather than refusing or allowing all.
 */
class SharedRateLimiter implements RequestLimiter {
  private readonly pool: pg.Pool;
  private readonly limiter: RateLimiterPostgres;

  constructor(databaseUrl: string, perMinute: number, keyPrefix = "requests") {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
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
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: perMinute, duration: 60 }),
    });
  }

  take(key: string): Promise<number> {
    return consume(this.limiter, key);
  }

  async close(): Promise<void> {
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

  constructor(redisUrl: string, perMinute: number, keyPrefix = "marugoto:requests") {
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
export type RateLimitStore = { databaseUrl: string } | { redisUrl: string };

/** The in-memory limiter (one replica, or the embedded default) or a shared one. */
export function createRequestLimiter(perMinute: number, store?: RateLimitStore): RequestLimiter {
  if (!store) return new RateLimiter(perMinute);
  return "redisUrl" in store ? new RedisRateLimiter(store.redisUrl, perMinute) : new SharedRateLimiter(store.databaseUrl, perMinute);
}
