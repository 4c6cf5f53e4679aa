import type { GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { createHash } from "node:crypto";
import type http from "node:http";
import { logger, safeError } from "@marugoto/shared/core";
import { runAs } from "./internal.js";
import type { RequestLimiter } from "../rate-limit-store.js";
import type { RateLimiter } from "../security.js";

export const CALENDARS_PATH_PREFIX = "/calendars/";

const FEED_QUERY = `query CalendarFeedContent($token: String!) { calendarFeedContent(token: $token) }`;

function refuse(res: http.ServerResponse, status: number, message: string, retryAfter?: number): void {
  res
    .writeHead(status, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...(retryAfter ? { "retry-after": String(retryAfter) } : {}),
    })
    .end(message);
}

/** A feed over its allowance: told when to come back. */
function tooMany(res: http.ServerResponse, seconds: number): void {
  refuse(res, 429, "リクエストが多すぎます。しばらくしてから再試行してください。", seconds);
}

/**
 * `GET /calendars/<token>.ics`: an organisation's calendar feed. A calendar client sends no bearer
 * token; the feed's token is the permission, checked (and its revocation) by the meetings subgraph.
 * The call runs as a feed identity without roles, rate-limited per feed.
 *
 * The feed's allowance is taken only once the meetings subgraph has found the feed: a guessed token
 * is anyone's to invent, and counting it would write a key (a row of `gateway.rate_limit` with the
 * shared store) per guess. Before that, a guess costs only the address's failed-authentication
 * allowance, and a feed already over its allowance is refused on a read that writes nothing.
 */
export function calendarRoute(runtime: GatewayRuntime<never>, failures: RateLimiter, limiter: RequestLimiter) {
  return async (pathname: string, res: http.ServerResponse, address: string): Promise<void> => {
    // Unknown tokens count as failed authentications of the address: no guessing at speed. Its
    // lookups go in turn, so a burst sent at once is looked up at most the limit's worth before its
    // failures are counted.
    const end = await failures.turn(address);
    if (typeof end === "number") return refuse(res, 429, `失敗が多すぎます。${end}秒後に再試行してください。`, end);
    let ics: string | null | undefined;
    try {
      const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(pathname.slice(CALENDARS_PATH_PREFIX.length));
      if (!match) {
        failures.take(address);
        return refuse(res, 404, "カレンダー配信が見つかりません。");
      }
      const token = match[1]!;
      const feed = `calendar-feed:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
      // Only a feed that was found has a record to be over: an unknown token is answered 0 here.
      const over = await limiter.peek(feed);
      if (over) return tooMany(res, over);
      const result = await runAs<{ calendarFeedContent: string | null }>(
        runtime,
        { sub: feed, org: "calendar-feed", roles: [] },
        FEED_QUERY,
        "CalendarFeedContent",
        { token },
        { countedByCaller: true },
      ).catch((error: unknown) => {
        logger.error("calendar feed failed", { error: safeError(error) });
        return undefined;
      });
      // The graph could not say whether the feed exists: not a failure of the address.
      if (!result || result.errors?.length) return refuse(res, 503, "カレンダーを作成できませんでした。");
      ics = result.data?.calendarFeedContent;
      if (!ics) {
        // An unknown or stopped token: a failure of the address.
        failures.take(address);
        return refuse(res, 404, "カレンダー配信が見つからないか、停止されています。");
      }
      const allowance = await limiter.take(feed);
      if (allowance) return tooMany(res, allowance);
    } finally {
      end();
    }
    res
      .writeHead(200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" })
      .end(ics);
  };
}
