import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { isAsyncIterable, type ExecutionRequest, type Executor } from "@graphql-tools/utils";
import { getOperationAST, print, type DocumentNode, type ExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import {
  ANSWERS_WATCHER,
  FRESH_READ_HEADER,
  NOT_KEPT_HEADER,
  IDENTITY_HEADER,
  SIGNATURE_HEADER,
  authorisationScope,
  logger,
  metrics,
  signIdentity,
} from "@marugoto/shared/core";
import type { GatewayIdentityContext, KeptSubgraph } from "./gateway-options.js";

/**
 * The subgraphs whose answers the gateway keeps, each with the state stream that announces its
 * changes: the directory (reference data) and the meetings subgraph (boards, agendas, action items).
 * Both decide on organisation and roles alone and announce every change of their tables. Never the
 * cases subgraph: every case read is audited, so a case read is made every time.
 *
 * `inEvents`: whether its calls made for a subscription's events are kept too. Not the meetings
 * subgraph's: its events and its change notices come by two paths, and an event (an agenda change)
 * may arrive before the notice of the same change, so a call it makes back to the meetings subgraph
 * (a case's meetings and their agendas) would be answered from before the change it reports.
 */
export const KEPT_SUBGRAPHS: Readonly<Record<KeptSubgraph, { stream: string; inEvents: boolean }>> = {
  directory: { stream: "referenceDataChanged", inEvents: true },
  meetings: { stream: "meetingsDataChanged", inEvents: false },
};

const RETRY_MS = { first: 500, most: 8_000 };

/** A subgraph that accepts the connection but never answers the upgrade is given up on after this. */
const HANDSHAKE_TIMEOUT_MS = 5_000;

/** What one store of kept answers may hold in all (their JSON texts, in characters), and one answer at most. */
const STORE_CHARS = 16 * 1024 * 1024;
const MAX_KEPT_CHARS = 256 * 1024;

/**
 * No answer is kept longer than this, whatever the change streams say: should a stream die without
 * a word (a connection gone half-open), what was kept goes stale for a minute at most. The age is
 * that of the oldest thing an answer was made from: a whole answer made from a kept call is as old as
 * that call.
 */
const MAX_AGE_MS = 60_000;

/**
 * How long a watch's socket may stay open: signed into its connection_init, the subgraph closes the
 * socket then (no token of a person bounds the gateway's own identity). The watch loses its stream,
 * keeps nothing of the subgraph for a moment, and subscribes again on a new socket, signed anew.
 */
const WATCH_SOCKET_MS = 3_600_000;

/** The watch pings its subgraph this often, and gives the socket up when no pong comes within `PONG_TIMEOUT_MS`. */
const PING_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

/** Kept entries by key, the oldest let go first when a new one would pass the count or the size, or when it is too old. */
export class KeptStore<T> {
  private readonly entries = new Map<string, { value: T; chars: number; at: number }>();
  private chars = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs = MAX_AGE_MS,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): T | undefined {
    return this.entry(key)?.value;
  }

  /** The kept value and since when it is as it is (`at`, on this store's clock), unless too old. */
  entry(key: string): { value: T; at: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at <= this.maxAgeMs) return entry;
    this.delete(key);
    return undefined;
  }

  /**
   * Keeps `value` (`chars` long as text) as made at `at` (now unless it was made from something kept
   * earlier), unless it alone is too large to keep or already too old. The key counts as much as the
   * value: it holds the request's variables (a declared string can be long), kept as long as the answer.
   */
  put(key: string, value: T, answerChars: number, at = this.now()): void {
    const chars = answerChars + key.length;
    if (chars > MAX_KEPT_CHARS || this.now() - at > this.maxAgeMs) return;
    this.delete(key);
    while (this.entries.size && (this.entries.size >= this.capacity || this.chars + chars > STORE_CHARS)) {
      this.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { value, chars, at });
    this.chars += chars;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.chars;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/** The socket of the watch: a handshake that never finishes fails, and the watch is retried. */
class WatchSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    // A socket closed mid-handshake (the gateway stopping) reports it as an error after graphql-ws has
    // let go of the socket; graphql-ws hears of every error that matters through its own handlers.
    this.on("error", () => undefined);
  }
}

/** The calls answered from kept answers: the metrics count only the calls that were made. */
const keptFetches = new WeakSet<ExecutionRequest>();

/** Whether this call to a subgraph was answered from the gateway's kept answers (no request sent). */
export function isKeptFetch(request: ExecutionRequest): boolean {
  return keptFetches.has(request);
}

/** An upstream document's text, printed once per document (the Rust planner keeps its fetches' documents per plan). */
const printed = new WeakMap<DocumentNode, string>();

