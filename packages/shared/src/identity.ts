import { createHash, createHmac, randomFillSync, timingSafeEqual } from "node:crypto";
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

/**
 * Everything that decides what a caller may see: the person, the organisation, the roles (sorted).
 * Every layer that keeps an answer for later keys it on this whole scope.
 */
export const authorisationScope = (identity: Identity): [string, string, string[]] => [
  identity.sub,
  identity.org,
  [...identity.roles].sort(),
];

/**
 * Who the gateway is when it watches a subgraph's changes for the answers it keeps (no caller's
 * identity, no role). Only it may watch the meetings subgraph's changes (`meetingsDataChanged`).
 */
export const ANSWERS_WATCHER: Identity = { sub: "gateway:kept-answers", org: "gateway", roles: [] };

/**
 * Sent by a caller that keeps copies of a subgraph's answers (the gateway, for the directory): answer
 * from the database, not from the subgraph's own kept answers. Each replica forgets its kept answers
 * when it hears of a change on its own connection; a copy kept elsewhere must not be taken from a
 * replica that has not heard yet.
 */
export const FRESH_READ_HEADER = "x-marugoto-fresh-read";

/**
 * Sent back with an answer that no one may keep, even by the caller's whole scope: it shows what a
 * case meeting's members pledged to keep confidential (case items, their tasks and minutes, a case's
 * meetings), or it depends on the time of day. The gateway keeps neither the call nor the query.
 */
export const NOT_KEPT_HEADER = "x-marugoto-not-kept";

/** What travels from the gateway to a subgraph: the identity, when it was signed, and the signature. */
export interface SignedIdentity {
  identity: string;
  signature: string;
}

/**
 * What a signature is for. Every signature names the subgraph it is addressed to (its name in the
 * supergraph, the name the subgraph boots with): each subgraph process keeps its own replay guard, so
 * without it a captured call or connection could be used once more at every other subgraph. An HTTP
 * call is bound to the exact bytes of its body (document, operation name and variables); a graphql-ws
 * connection carries no operation. The two kinds never stand in for each other.
 */
export type SignaturePurpose =
  | {
      kind: "http";
      /** The subgraph the call is sent to. */
      subgraph: string;
      body: string | Uint8Array;
      /** `bodyDigest(body)`, when the caller has it already (many calls of one batch with the same body). */
      digest?: string;
    }
  | {
      kind: "ws";
      /** The subgraph the socket is opened to. */
      subgraph: string;
    };

/**
 * What a signature is made for: a graphql-ws connection's also says when the socket must end by
 * (`until`, ms since the epoch). The connection_init is the only message of a socket that is signed,
 * and every subscription on the socket runs as its identity: the subgraph closes the socket then,
 * so one captured connection_init cannot keep a socket open for ever.
 */
export type SigningPurpose = Extract<SignaturePurpose, { kind: "http" }> | { kind: "ws"; subgraph: string; until: number };

interface Envelope extends Identity {
  /** Signing time, ms since the epoch: a captured call goes stale. */
  iat: number;
  /** `http` or `ws`: an HTTP call's signature opens no socket, and a socket's fits no HTTP call. */
  k: "http" | "ws";
  /** The subgraph addressed: every other refuses the envelope. */
  s: string;
  /** Random nonce: two identical calls in one millisecond still carry different signatures. */
  n: string;
  /** HTTP: digest of the exact request body, so captured headers fit no other operation or variables. */
  b?: string;
  /** graphql-ws: when the socket must be closed (ms since the epoch; the client token's expiry). */
  x?: number;
}

/** The digest that binds a signature to one HTTP body (the bytes as sent). */
export const bodyDigest = (body: string | Uint8Array) => createHash("sha256").update(body).digest("base64url");

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

const NONCE_BYTES = 12;
/** Nonces are cut from a block of random bytes filled 512 at a time: one call into the CSPRNG per 512 signatures, not one each. */
const nonces = { block: Buffer.alloc(NONCE_BYTES * 512), next: NONCE_BYTES * 512 };

/** A fresh random nonce (never handed out twice: each is cut from bytes not used before). */
function nonce(): string {
  if (nonces.next >= nonces.block.length) {
    randomFillSync(nonces.block);
    nonces.next = 0;
  }
  const start = nonces.next;
  nonces.next += NONCE_BYTES;
  return nonces.block.toString("base64url", start, start + NONCE_BYTES);
}

/**
 * Signs an identity for one upstream call to a subgraph (`http`, with its body) or one graphql-ws
 * connection to a subgraph (`ws`, with the time its socket must end by).
 */
export function signIdentity(identity: Identity, secret: string, purpose: SigningPurpose, now = Date.now()): SignedIdentity {
  const envelope: Envelope = {
    sub: identity.sub,
    org: identity.org,
    roles: identity.roles,
    iat: now,
    k: purpose.kind,
    s: purpose.subgraph,
    n: nonce(),
  };
  if (purpose.kind === "http") envelope.b = purpose.digest ?? bodyDigest(purpose.body);
  else envelope.x = purpose.until;
  const payload = Buffer.from(JSON.stringify(envelope)).toString("base64url");
  return { identity: payload, signature: mac(secret, payload) };
}

/**
 * One GraphQL call from a subgraph straight to another (`subgraph`, at `url`), as `identity`: signed
 * with the shared secret exactly as the gateway signs it, for that subgraph and these exact bytes (the
 * receiver refuses any other body or a replay, and any other subgraph refuses it), so the receiver
 * applies its own rules to the caller. Answers the status and the JSON.
 */
