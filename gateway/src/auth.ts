import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { identitySchema, type Identity } from "@marugoto/shared/core";
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys } from "./dev-keys.js";

export interface AuthSettings {
  production: boolean;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  orgClaim: string;
  rolesClaim: string;
  clockToleranceSec: number;
  dataDir: string;
  /** Least time between two JWKS refetches on unknown `kid`s (rotation without a refetch storm). */
  jwksCooldownMs?: number;
}

export type AuthResult = { ok: true; identity: Identity; expiresAt?: number } | { ok: false; message: string };

/** Verifies client tokens: the OIDC provider's keys in production, the local development key otherwise. */
export interface TokenVerifier {
  verify(token: string | undefined | null): Promise<AuthResult>;
}

export async function createTokenVerifier(settings: AuthSettings): Promise<TokenVerifier> {
  let keySet: JWTVerifyGetKey;
  let issuer: string | undefined;
  let audience: string | undefined;
  if (settings.jwksUrl) {
    // jose refetches on an unknown `kid`, at most once per cooldown: key rotation without a restart.
    keySet = createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: settings.jwksCooldownMs ?? 30_000, cacheMaxAge: 600_000 });
    issuer = settings.issuer;
    audience = settings.audience;
  } else {
    if (settings.production) throw new Error("JWT_JWKS_URL is required in production");
    const keys = await loadOrCreateDevKeys(settings.dataDir);
    keySet = createLocalJWKSet({ keys: [keys.publicJwk] });
    issuer = settings.issuer ?? DEV_ISSUER;
    audience = settings.audience ?? DEV_AUDIENCE;
  }

  return {
    async verify(token) {
      if (!token) return { ok: false, message: "認証が必要です。Authorization: Bearer <トークン> を送ってください。" };
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer,
          audience,
          clockTolerance: settings.clockToleranceSec,
        });
        const parsed = identitySchema.safeParse({
          sub: payload.sub,
          org: payload[settings.orgClaim],
          roles: payload[settings.rolesClaim] ?? [],
        });
        if (!parsed.success) return { ok: false, message: "トークンに必要な属性 (sub, org, roles) がありません。" };
        return { ok: true, identity: parsed.data, expiresAt: payload.exp ? payload.exp * 1000 : undefined };
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { ok: false, message: "トークンの有効期限が切れています。" };
        return { ok: false, message: "トークンを検証できません。" };
      }
    },
  };
}

/** `Bearer abc` → `abc`. */
export function bearer(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim();
}