function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** The caller's whole authorisation scope, as part of a key: person, organisation, roles. */
function scopeOf(context: unknown): unknown[] | undefined {
  const identity = (context as GatewayIdentityContext | undefined)?.identity;
  return identity ? authorisationScope(identity) : undefined;
}

/**
 * What one execution may leave to keep: its key, the generation it began in, the subgraphs it called,
 * and since when its answer is as it is (when it began, or the oldest kept call it used).
 */
interface Pending {
  key: string;
  generation: number;
  subgraphs: Set<string>;
  since: number;
}

interface ExecuteArgs {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  contextValue: unknown;
}

/** A whole query's kept answer, and the subgraphs it came from (for the metrics). */
interface KeptAnswer {
  result: ExecutionResult;
  subgraphs: string;
}

/**
 * One kept subgraph's change stream, watched over graphql-ws as the gateway's own identity
 * (`ANSWERS_WATCHER`): while it runs, every change of the subgraph's tables arrives as a new state;
 * each new state, and a lost stream, drops what was kept of that subgraph.
 */
class Watch {
  watched = false;
  /** Counts the drops of this subgraph's kept calls: a call begun before one is not kept. */
  generation = 0;
  /** Kept calls to this subgraph, as text, by scope, document and variables. */
  readonly fetches: KeptStore<string>;
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = RETRY_MS.first;
  private closed = false;

  constructor(
    readonly subgraph: KeptSubgraph,
    readonly url: string,
    private readonly identitySecret: string,
    capacity: number,
    now: () => number,
    /** Called at every drop of this subgraph's answers (the whole queries that used them go too). */
    private readonly dropped: () => void,
  ) {
    this.fetches = new KeptStore(capacity, MAX_AGE_MS, now);
  }

