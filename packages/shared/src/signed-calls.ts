import { Kind, parse, type GraphQLError } from "graphql";
import { UnauthenticatedError } from "./errors.js";
import {
  ReplayGuard,
  signedIdentityFromHeaders,
  verifyIdentity,
  type Identity,
  type SignaturePurpose,
  type SignedIdentity,
} from "./identity.js";

/**
 * What a subgraph checks of every call from the gateway, alone (`/graphql`) or in a batch
 * (`/graphql/batch`): the signed identity, bound to the call's exact body and used once; the
 * operation's name for the audit; no NUL anywhere in the input.
 */

/** What the audit needs to know of an operation. */
export interface OperationInfo {
  /** The operation's name as sent by the gateway, when it has one. */
  name: string | null;
}

/**
 * The operation's name for the audit: the request's `operationName`, else the name of the document's
 * only operation (GraphQL lets a client omit `operationName` then; the gateway may too), else null.
 */
export function operationNameOf(operationName: unknown, query: unknown): string | null {
  if (typeof operationName === "string" && operationName) return operationName;
  if (typeof query !== "string") return null;
  try {
    const operations = parse(query, { noLocation: true }).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    return operations.length === 1 ? (operations[0]!.name?.value ?? null) : null;
  } catch {
    return null;
  }
}

export function unauthenticated(reason: string): GraphQLError {
  const error = new UnauthenticatedError(`ゲートウェイの署名がない、または無効な呼び出しです (${reason})。`);
  error.extensions.http = { status: 401 };
  return error;
}

/** What a call or connection received by a subgraph is checked against (the subgraph addressed must be itself). */
type ReceivedPurpose = { kind: "http"; body: string | Uint8Array; digest?: string } | { kind: "ws" };

export type Verify = (signed: Partial<SignedIdentity> | undefined, purpose: ReceivedPurpose) => ReturnType<typeof verifyIdentity>;

/**
 * Verifies a signed identity addressed to this subgraph (`name`) and uses its signature up: each is
 * good for one call or one connection, here only.
 */
export function identityVerifier(options: { name: string; identitySecret: string; identityMaxAgeMs: number }): Verify {
  // A captured signature cannot be sent again.
  const replays = new ReplayGuard(options.identityMaxAgeMs);
  return (signed, received) => {
    const now = Date.now();
    const purpose: SignaturePurpose = { ...received, subgraph: options.name };
    const result = verifyIdentity(signed, options.identitySecret, options.identityMaxAgeMs, purpose, now);
    if (!result.ok) return result;
    const use = replays.use(signed!.signature!, result.signedAt, now);
    if (use === "replayed") return { ok: false as const, reason: "replayed" };
    if (use === "full") return { ok: false as const, reason: "replay cache full" };
    return result;
  };
}

/**
 * The identity a call was signed for. HTTP signatures are bound to the body as received: a captured
 * header set fits no other operation or variables, and is used once. Throws `UNAUTHENTICATED` otherwise.
 */
export function signedCallIdentity(
  verify: Verify,
  raw: Buffer | string | undefined,
  headers: Headers | Record<string, string | string[] | undefined>,
  digest?: string,
): Identity {
  if (!raw?.length) throw unauthenticated("unsigned body");
  const result = verify(signedIdentityFromHeaders(headers), { kind: "http", body: raw, digest });
  if (!result.ok) throw unauthenticated(result.reason);
  return result.identity;
}

/** The operation a call's body names, for the audit. */
export function operationOf(body: unknown): OperationInfo {
  const named = body as { operationName?: unknown; query?: unknown } | undefined;
  return { name: operationNameOf(named?.operationName, named?.query) };
}
