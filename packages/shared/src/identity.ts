import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Who is calling: the verified claims of the client's token, as the gateway passes them on. */
export const identitySchema = z.object({
  sub: z.string().min(1),
  org: z.string().min(1),
  roles: z.array(z.string()),
});
export type Identity = z.infer<typeof identitySchema>;

/** Header (HTTP) and connection-param (graphql-ws) names of the signed identity. */
export const IDENTITY_HEADER = "x-marugoto-identity";
export const SIGNATURE_HEADER = "x-marugoto-signature";

/** What travels from the gateway to a subgraph: the identity, when it was signed, and the signature. */
export interface SignedIdentity {
  identity: string;
  signature: string;
}

interface Envelope extends Identity {
  /** Signing time, ms since the epoch: a captured call goes stale. */
  iat: number;
  /** Digest of the operation signed for (HTTP calls): captured headers fit no other operation. */
  op?: string;
}

/** The digest that binds a signature to one operation's text. */
export const operationDigest = (query: string) => createHash("sha256").update(query).digest("base64url");

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** Signs an identity for one upstream call; with `operation`, for that operation only. */
export function signIdentity(identity: Identity, secret: string, now = Date.now(), operation?: string): SignedIdentity {
  const envelope: Envelope = { sub: identity.sub, org: identity.org, roles: identity.roles, iat: now };
  if (operation !== undefined) envelope.op = operationDigest(operation);
  const payload = Buffer.from(JSON.stringify(envelope)).toString("base64url");
  return { identity: payload, signature: mac(secret, payload) };
}

export type VerifyResult = { ok: true; identity: Identity } | { ok: false; reason: string };

/**
 * Verifies a signed identity. Rejects a missing or wrong signature and one older than
 * `maxAgeMs` (or from the future beyond the same skew), so a captured call cannot be replayed later;
 * given `operation` (an HTTP call), the signature must have been made for exactly that operation.
 */
export function verifyIdentity(
  signed: Partial<SignedIdentity> | undefined,
  secret: string,
  maxAgeMs: number,
  now = Date.now(),
  operation?: string,
): VerifyResult {
  if (!signed?.identity || !signed.signature) return { ok: false, reason: "unsigned" };
  const expected = Buffer.from(mac(secret, signed.identity));
  const given = Buffer.from(signed.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "bad signature" };
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(signed.identity, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = identitySchema.extend({ iat: z.number(), op: z.string().optional() }).safeParse(envelope);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (Math.abs(now - parsed.data.iat) > maxAgeMs) return { ok: false, reason: "stale" };
  if (operation !== undefined && parsed.data.op !== operationDigest(operation)) return { ok: false, reason: "operation mismatch" };
  const { iat: _iat, op: _op, ...identity } = parsed.data;
  return { ok: true, identity };
}

/** Reads the signed identity from HTTP headers (Node's lower-cased header object or a Headers instance). */
export function signedIdentityFromHeaders(
  headers: Headers | Record<string, string | string[] | undefined>,
): Partial<SignedIdentity> {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return { identity: get(IDENTITY_HEADER), signature: get(SIGNATURE_HEADER) };
}

/** Role names the graph knows. Roles come from the token; relationships come from data. */
export const ROLES = {
  /** Staff of an organisation: the default. */
  staff: "staff",
  /** Chairs meetings of bodies their organisation chairs. */
  chair: "chair",
  /** Reads the audit log. */
  auditor: "auditor",
  /** Sees small counts in statistics (統計担当). */
  analyst: "analyst",
  /** Administers reference data. */
  admin: "admin",
  /**
   * Designated for emergencies (緊急対応担当): may break the glass on a case its organisation has no
   * relationship with yet. Granted per person by the identity provider's roles claim (configuration).
   */
  emergency: "emergency",
} as const;
