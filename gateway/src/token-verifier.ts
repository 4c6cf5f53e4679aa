import type { Identity } from "@marugoto/shared/core";

/** What verifying a client token gives: the identity and when the token expires, or why it was refused. */
/**
 * A verification's answer. `expired`: the token is genuine (its signature verified) and only ran out —
 * a late client (a board left open), not a guess: not counted as a failed authentication.
 */
export type AuthResult = { ok: true; identity: Identity; expiresAt: number } | { ok: false; message: string; expired?: true };

/** Verifies client tokens: the OIDC provider's keys in production, the local development key otherwise. */
export interface TokenVerifier {
  verify(token: string | undefined | null): Promise<AuthResult>;
}
