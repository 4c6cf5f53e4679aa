/**
 * Calls sent to a subgraph together (`POST <subgraph url>/batch`): each exactly as it would have gone
 * alone, with its own headers (signed identity, request id) and its own body, and answered alone.
 */

/** Where a subgraph takes a batch: beside its `/graphql`. */
export const batchUrlOf = (graphqlUrl: string) => `${graphqlUrl.replace(/\/+$/, "")}/batch`;

/** At most this many calls in one batch; a subgraph refuses more. */
export const MAX_BATCH_CALLS = 1_000;

/** One call of a batch: the headers it would have carried alone and its body, as the exact text its signature was made for. */
export interface BatchedCall {
  headers: Record<string, string>;
  body: string;
}

/**
 * One call's answer in a batch: the status and body it would have had alone, and `notKept` when it
 * would have carried `NOT_KEPT_HEADER` (an answer no one may keep).
 */
export interface BatchedAnswer {
  status: number;
  body: string;
  notKept?: true;
}

/**
 * A batch as sent: every distinct body once (`bodies`), each call naming its body by place. The calls
 * of one live event for many people carry the same body, each with its own signature. A call may also
 * carry its body itself.
 */
export interface BatchRequest {
  bodies?: string[];
  calls: { headers: Record<string, string>; body: string | number }[];
}

/** A batch's answers as sent back to a request with `bodies`: every distinct answer body once, each answer naming its body by place. */
export interface BatchReply {
  bodies?: string[];
  results: { status: number; body: string | number; notKept?: true }[];
}

/** Every distinct text once, and where each of `texts` is among them. */
function placesOf(texts: string[]): { bodies: string[]; places: number[] } {
  const bodies: string[] = [];
  const seen = new Map<string, number>();
  const places = texts.map((text) => {
    let place = seen.get(text);
    if (place === undefined) seen.set(text, (place = bodies.push(text) - 1));
    return place;
  });
  return { bodies, places };
}

/** A batch request with every distinct body once. */
export function packBatch(calls: BatchedCall[]): BatchRequest {
  const { bodies, places } = placesOf(calls.map((c) => c.body));
  return { bodies, calls: calls.map(({ headers }, i) => ({ headers, body: places[i]! })) };
}

/** Answers with every distinct body once (for a request that sent `bodies`). */
export function packReply(results: BatchedAnswer[]): BatchReply {
  const { bodies, places } = placesOf(results.map((r) => r.body));
  return { bodies, results: results.map(({ status, notKept }, i) => ({ status, body: places[i]!, ...(notKept && { notKept }) })) };
}

/** Each call or answer with its body itself; null when a place names no body. */
export function unpackBodies<T extends { body: string | number }>(
  items: T[],
  bodies: string[] | undefined,
): (T & { body: string })[] | null {
  // Places only into a list of texts: a place into anything else (a string's characters) names no body.
  const list = Array.isArray(bodies) ? bodies : undefined;
  const out: (T & { body: string })[] = [];
  for (const item of items) {
    const body = typeof item?.body === "number" ? list?.[item.body] : item?.body;
    if (typeof body !== "string") return null;
    out.push({ ...item, body });
  }
  return out;
}
