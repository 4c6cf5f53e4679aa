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

/** One call's answer in a batch: the status and body it would have had alone. */
export interface BatchedAnswer {
  status: number;
  body: string;
}
