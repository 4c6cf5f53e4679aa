import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { isAsyncIterable, type ExecutionRequest, type Executor } from "@graphql-tools/utils";
import { getOperationAST, print, type DocumentNode, type ExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import {
  FRESH_READ_HEADER,
  IDENTITY_HEADER,
  SIGNATURE_HEADER,
  authorisationScope,
  logger,
  metrics,
  signIdentity,
  type Identity,
} from "@marugoto/shared/core";
import type { GatewayIdentityContext } from "./gateway-options.js";

/** The subgraph of reference data whose answers the gateway keeps. */
export const REFERENCE_SUBGRAPH = "directory";

/** Who the gateway is when it watches the directory for itself: no caller's identity, no role. */
const WATCHER: Identity = { sub: "gateway:reference-answers", org: "gateway", roles: [] };
const WATCH = `subscription ReferenceAnswersWatch { referenceDataChanged { watched generation } }`;
const RETRY_MS = { first: 500, most: 8_000 };

/** A directory that accepts the connection but never answers the upgrade is given up on after this. */
const HANDSHAKE_TIMEOUT_MS = 5_000;

/** The socket of the watch: a handshake that never finishes fails, and the watch is retried. */
class WatchSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
    // A socket closed mid-handshake (the gateway stopping) reports it as an error after graphql-ws has
    // let go of the socket; graphql-ws hears of every error that matters through its own handlers.
    this.on("error", () => undefined);
  }
}

/** The calls to the directory answered from kept answers: the metrics count only the calls that were made. */
const keptFetches = new WeakSet<ExecutionRequest>();

/** Whether this call to a subgraph was answered from the gateway's kept directory answers (no request sent). */
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

/** What one execution may leave to keep: its key, the generation it began in, the subgraphs it called. */
interface Pending {
  key: string;
  generation: number;
  subgraphs: Set<string>;
}

interface ExecuteArgs {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
  contextValue: unknown;
}

/**
 * Answers of the directory (reference data: organisations, rosters) kept at the gateway, at two levels:
 * - a whole query that called the directory and no other subgraph (`plugin()`): a repeated one costs
 *   no execution and no hop;
 * - each call the gateway makes to the directory within any query or event (`fetchPlugin()`: the
 *   root fields of a mixed query, the `_entities` calls for `presenter`, `lead`, `parent`): a
 *   repeated call costs no hop, while the other subgraphs (meetings, cases: case reads are audited
 *   on every read) are still called every time.
 * The rules, as for every layer that shares work:
 * - kept by the caller's full authorisation scope (person, organisation, roles) and the exact
 *   operation (text, name and variables; for a call, its document and variables, representations
 *   included): no answer reaches a caller it was not computed for (`me` is the caller's own). Token,
 *   rate limit and every validation rule still run for each request; only the work is saved;
 * - kept only when it found no error and no change came while it ran; queries only. A kept call is
 *   kept as text and read anew for every use: the runtime merges other subgraphs' fields into the
 *   objects it is given, and those must never reach the next caller;
 * - kept only while the directory's `referenceDataChanged` stream says every change is heard: every
 *   new state (a change of its tables, NOTIFY → directory → here) drops them all, and so does a
 *   lost stream, until it is back.
 */
export class ReferenceAnswers {
  private readonly answers = new Map<string, ExecutionResult>();
  private readonly fetches = new Map<string, string>();
  private watched = false;
  private generation = 0;
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = RETRY_MS.first;
  private closed = false;

  constructor(
    private readonly subgraphUrl: string,
    private readonly identitySecret: string,
    private readonly capacity = 2_000,
  ) {}

  /** Whether answers are kept now (the directory's stream says every change is heard). */
  get isWatched(): boolean {
    return this.watched;
  }

  /** How many answers are kept now: whole queries and calls to the directory. */
  get size(): number {
    return this.answers.size + this.fetches.size;
  }

  start(): void {
    this.client = createClient({
      url: this.subgraphUrl.replace(/^http/, "ws"),
      webSocketImpl: WatchSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: () => {
        const signed = signIdentity(WATCHER, this.identitySecret, { kind: "ws" });
        return { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature };
      },
      on: { closed: () => this.drop(false) },
    });
    this.subscribe();
  }

  private drop(watched: boolean): void {
    this.generation++;
    this.answers.clear();
    this.fetches.clear();
    this.watched = watched && !this.closed;
  }

