import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import type http from "node:http";
import { countErrors } from "@marugoto/shared/core";
import { bearer, type AuthResult, type TokenVerifier } from "./auth.js";
import { clientAddress, type TrustedProxies } from "./client-address.js";
import type { RequestLimiter } from "./rate-limit-store.js";
import type { RateLimiter } from "./security.js";

/** Verification results of HTTP requests, kept from before parsing for the context (no second verify). */
const verified = new WeakMap<Request, AuthResult>();

export const verifiedEarly = (request: Request | undefined): AuthResult | undefined => (request ? verified.get(request) : undefined);

/** HTTP requests whose identity's rate-limit token was taken before parsing (not to be taken again). */
const counted = new WeakSet<Request>();
export const countedEarly = (request: Request | undefined): boolean => !!request && counted.has(request);

/** The gateway's own requests (files built for a download ticket) carry the ticket's verified identity. */
export const markVerified = (request: Request, result: AuthResult & { ok: true }) => void verified.set(request, result);

/**
 * A gateway's own request whose identity's allowance its caller takes itself (a calendar feed's, once
 * the feed is found): the context takes none for it.
 */
export const markCountedByCaller = (request: Request) => void counted.add(request);

/** A refusal before parsing: it never reaches the metrics plugin's result hook, so its errors are counted here. */
function json(
  status: number,
  body: { errors: { message: string; extensions: Record<string, unknown> }[] },
  headers: Record<string, string> = {},
): Response {
  countErrors(body.errors);
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

/** 429 `RATE_LIMITED` with `Retry-After`: `what` is too many (リクエスト, 認証の失敗). */
function rateLimited(what: string, seconds: number): Response {
  return json(
    429,
    {
      errors: [
        {
          message: `${what}が多すぎます。${seconds}秒後に再試行してください。`,
          extensions: { code: "RATE_LIMITED", retryAfterSeconds: seconds },
        },
      ],
    },
    { "retry-after": String(seconds) },
  );
}

/**
 * HTTP: the token is verified before the body is parsed, so an anonymous caller learns nothing
 * from parsing or validation (no "Did you mean …"), and costs no parse. Failed authentications are
 * counted per client address, its attempts verified in turn: over the limit, the address is refused
 * (429) without verifying. The identity's request allowance is taken here too, before parsing and
 * validation: a document the limits refuse still costs its sender a request.
 */
export function authenticateFirst(
  verifier: TokenVerifier,
  failures: RateLimiter,
  trustedProxies: TrustedProxies,
  proxyHops: number,
  limiter: RequestLimiter,
): GatewayPlugin {
  return {
    async onRequestParse({ request, serverContext, endResponse }) {
      // Only the gateway's own requests arrive verified (see markVerified); a client's never does.
      if (verified.get(request)?.ok) return;
      const address = clientAddress((serverContext as { req?: http.IncomingMessage }).req, trustedProxies, proxyHops);
      // No more attempts of an address under way at once than it has failures left: a burst sent at once
      // waits its turn, so that its failures are counted before more of it is verified (checked only
      // before verifying, it would all pass the check before the first failure was counted).
      const end = await failures.turn(address);
      if (typeof end === "number") return endResponse(rateLimited("認証の失敗", end));
      let result: Awaited<ReturnType<TokenVerifier["verify"]>>;
      try {
        result = await verifier.verify(bearer(request.headers.get("authorization")));
        // An expired but genuine token (a page left open) is not a guess: not counted.
        if (!result.ok && !result.expired) failures.take(address);
      } finally {
        end();
      }
      if (!result.ok)
        return endResponse(
          json(401, { errors: [{ message: result.message, extensions: { code: "UNAUTHENTICATED" } }] }, { "www-authenticate": "Bearer" }),
        );
      verified.set(request, result);
      const allowance = await limiter.take(result.identity.sub);
      if (allowance) return endResponse(rateLimited("リクエスト", allowance));
      counted.add(request);
    },
  };
}
