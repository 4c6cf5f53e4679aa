import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuthResult, TokenVerifier } from "./auth.js";
import { rememberVerifiedTokens } from "./verified-tokens.js";

/** A verifier that counts its calls; `good-<exp ms>` tokens verify, anything else fails. */
function counting(): TokenVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    async verify(token: string | undefined | null): Promise<AuthResult> {
      verifier.calls++;
      const match = /^good-(\d+)$/.exec(token ?? "");
      if (!match) return { ok: false, message: "no" };
      return { ok: true, identity: { sub: token!, org: "nozei", roles: ["staff"] }, expiresAt: Number(match[1]) };
    },
  };
  return verifier;
}

afterEach(() => vi.useRealTimers());

describe("remembered token verifications", () => {
  it("verify a token once, and again only after the time to live", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const inner = counting();
    const verifier = rememberVerifiedTokens(inner, { ttlMs: 60_000 });
    const token = `good-${1_000_000 + 3_600_000}`;
    expect((await verifier.verify(token)).ok).toBe(true);
    expect((await verifier.verify(token)).ok).toBe(true);
    expect(inner.calls).toBe(1);
    vi.setSystemTime(1_000_000 + 60_000);
    expect((await verifier.verify(token)).ok).toBe(true);
    expect(inner.calls).toBe(2);
  });

  it("never answer from memory at or past the token's expiry", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const inner = counting();
    const verifier = rememberVerifiedTokens(inner);
    const token = `good-${1_000_000 + 5_000}`;
    await verifier.verify(token);
    vi.setSystemTime(1_000_000 + 5_000);
    await verifier.verify(token);
    expect(inner.calls).toBe(2);
  });

  it("never remember a failure, nor share one token's identity with another", async () => {
    const inner = counting();
    const verifier = rememberVerifiedTokens(inner);
    await verifier.verify("bad");
    expect((await verifier.verify("bad")).ok).toBe(false);
    expect((await verifier.verify(undefined)).ok).toBe(false);
    expect(inner.calls).toBe(3);
    const far = Date.now() + 3_600_000;
    const a = await verifier.verify(`good-${far}`);
    const b = await verifier.verify(`good-${far + 1}`);
    expect(a.ok && b.ok && a.identity.sub !== b.identity.sub).toBe(true);
  });
});
