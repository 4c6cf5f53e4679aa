import { EventEmitter, on } from "node:events";
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";
import pg from "pg";
import { msUntilTokyoMidnight } from "./dates.js";
import { FRESH_READ_HEADER, NOT_KEPT_HEADER, authorisationScope, type Identity } from "./identity.js";
import { logger, requestContext } from "./logger.js";

/** Whether copies of a subgraph's answers may be kept now, and how many times they went stale. */
export interface AnswersState {
  /** Every change is being heard: a copy made now hears of the next one. False: keep no copy. */
  watched: boolean;
  /** Counts the changes (and lost watches) this process has seen: a new value makes earlier copies stale. */
  generation: number;
}

/** The state stream of a process that hears no change: it can promise nothing, one state, not watched. */
export async function* unwatchedAnswers(): AsyncGenerator<AnswersState, void, undefined> {
  yield { watched: false, generation: 0 };
}

/** What a subgraph's resolvers may read of its kept answers: their state, now and at every change. */
export interface AnswersWatch {
  /** The state now, then a new state at every change, until the iterator is returned. */
  watch(): AsyncGenerator<AnswersState, void, undefined>;
}

/** Marks the answer of the request being served as one no one may keep (`NOT_KEPT_HEADER`); outside a request, nothing. */
export function markNotKept(): void {
  const context = requestContext.getStore();
  if (context) context.notKept = true;
}

/** The Apollo Server plugin that sends `NOT_KEPT_HEADER` with an answer marked by `markNotKept`. */
export function notKeptPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (requestContext.getStore()?.notKept) response.http.headers.set(NOT_KEPT_HEADER, "1");
        },
      };
    },
  };
}

/**
 * The listening connection is asked `select 1` this often; one that does not answer within
 * `HEARTBEAT_TIMEOUT_MS` is given up, as a lost one is (a connection gone half-open says nothing).
 */
const HEARTBEAT_MS = 15_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

/** The second new state after midnight in Tokyo (`daily`), for clocks a little behind. */
const MIDNIGHT_AGAIN_MS = 5_000;

/** The NOTIFY channel a subgraph's change triggers use (see the directory's migrations). */
export const changedChannel = (schema: string) => `${schema}_changed`;

/**
 * Answers of a subgraph of reference data (the directory), kept by the caller's full authorisation
 * scope (person, organisation, roles), operation text, operation name and variables. Most of its
 * answers are the same for everyone, but not all (`me` is the caller's own): keyed on the whole
 * scope, no answer can reach a caller it was not computed for. The caller's signature is still
 * verified for every request before the cache is consulted; only the execution is saved.
 *
 * Invalidation: statement triggers on the subgraph's tables NOTIFY `<schema>_changed` in the changing
 * transaction, delivered at commit; every process LISTENs and forgets everything. Nothing is cached
 * while the LISTEN connection is down (a change could go unnoticed), and an answer computed while a
 * change arrived is not kept (the generation moved on). A request with `FRESH_READ_HEADER` (the
 * gateway, which keeps copies of its own) is answered from the database, and its answer kept here as usual.
 */
export class SharedResponseCache implements AnswersWatch {
  private readonly answers = new Map<string, FormattedExecutionResult>();
  /** One listener per watch (every gateway, and any client of `referenceDataChanged`): no fixed bound. */
  private readonly changes = new EventEmitter().setMaxListeners(0);
  private generation = 0;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private midnight: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  /**
   * @param daily the subgraph's answers also change with the date in Tokyo (e.g. an action item's
   *              `overdue`): every midnight there is a new state too, as if a table had changed.
   */
  constructor(
    private readonly schema: string,
    private readonly databaseUrl: string,
    private readonly capacity = 2_000,
    private readonly daily = false,
  ) {}

  get size(): number {
    return this.answers.size;
  }

  async start(): Promise<void> {
    await this.connect();
    if (this.daily) this.forgetAtMidnight();
  }

