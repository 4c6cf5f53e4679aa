import type { AuthResult, TokenVerifier } from "./token-verifier.js";

export interface VerifiedTokenOptions {
  /** Longest time a verification is reused, ms (a key withdrawn from the JWKS stops counting within it). */
  ttlMs?: number;
  /** Most tokens remembered; when full, everything is forgotten (bounded memory under a flood). */
  capacity?: number;
}

/**
 * Remembers successful verifications by the exact token: a client sends the same token with every
 * request, and checking its ES256/RS256 signature is the gateway's largest cost per request. The key is
 * the whole token, so a hit is the very bytes already verified (same identity, organisation and roles);
 * a hit never outlives the token's own `exp` (checked strictly, without the clock tolerance), nor
 * `ttlMs`. Failures are never remembered: each is verified (and counted) again.
 */
export function rememberVerifiedTokens(verifier: TokenVerifier, options: VerifiedTokenOptions = {}): TokenVerifier {
  const ttlMs = options.ttlMs ?? 60_000;
  const capacity = options.capacity ?? 10_000;
  const known = new Map<string, { result: AuthResult & { ok: true }; until: number }>();
  return {
    async verify(token) {
      const now = Date.now();
      if (token) {
        const hit = known.get(token);
        if (hit && now < hit.until) return hit.result;
        if (hit) known.delete(token);
      }
      const result = await verifier.verify(token);
      if (token && result.ok) {
        if (known.size >= capacity) known.clear();
        known.set(token, { result, until: Math.min(result.expiresAt, now + ttlMs) });
      }
      return result;
    },
  };
}
