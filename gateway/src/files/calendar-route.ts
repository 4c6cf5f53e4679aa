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
    // Unknown tokens count as failed authentications of the address: no guessing at speed. The
    // request counts as one until its feed is found (the lookup is awaited: counted only after it,
    // a burst sent at once would all be looked up before the first failure was counted).
    const wait = failures.take(address);
    if (wait) return refuse(res, 429, `失敗が多すぎます。${wait}秒後に再試行してください。`, wait);
    const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(pathname.slice(CALENDARS_PATH_PREFIX.length));
    if (!match) return refuse(res, 404, "カレンダー配信が見つかりません。");
    const token = match[1]!;
    const feed = `calendar-feed:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
    // Only a feed that was found has a record to be over: an unknown token is answered 0 here.
    const over = await limiter.peek(feed);
    if (over) {
      // Found before (nothing else has a record): not a guess.
      failures.giveBack(address);
      return tooMany(res, over);
    }
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
    if (!result || result.errors?.length) {
      // The graph could not say whether the feed exists: not a failure of the address.
      failures.giveBack(address);
      return refuse(res, 503, "カレンダーを作成できませんでした。");
    }
    const ics = result.data?.calendarFeedContent;
    // An unknown or stopped token: the failure taken above stays counted.
    if (!ics) return refuse(res, 404, "カレンダー配信が見つからないか、停止されています。");
    failures.giveBack(address);
    const allowance = await limiter.take(feed);
    if (allowance) return tooMany(res, allowance);
    res
      .writeHead(200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" })
      .end(ics);
  };
}
