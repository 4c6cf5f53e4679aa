import type { ExecutionRequest, Executor } from "@graphql-tools/utils";
import { GraphQLError, print, type DocumentNode, type ExecutionResult } from "graphql";
import { handOutInSlices, type Identity } from "@marugoto/shared/core";
import { interrupted, isIterable } from "./interruptions.js";
import { PushIterator } from "./push-iterator.js";
import { isPersonalSubgraph, sharingScope } from "./sharing-scope.js";
import { endsStream, givesState, GROUP_HAND_OUT_SLICE, resumesAt } from "./subscription-groups.js";

type Result = ExecutionResult;

/** A copy of what came off the wire (plain JSON): every object and array new, so nothing written into one copy reaches another. */
function copied<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copied) as T;
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copied((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * Each subscriber's own copy of a shared event. The runtime writes every later fetch's fields (the
 * cases subgraph's `AgendaItem.case`, decided for this person) into the objects of the upstream
 * result: on a shared object, one person's case would reach the next person's answer.
 */
export function copyOf(result: Result): Result {
  return {
    ...result,
    ...(result.data ? { data: copied(result.data) } : {}),
    ...(result.errors ? { errors: result.errors.map(errorCopy) } : {}),
    ...(result.extensions ? { extensions: copied(result.extensions) } : {}),
  };
}

/** An error of its own for each subscriber: a plugin that fills in an error's extensions writes into one copy only. */
function errorCopy(error: GraphQLError): GraphQLError {
  if (!(error instanceof GraphQLError)) return copied(error);
  const { nodes, source, positions, path, originalError } = error;
  return new GraphQLError(error.message, { nodes, source, positions, path, originalError, extensions: copied(error.extensions) });
}

/**
 * What the shared upstream call carries of its first subscriber's context: the identity and its
 * signatures for the socket (which end at that subscriber's token expiry: the subgraph closes the
 * socket then, and whoever still reads the stream is told it was interrupted, and subscribes again).
 */
function upstreamContext(context: unknown): Record<string, unknown> {
  const { identity, socketSignatures } = (context ?? {}) as Record<string, unknown>;
  return { identity, socketSignatures };
}

/** A subscription reading the shared stream: each value it reads is a copy of its own. */
type Subscriber = PushIterator<Result>;

/** One upstream subscription and the subscribers it serves. */
class SharedStream {
  readonly subscribers = new Set<Subscriber>();
  /** The upstream's first answer: its stream, or a single result (a refusal). */
  started: Promise<AsyncIterable<Result> | Result> | undefined;
  private source: AsyncIterator<Result> | undefined;
  /** A state's latest value, given to whoever joins after it came. */
  private latest: Result | undefined;
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly state: boolean,
  ) {}

  join(): Subscriber {
    const subscriber: Subscriber = new PushIterator((s) => this.leave(s), copyOf);
    if (this.latest) subscriber.push(this.latest);
    this.subscribers.add(subscriber);
    return subscriber;
  }

  run(iterable: AsyncIterable<Result>): void {
    this.source = iterable[Symbol.asyncIterator]();
    if (!this.subscribers.size) return this.close();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await this.source!.next();
          if (done || this.closed) break;
          if (this.state) this.latest = value;
          // An error without data ends the stream: whoever comes while it is handed out starts anew
          // rather than join a stream about to end without telling them why.
          if (endsStream(value)) this.onClose();
          await handOutInSlices(
            this.subscribers,
            (s) => this.subscribers.has(s),
            (s) => s.push(value),
            // As in a merged group: each subscriber here goes on to a whole execution of its own (its person's case calls).
            GROUP_HAND_OUT_SLICE,
          );
        }
      } catch {
        for (const subscriber of this.subscribers) subscriber.push({ errors: [interrupted()] });
      } finally {
        this.close();
      }
    })();
  }

  /** Ends every subscriber and the upstream; the stream takes no one any more. */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      this.onClose();
      void this.source?.return?.()?.catch(() => undefined);
    }
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
  }

  private leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (!this.subscribers.size && this.source) this.close();
  }
}