  /**
   * At midnight, and again a few seconds after: an answer made just before midnight by a process whose
   * clock runs a little behind (another replica) still says yesterday, and must not outlive the second.
   */
  private forgetAtMidnight(): void {
    this.midnight = setTimeout(() => {
      this.forget();
      this.midnight = setTimeout(() => {
        this.forget();
        this.forgetAtMidnight();
      }, MIDNIGHT_AGAIN_MS).unref();
    }, msUntilTokyoMidnight()).unref();
  }

  /** Forgets every answer (a change, or the change signal lost); whoever watches hears of it. */
  forget(): void {
    this.generation++;
    this.answers.clear();
    this.changes.emit("state", this.state());
  }

  private state(): AnswersState {
    return { watched: !!this.client, generation: this.generation };
  }

  async *watch(): AsyncGenerator<AnswersState, void, undefined> {
    // Listening before the first state is read: no change can fall between the two.
    const later = on(this.changes, "state", { close: ["close"] }) as AsyncIterator<[AnswersState]>;
    try {
      yield this.state();
      for (let next = await later.next(); !next.done; next = await later.next()) yield next.value[0];
    } finally {
      await later.return?.();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client.on("error", (error) => {
      logger.warn("response cache listener lost; not caching until it is back", { error: error.message });
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    client.on("notification", () => this.forget());
    await client.connect();
    await client.query(`listen ${changedChannel(this.schema)}`);
    this.client = client;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.beat(client), HEARTBEAT_MS).unref();
    this.forget(); // whatever changed while nobody listened (and watchers learn that it is heard again)
  }

  /** Asks the listening connection for a sign of life; silence within the timeout gives it up. */
  private beat(client: pg.Client): void {
    if (this.client !== client) return;
    const silent = setTimeout(() => {
      if (this.client !== client) return;
      logger.warn("response cache listener silent; not caching until it is back", { schema: this.schema });
      this.reconnect(client);
    }, HEARTBEAT_TIMEOUT_MS).unref();
    // A failure of the connection itself reaches the `error` and `end` handlers.
    client.query("select 1").then(
      () => clearTimeout(silent),
      () => clearTimeout(silent),
    );
  }

  private reconnect(dead: pg.Client): void {
    if (this.client === dead) {
      this.client = undefined;
      clearInterval(this.heartbeat);
    }
    this.forget();
    dead.removeAllListeners();
    dead.on("error", () => undefined);
    dead.end().catch(() => undefined);
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect().catch((error: Error) => this.reconnect(this.pending(error))), 500);
  }

  /** A stand-in for a connection that never opened, so `reconnect` schedules the next try. */
  private pending(error: Error): pg.Client {
    logger.warn("response cache listener could not connect", { error: error.message });
    return new pg.Client({ connectionString: this.databaseUrl });
  }

  /** The Apollo Server plugin: queries only, successful answers only. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => {
        let key: string | undefined;
        let generation = -1;
        let hit = false;
        return {
          responseForOperation: async ({ request, operation, contextValue }) => {
            const identity = (contextValue as { identity?: Identity }).identity;
            if (operation.operation !== "query" || !this.client || typeof request.query !== "string" || !identity) return null;
            key = JSON.stringify([authorisationScope(identity), request.query, request.operationName ?? null, request.variables ?? {}]);
            generation = this.generation;
            if (request.http?.headers.get(FRESH_READ_HEADER) === "1") return null;
            const answer = this.answers.get(key);
            if (!answer) return null;
            hit = true;
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: answer } };
          },
          willSendResponse: async ({ response }) => {
            if (!key || hit || generation !== this.generation || !this.client || response.body.kind !== "single") return;
            if (requestContext.getStore()?.notKept) return;
            const result = response.body.singleResult;
            if (result.errors?.length || result.data === undefined) return;
            if (this.answers.size >= this.capacity) this.answers.clear();
            this.answers.set(key, { data: result.data });
          },
        };
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.midnight);
    clearInterval(this.heartbeat);
    this.changes.emit("close"); // ends every watch
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners();
    client?.on("error", () => undefined);
    await client?.end().catch(() => undefined);
    this.answers.clear();
  }
}
