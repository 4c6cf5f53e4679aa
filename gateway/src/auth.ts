import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { identitySchema } from "@marugoto/shared/core";
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys } from "./dev-keys.js";
import type { TokenVerifier } from "./token-verifier.js";
import { rememberVerifiedTokens } from "./verified-tokens.js";
import { DEFAULT_MAX_LIFETIME_SEC, DEFAULT_PRIVILEGED_ROLE_ORGS, parsePrivilegedRoleOrgs, PRIVILEGED_ROLES } from "./config.js";

// The parser lives beside the setting it checks (config.ts); the verifier's settings are built with it.
export { parsePrivilegedRoleOrgs } from "./config.js";

export interface AuthSettings {
  production: boolean;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  orgClaim: string;
  rolesClaim: string;
  clockToleranceSec: number;
  /**
   * Privileged roles are honoured only for the organisations named here for each; a privileged role
   * not named is dropped for everyone. Default `DEFAULT_PRIVILEGED_ROLE_ORGS`.
   */
  privilegedRoleOrgs?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Longest accepted token lifetime (`exp` − `iat`), seconds; default 24 h. */
  maxLifetimeSec?: number;
  dataDir: string;
  /** Least time between two JWKS refetches on unknown `kid`s (rotation without a refetch storm). */
  jwksCooldownMs?: number;
}

/** setTimeout's longest delay (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds until `expiresAt`, as a setTimeout delay that cannot overflow. */
export const expiryDelay = (expiresAt: number, now = Date.now()) => Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - now));

export type { AuthResult, TokenVerifier } from "./token-verifier.js";

export async function createTokenVerifier(settings: AuthSettings): Promise<TokenVerifier> {
  let keySet: JWTVerifyGetKey;
  let issuer: string | undefined;
  let audience: string | undefined;
  if (settings.jwksUrl) {
    // jose refetches on an unknown `kid`, at most once per cooldown: key rotation without a restart.
    keySet = createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: settings.jwksCooldownMs ?? 30_000, cacheMaxAge: 600_000 });
    // A provider's keys sign tokens for many clients: without issuer and audience checks, a token
    // minted for another application would be accepted here, in any mode (a staging server too).
    if (!settings.issuer) throw new Error("JWT_ISSUER is required when JWT_JWKS_URL is set");
    if (!settings.audience) throw new Error("JWT_AUDIENCE is required when JWT_JWKS_URL is set");
    issuer = settings.issuer;
    audience = settings.audience;
  } else {
    if (settings.production) throw new Error("JWT_JWKS_URL is required in production");
    const keys = await loadOrCreateDevKeys(settings.dataDir);
    keySet = createLocalJWKSet({ keys: [keys.publicJwk] });
    issuer = settings.issuer ?? DEV_ISSUER;
    audience = settings.audience ?? DEV_AUDIENCE;
  }

  const maxLifetimeSec = settings.maxLifetimeSec ?? DEFAULT_MAX_LIFETIME_SEC;
  const privileged = settings.privilegedRoleOrgs ?? parsePrivilegedRoleOrgs(DEFAULT_PRIVILEGED_ROLE_ORGS);
  const privilegedRoles = new Set<string>(PRIVILEGED_ROLES);
  const tolerance = settings.clockToleranceSec;
  return rememberVerifiedTokens({
    async verify(token) {
      if (!token) return { ok: false, message: "認証が必要です。Authorization: Bearer <トークン> を送ってください。" };
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer,
          audience,
          clockTolerance: tolerance,
          // A token without an expiry would be good forever.
          requiredClaims: ["exp"],
        });
        const now = Date.now() / 1000;
        const exp = payload.exp!;
        if (payload.iat !== undefined && payload.iat > now + tolerance)
          return { ok: false, message: "トークンの発行時刻 (iat) が未来になっています。" };
        // Lifetime from issue (or, without `iat`, from now) to expiry: a stolen long-lived token is refused.
        if (exp - (payload.iat ?? now) > maxLifetimeSec + tolerance) {
          return { ok: false, message: `トークンの有効期間が長すぎます（上限 ${maxLifetimeSec} 秒）。` };
        }
        const parsed = identitySchema.safeParse({
          sub: payload.sub,
          org: payload[settings.orgClaim],
          roles: payload[settings.rolesClaim] ?? [],
        });
        if (!parsed.success) return { ok: false, message: "トークンに必要な属性 (sub, org, roles) がありません。" };
        // An identity provider that lets any organisation claim `auditor` must not open the audit log:
        // a privileged role counts only for the organisations configured for it, and a privileged
        // role the setting leaves out counts for no one (narrowing one role must not open the others).
        const roles = parsed.data.roles.filter((role) => !privilegedRoles.has(role) || privileged.get(role)?.has(parsed.data.org) === true);
        return { ok: true, identity: { ...parsed.data, roles }, expiresAt: exp * 1000 };
      } catch (error) {
        // jose checks the claims only once the signature holds: an expired token is a genuine one.
        if (error instanceof errors.JWTExpired) return { ok: false, expired: true, message: "トークンの有効期限が切れています。" };
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === "exp")
          return { ok: false, message: "トークンに有効期限 (exp) がありません。" };
        return { ok: false, message: "トークンを検証できません。" };
      }
    },
  });
}

/** `Bearer abc` → `abc`. */
export function bearer(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim();
}