  start(): void {
    // A socket that stops answering pings is given up (and the watch with it), not trusted in silence.
    let socket: WebSocket | undefined;
    let pongDue: NodeJS.Timeout | undefined;
    this.client = createClient({
      url: this.url.replace(/^http/, "ws"),
      webSocketImpl: WatchSocket,
      lazy: true,
      retryAttempts: 0,
      keepAlive: PING_MS,
      connectionParams: () => {
        const signed = signIdentity(ANSWERS_WATCHER, this.identitySecret, {
          kind: "ws",
          subgraph: this.subgraph,
          until: Date.now() + WATCH_SOCKET_MS,
        });
        return { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature };
      },
      on: {
        connected: (connected) => void (socket = connected as WebSocket),
        ping: (received) => {
          if (received) return;
          clearTimeout(pongDue);
          pongDue = setTimeout(() => socket?.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => void (received && clearTimeout(pongDue)),
        closed: () => {
          clearTimeout(pongDue);
          this.drop(false);
        },
      },
    });
    this.subscribe();
  }

  /** Forgets this subgraph's kept calls (and, through `dropped`, every whole answer); `watched` as the stream now says. */
  drop(watched = this.watched): void {
    this.generation++;
    this.fetches.clear();
    this.watched = watched && !this.closed;
    this.dropped();
  }

  private subscribe(): void {
    const field = KEPT_SUBGRAPHS[this.subgraph].stream;
    this.client?.subscribe<Record<string, { watched: boolean }>>(
      { query: `subscription KeptAnswersWatch { ${field} { watched generation } }` },
      {
        next: (result) => {
          this.retryMs = RETRY_MS.first;
          this.drop(result.data?.[field]?.watched === true);
        },
        error: () => this.lost(),
        complete: () => this.lost(),
      },
    );
  }

  /** The stream ended or could not start: nothing of this subgraph is kept until it is back. */
  private lost(): void {
    this.drop(false);
    if (this.closed) return;
    logger.debug("kept answers: watch lost; keeping nothing of the subgraph until it is back", {
      subgraph: this.subgraph,
      retryMs: this.retryMs,
    });
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.subscribe(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.most);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.drop(false);
    // At once, even mid-handshake (a dispose would wait for a socket that may never open).
    this.client?.terminate();
    await this.client?.dispose();
  }
}

/**
 * Answers of the subgraphs that announce their changes (`KEPT_SUBGRAPHS`: the directory, the meetings
 * subgraph) kept at the gateway, at two levels:
 * - a whole query that called those subgraphs and no other (`plugin()`): a repeated one costs no
 *   execution and no hop;
 * - each call the gateway makes to one of them within any query or event (`fetchPlugin()`: the root
 *   fields of a mixed query, the `_entities` calls for `presenter`, `lead`, `parent`, a case's
 *   meetings): a repeated call costs no hop, while the cases subgraph (case reads are audited on every
 *   read) is still called every time.
 * The rules, as for every layer that shares work:
 * - kept by the caller's full authorisation scope (person, organisation, roles) and the exact
 *   operation (text, name and variables; for a call, its document and variables, representations
 *   included): no answer reaches a caller it was not computed for (`me` is the caller's own, a
 *   confidential meeting its members'). Token, rate limit and every validation rule still run for
 *   each request; only the work is saved;
 * - kept only when it found no error and no change came while it ran; queries only. A kept call is
 *   kept as text and read anew for every use: the runtime merges other subgraphs' fields into the
 *   objects it is given, and those must never reach the next caller;
 * - kept only while the subgraph's change stream says every change is heard: every new state (a
 *   change of its tables, NOTIFY → subgraph → here; for the meetings subgraph also midnight in Tokyo)
 *   drops what was kept of it and every whole answer, and so does a lost stream, until it is back;
 * - a mutation sent to a kept subgraph through this gateway drops what was kept of it when it is sent
 *   and again when it is answered: the writer's next read never waits for the change to come round
 *   through the database (read your own writes), and no read that overlapped the write is kept.
 */
export class KeptAnswers {
  private readonly answers: KeptStore<KeptAnswer>;
  private readonly watches = new Map<string, Watch>();
  private readonly byUrl = new Map<string, Watch>();
  /** Counts every drop of any subgraph: a whole query begun before one is not kept. */
  private generation = 0;
  /** The contexts of running subscriptions: their events' calls (`KEPT_SUBGRAPHS[…].inEvents`). */
  private readonly subscriptions = new WeakSet<object>();
  /** The contexts of requests a subgraph answered with `NOT_KEPT_HEADER`: nothing of them is kept from then on. */
  private readonly notKept = new WeakSet<object>();
  /** The executions that used a kept call, with the time the oldest of them was made. */
  private readonly usedKept = new WeakMap<object, number>();

  /**
   * @param subgraphUrls where each kept subgraph is (those absent are not kept)
   * @param now the clock of every store (tests pass their own)
   */
  constructor(
    subgraphUrls: Partial<Record<KeptSubgraph, string>>,
    identitySecret: string,
    capacity = 2_000,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.answers = new KeptStore(capacity, MAX_AGE_MS, now);
    for (const [subgraph, url] of Object.entries(subgraphUrls) as [KeptSubgraph, string][]) {
      const watch = new Watch(subgraph, url, identitySecret, capacity, now, () => {
        this.generation++;
        this.answers.clear();
      });
      this.watches.set(subgraph, watch);
      this.byUrl.set(url, watch);
    }
  }

  /** Whether answers of every kept subgraph are kept now (each change stream says every change is heard). */
  get isWatched(): boolean {
    return [...this.watches.values()].every((w) => w.watched);
  }

  /** Per kept subgraph: whether its answers are kept now. */
  get watching(): Record<string, boolean> {
    return Object.fromEntries([...this.watches].map(([name, w]) => [name, w.watched]));
  }

  /** How many answers are kept now: whole queries and calls. */
  get size(): number {
    let size = this.answers.size;
    for (const watch of this.watches.values()) size += watch.fetches.size;
    return size;
  }

  start(): void {
    for (const watch of this.watches.values()) watch.start();
  }

  private keyOf(args: ExecuteArgs): string | undefined {
    if (!this.watches.size || getOperationAST(args.document, args.operationName)?.operation !== "query") return undefined;
    const scope = scopeOf(args.contextValue);
    const text = (args.contextValue as { params?: { query?: unknown } }).params?.query;
    if (!scope || typeof text !== "string") return undefined;
    return JSON.stringify([scope, text, args.operationName ?? null, args.variableValues ?? {}]);
  }

  private fetchKeyOf(watch: Watch, request: ExecutionRequest): string | undefined {
    if (!watch.watched) return undefined;
    const scope = scopeOf(request.context);
    if (!scope) return undefined;
    return JSON.stringify([scope, textOf(request.document), request.operationName ?? null, request.variables ?? {}]);
  }

  /** The data of a result that may be kept: one answer, without errors. */
  private static keepable(result: unknown): ExecutionResult["data"] | undefined {
    if (isAsyncIterable(result)) return undefined;
    const { data, errors } = result as ExecutionResult;
    return errors?.length ? undefined : (data ?? undefined);
  }

  private keep(pending: Pending, context: object, result: unknown): void {
    if (!pending.subgraphs.size || pending.generation !== this.generation || this.notKept.has(context)) return;
    for (const subgraph of pending.subgraphs) if (!this.watches.get(subgraph)?.watched) return;
    const data = KeptAnswers.keepable(result);
    if (!data) return;
    const subgraphs = [...pending.subgraphs].sort().join("+");
    const since = Math.min(pending.since, this.usedKept.get(context) ?? Infinity);
    this.answers.put(pending.key, { result: { data }, subgraphs }, JSON.stringify(data).length, since);
  }

  private keepFetch(watch: Watch, key: string, generation: number, context: object | undefined, result: unknown, asked: number): void {
    if (generation !== watch.generation || !watch.watched || (context && this.notKept.has(context))) return;
    const data = KeptAnswers.keepable(result);
    const text = data && JSON.stringify({ data });
    if (text) watch.fetches.put(key, text, text.length, asked);
  }

  /**
   * The runtime plugin for each call to a kept subgraph: answers a kept one without a request, keeps
   * what qualifies, and drops what a mutation may change. Comes before the metrics, which count only
   * the calls that were made.
   */
  fetchPlugin(): GatewayPlugin<GatewayIdentityContext> {
    return {
      // Every call to a kept subgraph is answered from its database, never from a replica's own kept
      // answers (the directory keeps some): a replica that has not yet heard of a change (each hears on
      // its own connection) could otherwise hand the gateway an answer the gateway, which already heard, would keep.
      onFetch: ({ url, options, setOptions, context, executionRequest }) => {
        if (!this.byUrl.has(url)) return undefined;
        const headers = new Headers(options.headers as HeadersInit | undefined);
        headers.set(FRESH_READ_HEADER, "1");
        setOptions({ ...options, headers: Object.fromEntries(headers) });
        // An answer the subgraph says no one may keep (case contents, the time of day): nothing of its request is kept.
        const request = (executionRequest?.context ?? context) as object | undefined;
        return ({ response }) => {
          if (request && response.headers.get(NOT_KEPT_HEADER)) this.notKept.add(request);
        };
      },
      onSubscribe: ({ args }) => {
        if (args.contextValue && typeof args.contextValue === "object") this.subscriptions.add(args.contextValue);
      },
      onSubgraphExecute: ({ subgraphName, executionRequest, executor, setExecutor }) => {
        const watch = this.watches.get(subgraphName);
        if (!watch) return undefined;
        const context = executionRequest.context as object | undefined;
        if (!KEPT_SUBGRAPHS[watch.subgraph].inEvents && context && this.subscriptions.has(context)) return undefined;
        const operation =
          executionRequest.operationType ?? getOperationAST(executionRequest.document, executionRequest.operationName)?.operation;
        if (operation === "mutation") {
          // Dropped when sent and again when answered, or failed (it may have been written all the same).
          watch.drop();
          setExecutor((async (request: ExecutionRequest) => {
            try {
              return await executor(request);
            } finally {
              watch.drop();
            }
          }) as Executor);
          return undefined;
        }
        if (operation !== "query") return undefined;
        const key = this.fetchKeyOf(watch, executionRequest);
        if (!key) return undefined;
        const entry = watch.fetches.entry(key);
        if (entry) {
          const kept = entry.value;
          keptFetches.add(executionRequest);
          // The whole answer this call is part of is no newer than the kept call.
          if (context) this.usedKept.set(context, Math.min(this.usedKept.get(context) ?? Infinity, entry.at));
          metrics.keptAnswers.inc({ kind: "fetch", subgraph: subgraphName });
          setExecutor((() => JSON.parse(kept) as ExecutionResult) as Executor);
          return undefined;
        }
        // As old as when it was asked: the subgraph may have answered from then on.
        const generation = watch.generation;
        const asked = this.now();
        return ({ result }) => this.keepFetch(watch, key, generation, context, result, asked);
      },
    };
  }

  /** The runtime plugin: answers a kept query, and keeps what qualifies. */
  plugin(): GatewayPlugin<GatewayIdentityContext> {
    const executions = new WeakMap<object, Pending>();
    return {
      onExecute: ({ args, setResultAndStopExecution }) => {
        const key = this.keyOf(args);
        if (!key) return undefined;
        const kept = this.answers.get(key);
        if (kept) {
          metrics.keptAnswers.inc({ kind: "answer", subgraph: kept.subgraphs });
          return setResultAndStopExecution({ data: kept.result.data });
        }
        const pending: Pending = { key, generation: this.generation, subgraphs: new Set(), since: this.now() };
        executions.set(args.contextValue as object, pending);
        return { onExecuteDone: ({ result }) => this.keep(pending, args.contextValue as object, result) };
      },
      onSubgraphExecute: ({ subgraphName, executionRequest }) => {
        const context = executionRequest.context as object | undefined;
        if (context) executions.get(context)?.subgraphs.add(subgraphName);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.watches.values()].map((w) => w.close()));
  }
}
