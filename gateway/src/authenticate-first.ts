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

/** What authentication decided for one HTTP request: a refusal to answer, or the verified caller. */
type Outcome = { refusal: () => Response } | { result: AuthResult & { ok: true } };

/**
 * HTTP: the token is verified before the body is read, so an anonymous caller makes the gateway hold
 * no body (the gateway's route asks, `outcome`, before it reads one; a request refused here is handed
 * on with its body unread and its connection closed once answered), learns nothing from parsing or
 * validation (no "Did you mean …"), and costs no parse. Failed authentications are counted per client
 * address, its attempts verified in turn: over the limit, the address is refused (429) without
 * verifying. The identity's request allowance is taken here too, before the body is read: a document
 * the limits refuse still costs its sender a request. The answer goes out through the runtime (its
 * CORS headers and metrics), from the plugin.
 */
export class EarlyAuthentication {
  /** Each request's outcome, decided once: by the route before the body, or by the plugin for a request that did not pass the route. */
  private readonly outcomes = new WeakMap<http.IncomingMessage, Promise<Outcome>>();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly failures: RateLimiter,
    private readonly trustedProxies: TrustedProxies,
    private readonly proxyHops: number,
    private readonly limiter: RequestLimiter,
  ) {}

  /** The request's outcome, decided on its first ask (from its headers alone). */
  outcome(req: http.IncomingMessage | undefined, authorization: string | null): Promise<Outcome> {
    if (!req) return this.decide(undefined, authorization);
    let outcome = this.outcomes.get(req);
    if (!outcome) this.outcomes.set(req, (outcome = this.decide(req, authorization)));
    return outcome;
  }

  private async decide(req: http.IncomingMessage | undefined, authorization: string | null): Promise<Outcome> {
    const address = clientAddress(req, this.trustedProxies, this.proxyHops);
    // No more attempts of an address under way at once than it has failures left: a burst sent at once
    // waits its turn, so that its failures are counted before more of it is verified (checked only
    // before verifying, it would all pass the check before the first failure was counted).
    const end = await this.failures.turn(address);
    if (typeof end === "number") return { refusal: () => rateLimited("認証の失敗", end) };
    let result: Awaited<ReturnType<TokenVerifier["verify"]>>;
    try {
      result = await this.verifier.verify(bearer(authorization));
      // An expired but genuine token (a page left open) is not a guess: not counted.
      if (!result.ok && !result.expired) this.failures.take(address);
    } finally {
      end();
    }
    if (!result.ok) {
      const { message } = result;
      return {
        refusal: () => json(401, { errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] }, { "www-authenticate": "Bearer" }),
      };
    }
    const allowance = await this.limiter.take(result.identity.sub);
    if (allowance) return { refusal: () => rateLimited("リクエスト", allowance) };
    return { result };
  }

  /** The runtime's side: the outcome answered (a refusal), or the caller kept for the context. */
  plugin(): GatewayPlugin {
    return {
      onRequestParse: async ({ request, serverContext, endResponse }) => {
        // Only the gateway's own requests arrive verified (see markVerified); a client's never does.
        if (verified.get(request)?.ok) return;
        const outcome = await this.outcome((serverContext as { req?: http.IncomingMessage }).req, request.headers.get("authorization"));
        if ("refusal" in outcome) return endResponse(outcome.refusal());
        verified.set(request, outcome.result);
        counted.add(request);
      },
    };
  }
}
