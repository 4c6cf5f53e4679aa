import {
  batchUrlOf,
  metrics,
  NOT_KEPT_HEADER,
  packBatch,
  unpackBodies,
  type BatchedAnswer,
  type BatchedCall,
  type BatchReply,
} from "@marugoto/shared/core";
import type { Agent } from "node:http";

/** At most this many calls in one batch (a subgraph takes up to `MAX_BATCH_CALLS`). */
const UPSTREAM_BATCH_CALLS = 500;

/** A batch not answered in this time fails each of its calls (as a call alone would fail). */
const BATCH_TIMEOUT_MS = 30_000;

type Fetch = (url: string, init: Record<string, unknown>) => Promise<Response>;

interface Waiting {
  call: BatchedCall;
  signal?: AbortSignal | null;
  resolve: (answer: BatchedAnswer) => void;
  reject: (error: unknown) => void;
}

/**
 * While a batch is out, a call whose own signal aborts is answered no more (the others go on). Calls
 * often share one signal (a stream's): one listener per distinct signal and batch, removed when the
 * batch is answered — a listener per call would pile up on that signal, each added in a walk over
 * those before it.
 */
function listenForAborts(batch: Waiting[]): () => void {
  const bySignal = new Map<AbortSignal, Waiting[]>();
  for (const w of batch) {
    if (!w.signal) continue;
    const waiting = bySignal.get(w.signal);
    if (waiting) waiting.push(w);
    else bySignal.set(w.signal, [w]);
  }
  const removers = [...bySignal].map(([signal, waiting]) => {
    const abort = () => waiting.forEach((w) => w.reject(signal.reason));
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
    return () => signal.removeEventListener("abort", abort);
  });
  return () => removers.forEach((remove) => remove());
}

/**
 * The calls a subscription event makes for many people at the same moment (one per person-scoped
 * group: 2,000 subscribers whose selection reaches a case make 2,000 calls to the cases subgraph),
 * sent to each subgraph in one HTTP request per turn of the event loop instead of one each. Each call
 * keeps its own headers — its own signature, made for its own body and its own person — and gets back
 * its own answer as a `Response`, exactly as if it had gone alone: the subgraph verifies, runs and
 * audits each on its own (`packages/shared/src/server.ts`, `/graphql/batch`). Only the transport is
 * shared.
 */
export class UpstreamBatches {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly agent: Agent,
    private readonly maxCalls = UPSTREAM_BATCH_CALLS,
  ) {}

  /**
   * The answer to one call to the subgraph at `url`, sent with the other calls to it of the same turn,
   * with the header an answer no one may keep would have carried alone.
   */
  send(fetchFn: Fetch, url: string, call: BatchedCall, signal?: AbortSignal | null): Promise<Response> {
    return this.answer(fetchFn, url, call, signal).then(
      ({ status, body, notKept }) =>
        new Response(body, { status, headers: { "content-type": "application/json", ...(notKept && { [NOT_KEPT_HEADER]: "1" }) } }),
    );
  }

  /** The same, as the status and body the subgraph answered (`send` makes a `Response` of it). */
  answer(fetchFn: Fetch, url: string, call: BatchedCall, signal?: AbortSignal | null): Promise<BatchedAnswer> {
    return new Promise<BatchedAnswer>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let queue = this.waiting.get(url);
      if (!queue) {
        this.waiting.set(url, (queue = []));
        setImmediate(() => this.flush(fetchFn, url));
      }
      queue.push({ call, signal, resolve, reject });
    });
  }

  private flush(fetchFn: Fetch, url: string): void {
    const queue = this.waiting.get(url) ?? [];
    this.waiting.delete(url);
    for (let i = 0; i < queue.length; i += this.maxCalls) void this.post(fetchFn, url, queue.slice(i, i + this.maxCalls));
  }

  private async post(fetchFn: Fetch, url: string, batch: Waiting[]): Promise<void> {
    metrics.upstreamBatches.inc();
    metrics.upstreamBatchedCalls.inc(batch.length);
    const stopListening = listenForAborts(batch);
    try {
      const response = await fetchFn(batchUrlOf(url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(packBatch(batch.map((w) => w.call))),
        signal: AbortSignal.timeout(BATCH_TIMEOUT_MS),
        agent: this.agent,
      });
      if (!response.ok) throw new Error(`batch refused by ${url}: HTTP ${response.status}`);
      const reply = (await response.json()) as Partial<BatchReply>;
      const results = Array.isArray(reply.results) ? unpackBodies(reply.results, reply.bodies) : null;
      if (!results || results.length !== batch.length) throw new Error(`batch answered wrongly by ${url}`);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      stopListening();
    }
  }
}
