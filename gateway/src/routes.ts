import http from "node:http";
import { REQUEST_ID_HEADER, logger, requestContext, requestIdOf, safeError } from "@marugoto/shared/core";
import { clientAddress, type TrustedProxies } from "./client-address.js";
import type { EarlyAuthentication } from "./authenticate-first.js";
import { closeOnceAnswered, readLimitedBody, withBody } from "./body-limit.js";
import { boardRoute, devTokenRoute, graphiqlAssetsRoute } from "./dev-routes.js";
import type { GatewayOptions, Runtime } from "./gateway-options.js";
import { healthcheckRoute, readinessRoute } from "./health.js";
import type { RequestLimiter } from "./rate-limit-store.js";
import type { Route } from "./route.js";
import { securityHeaders, type RateLimiter, type SecuritySettings } from "./security.js";
import { fileRoute } from "./files/route.js";
import { FILES_PATH_PREFIX } from "./files/paths.js";
import { calendarRoute, CALENDARS_PATH_PREFIX } from "./files/calendar-route.js";

export interface HttpServerParts {
  options: GatewayOptions;
  security: SecuritySettings;
  runtime: Runtime;
  authFailures: RateLimiter;
  /** The per-identity request allowance (a calendar feed's is taken by its route, once the feed is found). */
  limiter: RequestLimiter;
  /** Decides a POST to /graphql from its headers before its body is read (none: the runtime decides, after). */
  authentication?: EarlyAuthentication;
}

const pathnameOf = (req: http.IncomingMessage) => (req.url ?? "/").split("?")[0] ?? "";

/** `GET` under `prefix`: answered by `serve` (the download links and calendar feeds of files/). */
function prefixRoute(
  prefix: string,
  proxies: { trustedProxies: TrustedProxies; trustedProxyHops: number },
  serve: (pathname: string, res: http.ServerResponse, address: string) => Promise<unknown>,
): Route {
  return async (req, res, pathname) => {
    if (req.method !== "GET" || !pathname.startsWith(prefix)) return false;
    await serve(pathname, res, clientAddress(req, proxies.trustedProxies, proxies.trustedProxyHops));
    return true;
  };
}

/** The gateway's own routes, in the order they are tried; what none answers goes to the runtime. */
function ownRoutes({ options, runtime, authFailures, limiter, security }: HttpServerParts): Route[] {
  return [
    healthcheckRoute,
    devTokenRoute(options),
    boardRoute(options),
    graphiqlAssetsRoute(options),
    prefixRoute(FILES_PATH_PREFIX, security, fileRoute(runtime as never, options.identitySecret, authFailures)),
    prefixRoute(CALENDARS_PATH_PREFIX, security, calendarRoute(runtime as never, authFailures, limiter)),
    readinessRoute(options.subgraphUrls),
  ];
}

/** Security headers on every answer; the body counted against its limit; then the first route that answers. */
function handler(parts: HttpServerParts) {
  const headers = securityHeaders(parts.options.production);
  const routes = ownRoutes(parts);
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const pathname = pathnameOf(req);
    // Answers carry people's data: no browser or proxy keeps one.
    if (pathname === "/graphql") res.setHeader("cache-control", "no-store");
    // A query's sender is authenticated before its body is read: a refused one (or one whose check
    // failed) is answered by the runtime (CORS, metrics; its plugin gives the same outcome) with the
    // body left unread, and its connection closed once the answer is out.
    if (parts.authentication && req.method === "POST" && pathname === "/graphql") {
      const outcome = await parts.authentication.outcome(req, req.headers.authorization ?? null).catch(() => undefined);
      if (!outcome || "refusal" in outcome) {
        if (!req.complete) closeOnceAnswered(req, res);
        return parts.runtime(req, res);
      }
    }
    // Every other body is counted as it arrives (content-length or chunked), within its limit.
    const body = await readLimitedBody(req, res, parts.security.maxBodyBytes);
    if (!body) return;
    for (const route of routes) if (await route(req, res, pathname)) return;
    // Awaited so that a failure there, too, is answered here rather than left unhandled.
    await parts.runtime(withBody(req, body), res);
  };
}

/**
 * A request whose handling failed: logged, and answered 500 when nothing was sent yet, or cut off
 * when an answer was under way (half an answer must not pass for a whole one). One request's mistake
 * never reaches the process: an unhandled rejection would stop the gateway for everyone.
 */
function failed(res: http.ServerResponse, error: unknown): void {
  logger.error("request failed", { server: "gateway", error: safeError(error) });
  if (!res.headersSent)
    res
      .writeHead(500, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
      .end(JSON.stringify({ errors: [{ message: "サーバーで問題が発生しました。", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
  else if (!res.writableEnded) res.destroy();
}

/**
 * The HTTP server: every line logged while serving a request carries its id; the id goes back to the
 * client and on to the subgraphs. A request must have arrived whole within the request deadline (its
 * headers too): a body trickled in a byte at a time holds no connection for minutes (Node's default
 * is five), before anyone knows who sent it.
 */
export function createHttpServer(parts: HttpServerParts): http.Server {
  const handle = handler(parts);
  const deadline = parts.security.requestDeadlineMs;
  const timeouts = {
    requestTimeout: deadline,
    headersTimeout: Math.min(deadline, 60_000),
    connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(deadline / 2))),
  };
  return http.createServer(timeouts, (req, res) => {
    const context = { requestId: requestIdOf(req.headers[REQUEST_ID_HEADER]) };
    req.headers[REQUEST_ID_HEADER] = context.requestId;
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    const started = performance.now();
    res.once("finish", () => {
      const pathname = pathnameOf(req);
      if (pathname === "/graphql")
        requestContext.run(context, () =>
          logger.info("request served", {
            server: "gateway",
            method: req.method,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          }),
        );
    });
    requestContext.run(context, () => void handle(req, res).catch((error: unknown) => failed(res, error)));
  });
}