  private subscribe(): void {
    this.client?.subscribe<{ referenceDataChanged: { watched: boolean } }>(
      { query: WATCH },
      {
        next: (result) => {
          this.retryMs = RETRY_MS.first;
          this.drop(result.data?.referenceDataChanged.watched === true);
        },
        error: () => this.lost(),
        complete: () => this.lost(),
      },
    );
  }

  /** The stream ended or could not start: nothing is kept until it is back. */
  private lost(): void {
    this.drop(false);
    if (this.closed) return;
    logger.debug("reference answers: directory watch lost; keeping nothing until it is back", { retryMs: this.retryMs });
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.subscribe(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.most);
  }

  private keyOf(args: ExecuteArgs): string | undefined {
    if (!this.watched || getOperationAST(args.document, args.operationName)?.operation !== "query") return undefined;
    const scope = scopeOf(args.contextValue);
    const text = (args.contextValue as { params?: { query?: unknown } }).params?.query;
    if (!scope || typeof text !== "string") return undefined;
    return JSON.stringify([scope, text, args.operationName ?? null, args.variableValues ?? {}]);
  }

  private fetchKeyOf(request: ExecutionRequest): string | undefined {
    if (!this.watched) return undefined;
    if ((request.operationType ?? getOperationAST(request.document, request.operationName)?.operation) !== "query") return undefined;
    const scope = scopeOf(request.context);
    if (!scope) return undefined;
    return JSON.stringify([scope, textOf(request.document), request.operationName ?? null, request.variables ?? {}]);
  }

  /** Keeps one more entry, letting go of the oldest when full. */
  private static put<T>(map: Map<string, T>, capacity: number, key: string, value: T): void {
    if (map.size >= capacity) map.delete(map.keys().next().value!);
    map.set(key, value);
  }

  /** The data of a result that may be kept: one answer, without errors, and no change heard since `generation`. */
  private keepable(generation: number, result: unknown): ExecutionResult["data"] | undefined {
    if (isAsyncIterable(result) || generation !== this.generation || !this.watched) return undefined;
    const { data, errors } = result as ExecutionResult;
    return errors?.length ? undefined : (data ?? undefined);
  }

  private keep(pending: Pending, result: unknown): void {
    if (pending.subgraphs.size !== 1 || !pending.subgraphs.has(REFERENCE_SUBGRAPH)) return;
    const data = this.keepable(pending.generation, result);
    if (data) ReferenceAnswers.put(this.answers, this.capacity, pending.key, { data });
  }

  private keepFetch(key: string, generation: number, result: unknown): void {
    const data = this.keepable(generation, result);
    if (data) ReferenceAnswers.put(this.fetches, this.capacity, key, JSON.stringify({ data }));
  }

  /**
   * The runtime plugin for each call to the directory: answers a kept one without a request, and
   * keeps what qualifies. Comes before the metrics, which count only the calls that were made.
   */
  fetchPlugin(): GatewayPlugin<GatewayIdentityContext> {
    return {
      // Every call to the directory is answered from its database, never from a directory replica's own
      // kept answers: a replica that has not yet heard of a change (each hears on its own connection)
      // could otherwise hand the gateway an answer the gateway, which already heard, would keep.
      onFetch: ({ url, options, setOptions }) => {
        if (url !== this.subgraphUrl) return;
        const headers = new Headers(options.headers as HeadersInit | undefined);
        headers.set(FRESH_READ_HEADER, "1");
        setOptions({ ...options, headers: Object.fromEntries(headers) });
      },
      onSubgraphExecute: ({ subgraphName, executionRequest, setExecutor }) => {
        if (subgraphName !== REFERENCE_SUBGRAPH) return undefined;
        const key = this.fetchKeyOf(executionRequest);
        if (!key) return undefined;
        const kept = this.fetches.get(key);
        if (kept !== undefined) {
          keptFetches.add(executionRequest);
          metrics.keptAnswers.inc({ kind: "fetch" });
          setExecutor((() => JSON.parse(kept) as ExecutionResult) as Executor);
          return undefined;
        }
        const generation = this.generation;
        return ({ result }) => this.keepFetch(key, generation, result);
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
          metrics.keptAnswers.inc({ kind: "answer" });
          return setResultAndStopExecution({ data: kept.data });
        }
        const pending: Pending = { key, generation: this.generation, subgraphs: new Set() };
        executions.set(args.contextValue as object, pending);
        return { onExecuteDone: ({ result }) => this.keep(pending, result) };
      },
      onSubgraphExecute: ({ subgraphName, executionRequest }) => {
        const context = executionRequest.context as object | undefined;
        if (context) executions.get(context)?.subgraphs.add(subgraphName);
      },
    };
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