export interface SharedUpstreamStats {
  /** Upstream subscriptions running, each for one or more of the gateway's subscriptions. */
  upstreams: number;
  subscribers: number;
  /** Subscriptions that joined an upstream already running (since start). */
  joined: number;
}

const printed = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode) => {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
};

/**
 * The upstream part of subscriptions that a subgraph deciding on organisation and roles only (not
 * the cases subgraph) would answer alike: one upstream subscription per (subgraph, document,
 * variables, organisation and roles), its events copied to every subscription of that scope.
 *
 * This is what lets 2,000 personal subscriptions to one agenda (each its own merged group, because
 * its selection reaches `Case`) run on eight upstream subscriptions to the meetings subgraph, one
 * per member organisation, instead of 2,000: the meetings subgraph sees and decides nothing about
 * the person. What the cases subgraph decides is still fetched per person, on each person's copy.
 * A resumed stream (with `after`) replays from its own cursor and is never shared.
 */
export class SharedUpstreams {
  private readonly streams = new Map<string, SharedStream>();
  private joinedCount = 0;

  /** The executor to use for one upstream call: shared when it may be, else `undefined` (the call runs alone). */
  executorFor(subgraphName: string, request: ExecutionRequest, executor: Executor): Executor | undefined {
    if (isPersonalSubgraph(subgraphName)) return undefined;
    const identity = (request.context as { identity?: Identity } | undefined)?.identity;
    if (!identity) return undefined;
    const resumes = resumesAt(request.document, request.operationName, request.variables ?? {});
    if (resumes !== false) return undefined;
    const key = JSON.stringify([
      subgraphName,
      textOf(request.document),
      request.operationName ?? null,
      request.variables ?? {},
      sharingScope(identity, false),
    ]);
    return ((own: ExecutionRequest) => this.subscribe(key, own, executor)) as Executor;
  }

  private async subscribe(key: string, own: ExecutionRequest, executor: Executor): Promise<AsyncIterable<Result> | Result> {
    let stream = this.streams.get(key);
    if (stream) this.joinedCount++;
    else {
      const created = new SharedStream(
        () => {
          if (this.streams.get(key) === created) this.streams.delete(key);
        },
        givesState(own.document, own.operationName),
      );
      stream = created;
      this.streams.set(key, created);
      // Not tied to the first subscriber's request: its signal would end the upstream for everyone,
      // and its context (socket, token) is theirs, kept no longer than they stay.
      const request: ExecutionRequest = {
        ...own,
        context: upstreamContext(own.context),
        signal: undefined,
        info: undefined,
        rootValue: undefined,
      };
      created.started = Promise.resolve()
        .then(() => executor(request) as Promise<AsyncIterable<Result> | Result>)
        .then(
          (first) => {
            if (isIterable(first)) created.run(first);
            else created.close();
            return first;
          },
          (error: unknown) => {
            created.close();
            throw error;
          },
        );
    }
    const subscriber = stream.join();
    const first = await stream.started!;
    // A single result (a refusal) is every waiting subscriber's answer; the next call asks again.
    if (!isIterable(first)) return copyOf(first);
    const signal = own.signal ?? undefined;
    if (signal && !subscriber.ended) {
      const leave = () => void subscriber.return();
      if (signal.aborted) leave();
      else {
        signal.addEventListener("abort", leave, { once: true });
        subscriber.onEnd = () => signal.removeEventListener("abort", leave);
      }
    }
    return subscriber;
  }

  stats(): SharedUpstreamStats {
    let subscribers = 0;
    for (const stream of this.streams.values()) subscribers += stream.subscribers.size;
    return { upstreams: this.streams.size, subscribers, joined: this.joinedCount };
  }
}
