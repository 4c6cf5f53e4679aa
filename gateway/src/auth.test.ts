import { generateKeyPair, importJWK, SignJWT } from "jose";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, expiryDelay, MAX_TIMER_MS, parsePrivilegedRoleOrgs, type TokenVerifier } from "./auth.js";
import { repoRoot } from "@marugoto/shared/paths";
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

  it("`npm run token` prints a token the gateway accepts, loading only the signing code", async () => {
    const scripts = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")).scripts as Record<string, string>;
    const [, ...args] = scripts.token!.split(" ");
    const run = await promisify(execFile)(process.execPath, [...args, "--org", "seikatsu-fukushi", "--role", "staff", "--sub", "u2"], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dir, NODE_ENV: "development" },
    });
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await verifier.verify(run.stdout.trim())).toMatchObject({
      ok: true,
      identity: { sub: "u2", org: "seikatsu-fukushi", roles: ["staff"] },
    });
    // Quick because it imports no package index (the ORM, GraphQL and the servers take seconds to load).
    const imports = [...(await readFile(path.join(repoRoot, "scripts/token.ts"), "utf8")).matchAll(/^import .* from "(.+)";$/gm)];
    expect(imports.map((m) => m[1])).toEqual(["node:util", "@marugoto/shared/paths", "../gateway/src/dev-keys.js"]);
  });

  it("keeps the development key across restarts", async () => {
    const first = await loadOrCreateDevKeys(dir);
    expect((await loadOrCreateDevKeys(dir)).publicJwk).toEqual(first.publicJwk);
  });

  it("refuses a missing, malformed, expired or foreign token", async () => {
    expect((await verifier.verify(undefined)).ok).toBe(false);
    expect((await verifier.verify("not-a-jwt")).ok).toBe(false);
    const expired = await mintDevToken(await loadOrCreateDevKeys(dir), { sub: "u1", org: "nozei", roles: [], expiresIn: -60 });
    // Genuine and only expired: marked so (not counted as a failed authentication).
    expect(await verifier.verify(expired)).toEqual({ ok: false, expired: true, message: "トークンの有効期限が切れています。" });
    const { privateKey } = await generateKeyPair("ES256");
    const foreign = await new SignJWT({ org: "nozei", roles: [] })
      .setProtectedHeader({ alg: "ES256" })
      .setSubject("u1")
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    expect((await verifier.verify(foreign)).ok).toBe(false);
    // A forged token that is also expired is a forgery, not a late client: its signature is judged first.
    const forgedExpired = await new SignJWT({ org: "nozei", roles: [] })
      .setProtectedHeader({ alg: "ES256" })
      .setSubject("u1")
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey);
    expect(await verifier.verify(forgedExpired)).toEqual({ ok: false, message: "トークンを検証できません。" });
  });

  it("refuses a token for another audience or from another issuer, and one without an organisation", async () => {
    const keys = await loadOrCreateDevKeys(dir);
    const key = await importJWK(keys.privateJwk, "ES256");
    const sign = (claims: Record<string, unknown>, audience: string, issuer = DEV_ISSUER) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: keys.privateJwk.kid })
        .setSubject("u1")
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(key);
    // The same claims, issuer and audience right, pass: each refusal below is for what it changes.
    expect((await verifier.verify(await sign({ org: "nozei", roles: [] }, DEV_AUDIENCE))).ok).toBe(true);
    expect((await verifier.verify(await sign({ org: "nozei", roles: [] }, "another-api"))).ok).toBe(false);
    expect((await verifier.verify(await sign({ org: "nozei", roles: [] }, DEV_AUDIENCE, "https://another-issuer.example/"))).ok).toBe(
      false,
    );
    expect((await verifier.verify(await sign({ roles: [] }, DEV_AUDIENCE))).ok).toBe(false);
  });

  it("requires an expiry, refuses lifetimes over the maximum and an issue time in the future", async () => {
    const keys = await loadOrCreateDevKeys(dir);
    const key = await importJWK(keys.privateJwk, "ES256");
    const now = Math.floor(Date.now() / 1000);
    const sign = (times: { iat?: number; exp?: number }) => {
      const jwt = new SignJWT({ org: "nozei", roles: [], ...times })
        .setProtectedHeader({ alg: "ES256", kid: keys.privateJwk.kid })
        .setSubject("u1")
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE);
      return jwt.sign(key);
    };
    expect(await verifier.verify(await sign({ iat: now }))).toEqual({ ok: false, message: "トークンに有効期限 (exp) がありません。" });
    expect(await verifier.verify(await sign({ iat: now, exp: now + 25 * 3600 }))).toEqual({
      ok: false,
      message: "トークンの有効期間が長すぎます（上限 86400 秒）。",
    });
    // Without iat the lifetime is counted from now.
    expect((await verifier.verify(await sign({ exp: now + 30 * 24 * 3600 }))).ok).toBe(false);
    expect(await verifier.verify(await sign({ iat: now + 60, exp: now + 3600 }))).toEqual({
      ok: false,
      message: "トークンの発行時刻 (iat) が未来になっています。",
    });
    // Within the clock tolerance (5 s) and the lifetime: accepted.
    expect((await verifier.verify(await sign({ iat: now + 3, exp: now + 24 * 3600 }))).ok).toBe(true);
    const shorter = await createTokenVerifier({
      production: false,
      orgClaim: "org",
      rolesClaim: "roles",
      clockToleranceSec: 0,
      maxLifetimeSec: 600,
      dataDir: dir,
    });
    expect((await shorter.verify(await sign({ iat: now, exp: now + 3600 }))).ok).toBe(false);
  });

  it("arms the socket's expiry timer without overflow", () => {
    const now = Date.now();
    expect(expiryDelay(now + 60 * 24 * 3600_000, now)).toBe(MAX_TIMER_MS);
    expect(expiryDelay(now + 1000, now)).toBe(1000);
    expect(expiryDelay(now - 1000, now)).toBe(0);
  });

  it("will not start in production without a JWKS URL", async () => {
    await expect(
      createTokenVerifier({ production: true, orgClaim: "org", rolesClaim: "roles", clockToleranceSec: 5, dataDir: dir }),
    ).rejects.toThrow(/JWT_JWKS_URL/);
  });
});

