import type { Identity } from "@marugoto/shared/core";

/** What verifying a client token gives: the identity and when the token expires, or why it was refused. */
export type AuthResult = { ok: true; identity: Identity; expiresAt: number } | { ok: false; message: string };

/** Verifies client tokens: the OIDC provider's keys in production, the local development key otherwise. */
export interface TokenVerifier {
  verify(token: string | undefined | null): Promise<AuthResult>;
}
