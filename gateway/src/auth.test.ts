import { generateKeyPair, importJWK, SignJWT } from "jose";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, type TokenVerifier } from "./auth.js";
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys, mintDevToken } from "./dev-keys.js";

let dir: string;
let verifier: TokenVerifier;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "auth-test-"));
  verifier = await createTokenVerifier({ production: false, orgClaim: "org", rolesClaim: "roles", clockToleranceSec: 5, dataDir: dir });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("gateway token verification (development key)", () => {
  it("accepts a token minted by `npm run token` and yields its identity", async () => {
    const token = await mintDevToken(await loadOrCreateDevKeys(dir), { sub: "u1", org: "nozei", roles: ["staff"] });
    expect(await verifier.verify(token)).toMatchObject({ ok: true, identity: { sub: "u1", org: "nozei", roles: ["staff"] } });
  });

  it("keeps the development key across restarts", async () => {
    const first = await loadOrCreateDevKeys(dir);
    expect((await loadOrCreateDevKeys(dir)).publicJwk).toEqual(first.publicJwk);
  });

  it("refuses a missing, malformed, expired or foreign token", async () => {
    expect((await verifier.verify(undefined)).ok).toBe(false);
    expect((await verifier.verify("not-a-jwt")).ok).toBe(false);
    const expired = await mintDevToken(await loadOrCreateDevKeys(dir), { sub: "u1", org: "nozei", roles: [], expiresIn: -60 });
    expect(await verifier.verify(expired)).toEqual({ ok: false, message: "トークンの有効期限が切れています。" });
    const { privateKey } = await generateKeyPair("ES256");
    const foreign = await new SignJWT({ org: "nozei", roles: [] })
      .setProtectedHeader({ alg: "ES256" })
      .setSubject("u1").setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setIssuedAt().setExpirationTime("1h")
      .sign(privateKey);
    expect((await verifier.verify(foreign)).ok).toBe(false);
  });

  it("refuses a token for another audience, and one without an organisation", async () => {
    const keys = await loadOrCreateDevKeys(dir);
    const key = await importJWK(keys.privateJwk, "ES256");
    const sign = (claims: Record<string, unknown>, audience: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: keys.privateJwk.kid }).setSubject("u1").setIssuer(DEV_ISSUER)
        .setAudience(audience).setIssuedAt().setExpirationTime("1h").sign(key);
    expect((await verifier.verify(await sign({ org: "nozei", roles: [] }, "another-api"))).ok).toBe(false);
    expect((await verifier.verify(await sign({ roles: [] }, DEV_AUDIENCE))).ok).toBe(false);
  });

  it("will not start in production without a JWKS URL", async () => {
    await expect(createTokenVerifier({ production: true, orgClaim: "org", rolesClaim: "roles", clockToleranceSec: 5, dataDir: dir })).rejects.toThrow(/JWT_JWKS_URL/);
  });
});