export async function callSubgraphAs<T>(
  subgraph: string,
  url: string,
  secret: string,
  identity: Identity,
  call: { query: string; variables: Record<string, unknown>; operationName: string },
  timeoutMs: number,
): Promise<{ ok: boolean; status: number; answer: T }> {
  const body = JSON.stringify(call);
  const signed = signIdentity(identity, secret, { kind: "http", subgraph, body });
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { ok: res.ok, status: res.status, answer: (await res.json()) as T };
}

/**
 * A verified signature's identity and signing time; for a graphql-ws connection, `until`: when its
 * socket must be closed.
 */
export type VerifyResult = { ok: true; identity: Identity; signedAt: number; until?: number } | { ok: false; reason: string };

/** A string that is not empty. */
const filled = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/**
 * The envelope a verified signature carried, checked field by field (this runs for every upstream
 * call, thousands per live event: a schema library's generic walk was 4 % of a subgraph's CPU); null
 * when any field is missing or of the wrong kind. The identity returned holds `sub`, `org` and a
 * copy of `roles`, nothing else the envelope may carry.
 */
function envelopeOf(value: unknown): { identity: Identity; iat: number; k: "http" | "ws"; s: string; b?: string; x?: number } | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { sub, org, roles, iat, k, s, n, b, x } = value as Record<string, unknown>;
  if (!filled(sub) || !filled(org) || !Array.isArray(roles) || !roles.every((r) => typeof r === "string")) return null;
  if (typeof iat !== "number" || !Number.isFinite(iat) || (k !== "http" && k !== "ws") || !filled(s)) return null;
  if (typeof n !== "string" || n.length < 8 || (b !== undefined && typeof b !== "string")) return null;
  // A socket's envelope says when the socket ends: one without would be good for as long as it stays open.
  if (k === "ws" && (typeof x !== "number" || !Number.isFinite(x))) return null;
  return { identity: { sub, org, roles: [...(roles as string[])] }, iat, k, s, b, x: k === "ws" ? (x as number) : undefined };
}

/**
 * Verifies a signed identity. Rejects a missing or wrong signature and one older than
 * `maxAgeMs` (or from the future beyond the same skew), so a captured call cannot be replayed later;
 * one made for the other kind (`http`/`ws`); one addressed to another subgraph than
 * `purpose.subgraph`; an HTTP signature made for another body; and a socket's whose end has passed.
 * Single use is the caller's `ReplayGuard`.
 */
export function verifyIdentity(
  signed: Partial<SignedIdentity> | undefined,
  secret: string,
  maxAgeMs: number,
  purpose: SignaturePurpose,
  now = Date.now(),
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
  const parsed = envelopeOf(envelope);
  if (!parsed) return { ok: false, reason: "malformed" };
  if (Math.abs(now - parsed.iat) > maxAgeMs) return { ok: false, reason: "stale" };
  if (parsed.k !== purpose.kind) return { ok: false, reason: "wrong kind" };
  if (parsed.s !== purpose.subgraph) return { ok: false, reason: "wrong subgraph" };
  if (purpose.kind === "http" && parsed.b !== (purpose.digest ?? bodyDigest(purpose.body)))
    return { ok: false, reason: "operation mismatch" };
  const { identity, iat, x } = parsed;
  if (x === undefined) return { ok: true, identity, signedAt: iat };
  if (x <= now) return { ok: false, reason: "expired" };
  return { ok: true, identity, signedAt: iat, until: x };
}

/**
 * Seen signatures of one process, each kept until its window has passed: a signature is used once.
 * Bounded: when full of unexpired entries it refuses (fails closed) rather than forget one.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private sweepAt = 0;
  private sweptAt = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly capacity = 200_000,
  ) {}

  /** Records `signature` (verified, signed at `signedAt`): `replayed` when already used, `full` when no room. */
  use(signature: string, signedAt: number, now = Date.now()): "ok" | "replayed" | "full" {
    if (now >= this.sweepAt || (this.seen.size >= this.capacity && now - this.sweptAt >= 100)) this.sweep(now);
    const expires = this.seen.get(signature);
    if (expires !== undefined && expires >= now) return "replayed";
    if (this.seen.size >= this.capacity) return "full";
    this.seen.set(signature, signedAt + this.maxAgeMs);
    return "ok";
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    for (const [signature, expires] of this.seen) if (expires < now) this.seen.delete(signature);
    this.sweptAt = now;
    this.sweepAt = now + Math.min(this.maxAgeMs, 5_000);
  }
}

/** Reads the signed identity from HTTP headers (Node's lower-cased header object or a Headers instance). */
export function signedIdentityFromHeaders(headers: Headers | Record<string, string | string[] | undefined>): Partial<SignedIdentity> {
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
  /** Keeps the record (書記) of meetings where their organisation is the secretary. */
  secretary: "secretary",
  /** Reads the audit log. */
  auditor: "auditor",
  /** Sees small counts in statistics (統計担当). */
  analyst: "analyst",
  /**
   * Designated for emergencies (緊急対応担当): may break the glass on a case its organisation has no
   * relationship with yet. Granted per person by the identity provider's roles claim (configuration).
   */
  emergency: "emergency",
} as const;

/** A role the graph knows. A token may carry others; they grant nothing. */
export type Role = (typeof ROLES)[keyof typeof ROLES];

/** Whether the caller's token grants `role`. */
export function hasRole(identity: Pick<Identity, "roles">, role: Role): boolean {
  return identity.roles.includes(role);
}