describe("gateway token verification (OIDC provider)", () => {
  const ISSUER = "https://idp.example.test/";
  let server: import("node:http").Server;
  let keys: import("jose").JWK[] = [];
  let fetches = 0;
  let url = "";

  beforeAll(async () => {
    const http = await import("node:http");
    server = http.createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}/jwks`;
  });
  afterAll(() => server?.close());

  const keyPair = async (kid: string) => {
    const { exportJWK } = await import("jose");
    const pair = await generateKeyPair("ES256", { extractable: true });
    return { kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "ES256" } };
  };
  const sign = (k: { kid: string; privateKey: CryptoKey }, claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: k.kid })
      .setSubject("u")
      .setIssuer(ISSUER)
      .setAudience("marugoto-graph")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(k.privateKey);

  it("follows a key rotation, refetching at most once per cooldown, and reads the configured claim names", async () => {
    const first = await keyPair("k1");
    keys = [first.publicJwk];
    const verifier = await createTokenVerifier({
      production: true,
      jwksUrl: url,
      issuer: ISSUER,
      audience: "marugoto-graph",
      orgClaim: "https://yamagata.example/org",
      rolesClaim: "https://yamagata.example/roles",
      clockToleranceSec: 5,
      dataDir: dir,
      jwksCooldownMs: 300,
    });
    const claims = { "https://yamagata.example/org": "nozei", "https://yamagata.example/roles": ["staff"] };
    expect(await verifier.verify(await sign(first, claims))).toMatchObject({ ok: true, identity: { org: "nozei", roles: ["staff"] } });
    const before = fetches;

    // The provider rotates: tokens with the new kid verify after one refetch.
    const second = await keyPair("k2");
    keys = [first.publicJwk, second.publicJwk];
    await new Promise((r) => setTimeout(r, 350));
    expect((await verifier.verify(await sign(second, claims))).ok).toBe(true);
    expect(fetches).toBe(before + 1);

    // Tokens with unknown kids do not make it fetch again within the cooldown.
    const stranger = await keyPair("unknown");
    for (let i = 0; i < 10; i++) expect((await verifier.verify(await sign(stranger, claims))).ok).toBe(false);
    expect(fetches).toBeLessThanOrEqual(before + 2);
  });
});

describe("gateway configuration", () => {
  it("refuses to start in production without a JWKS URL, an identity secret and trusted documents", async () => {
    const { gatewayEnvSchema } = await import("./config.js");
    const { parseConfig } = await import("@marugoto/shared");
    expect(() => parseConfig(gatewayEnvSchema, { NODE_ENV: "production" })).toThrow(
      /IDENTITY_SECRET[\s\S]*TRUSTED_DOCUMENTS_PATH[\s\S]*JWT_JWKS_URL/,
    );
    const complete = {
      NODE_ENV: "production",
      IDENTITY_SECRET: "x".repeat(32),
      TRUSTED_DOCUMENTS_PATH: "/m.json",
      JWT_JWKS_URL: "https://idp.example/jwks",
      JWT_ISSUER: "https://idp.example/",
      JWT_AUDIENCE: "marugoto-graph",
    };
    expect(() => parseConfig(gatewayEnvSchema, complete)).not.toThrow();
    // With a provider's JWKS, issuer and audience are required: each missing one is named.
    expect(() => parseConfig(gatewayEnvSchema, { ...complete, JWT_ISSUER: undefined })).toThrow(/JWT_ISSUER/);
    expect(() => parseConfig(gatewayEnvSchema, { ...complete, JWT_AUDIENCE: undefined })).toThrow(/JWT_AUDIENCE/);
  });

  it("will not verify provider tokens without issuer and audience, in production or not", async () => {
    for (const production of [true, false]) {
      const base = {
        production,
        jwksUrl: "https://idp.example/jwks",
        orgClaim: "org",
        rolesClaim: "roles",
        clockToleranceSec: 5,
        dataDir: dir,
      };
      await expect(createTokenVerifier({ ...base, audience: "marugoto-graph" })).rejects.toThrow(/JWT_ISSUER/);
      await expect(createTokenVerifier({ ...base, issuer: "https://idp.example/" })).rejects.toThrow(/JWT_AUDIENCE/);
    }
  });

  it("refuses a provider's JWKS without issuer and audience outside production too (a staging server)", async () => {
    const { gatewayEnvSchema } = await import("./config.js");
    const { parseConfig } = await import("@marugoto/shared");
    const staging = { NODE_ENV: "development", JWT_JWKS_URL: "https://idp.example/jwks" };
    expect(() => parseConfig(gatewayEnvSchema, staging)).toThrow(/JWT_ISSUER[\s\S]*JWT_AUDIENCE/);
    expect(() =>
      parseConfig(gatewayEnvSchema, { ...staging, JWT_ISSUER: "https://idp.example/", JWT_AUDIENCE: "marugoto-graph" }),
    ).not.toThrow();
    // The development key is checked against the development issuer and audience by default.
    expect(() => parseConfig(gatewayEnvSchema, { NODE_ENV: "development" })).not.toThrow();
  });

  it("refuses to start with a clock tolerance over 300 seconds", async () => {
    const { gatewayEnvSchema } = await import("./config.js");
    const { parseConfig } = await import("@marugoto/shared");
    expect(parseConfig(gatewayEnvSchema, { JWT_CLOCK_TOLERANCE_SEC: "300" }).JWT_CLOCK_TOLERANCE_SEC).toBe(300);
    expect(() => parseConfig(gatewayEnvSchema, { JWT_CLOCK_TOLERANCE_SEC: "301" })).toThrow(/JWT_CLOCK_TOLERANCE_SEC/);
  });
});

describe("privileged roles (PRIVILEGED_ROLE_ORGS)", () => {
  const PRIVILEGED_CLAIM = ["staff", "auditor", "analyst", "emergency"];
  /** The roles the gateway keeps for an identity of `org` claiming every privileged role, under `setting`. */
  async function rolesKept(setting: string | undefined, org: string): Promise<string[]> {
    const { gatewayEnvSchema } = await import("./config.js");
    const { parseConfig } = await import("@marugoto/shared");
    // As the gateway's start does (index.ts): the setting validated, then parsed for the verifier.
    const config = parseConfig(gatewayEnvSchema, setting === undefined ? {} : { PRIVILEGED_ROLE_ORGS: setting });
    const verifier = await createTokenVerifier({
      production: false,
      orgClaim: "org",
      rolesClaim: "roles",
      clockToleranceSec: 5,
      privilegedRoleOrgs: parsePrivilegedRoleOrgs(config.PRIVILEGED_ROLE_ORGS),
      dataDir: dir,
    });
    const token = await mintDevToken(await loadOrCreateDevKeys(dir), { sub: `u-${org}`, org, roles: PRIVILEGED_CLAIM });
    const result = await verifier.verify(token);
    if (!result.ok) throw new Error(result.message);
    return result.identity.roles;
  }

  it("narrowing one role opens no other: a privileged role the setting leaves out is dropped for everyone", async () => {
    expect(await rolesKept("auditor:seikatsu-fukushi", "seikatsu-fukushi")).toEqual(["staff", "auditor"]);
    // 長寿支援課 would hold `emergency` by default; a setting that names only auditors grants it to no one.
    expect(await rolesKept("auditor:seikatsu-fukushi", "choju-shien")).toEqual(["staff"]);
    expect(await rolesKept("emergency:koho", "koho")).toEqual(["staff", "emergency"]);
    expect(await rolesKept("emergency:koho", "seikatsu-fukushi")).toEqual(["staff"]);
  });

  it("keeps the documented default when unset", async () => {
    expect(await rolesKept(undefined, "seikatsu-fukushi")).toEqual(["staff", "auditor", "analyst", "emergency"]);
    expect(await rolesKept(undefined, "fukushi-suishin-bu")).toEqual(["staff", "analyst"]);
    expect(await rolesKept(undefined, "choju-shien")).toEqual(["staff", "emergency"]);
    expect(await rolesKept(undefined, "koho")).toEqual(["staff"]);
  });

  it("refuses to start when the setting is set but empty (a template's `PRIVILEGED_ROLE_ORGS=`)", async () => {
    for (const empty of ["", "  ", ";", " ; "])
      await expect(rolesKept(empty, "seikatsu-fukushi"), JSON.stringify(empty)).rejects.toThrow(
        /Invalid configuration:[\s\S]*PRIVILEGED_ROLE_ORGS: set but empty/,
      );
  });

  it("refuses to start when the setting names an unknown role", async () => {
    for (const setting of ["auditor:seikatsu-fukushi;superuser:koho", "staff:koho", "Auditor:seikatsu-fukushi"])
      await expect(rolesKept(setting, "koho"), setting).rejects.toThrow(
        /PRIVILEGED_ROLE_ORGS: ".+" is not a privileged role \(auditor, analyst, emergency\)/,
      );
  });

  it("refuses to start when the setting is malformed", async () => {
    const refusals: [string, RegExp][] = [
      ["auditor", /"auditor" is not role:org,org/],
      ["auditor:seikatsu-fukushi:koho", /is not role:org,org/],
      ["auditor:", /auditor names no organisation/],
      ["auditor: , ", /auditor names no organisation/],
      ["auditor:seikatsu-fukushi;auditor:koho", /auditor is named twice/],
    ];
    for (const [setting, refusal] of refusals) await expect(rolesKept(setting, "koho"), setting).rejects.toThrow(refusal);
  });
});
