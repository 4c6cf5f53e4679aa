import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import pg from "pg";
import { handOutInSlices } from "./slices.js";
import { logger, safeError } from "./logger.js";
import { metrics } from "./metrics.js";

/**
 * The event outbox of one subgraph (table `outbox_event` in its own schema). Every change others
 * must see writes a row here in the same transaction; the sequence number is the subscription cursor.
 */
export const OutboxEventEntity = defineEntity({
  name: "OutboxEvent",
  tableName: "outbox_event",
  indexes: [{ properties: ["topic", "seq"] }],
  properties: {
    seq: p.bigint("number").primary().autoincrement(),
    /** Who may be interested, e.g. `agenda:<meetingId>` or `action-items:<orgCode>`. */
    topic: p.string().length(200),
    /** What happened, e.g. `ITEM_ADDED`. */
    kind: p.string().length(60),
    /** The event as subscribers receive it, built once at publish time. */
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type OutboxEvent = InferEntity<typeof OutboxEventEntity>;

/** A stored event as subscribers see it. */
export interface StoredEvent<P = Record<string, unknown>> {
  seq: number;
  topic: string;
  kind: string;
  payload: P;
  createdAt: Date;
}

/** The kind of the event that marks the end of a replay (`EventHub.subscribe`'s `markCaughtUp`). */
export const CAUGHT_UP = "CAUGHT_UP";

const toStored = (e: OutboxEvent): StoredEvent => ({
  seq: Number(e.seq),
  topic: e.topic,
  kind: e.kind,
  payload: e.payload,
  createdAt: e.createdAt,
});

const channelOf = (schema: string) => `${schema}_outbox`;
/** One advisory lock key per subgraph: event-writing transactions commit in sequence order. */
const lockKeyOf = (schema: string) => [...schema].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

/**
 * The pause before listening again after the LISTEN connection is lost, doubled after every try that
 * fails, up to the longest: an outage of any length ends in a new connection within a few seconds of
 * the database's return, without a flood of tries while it is down.
 */
const RELISTEN_FIRST_MS = 500;
const RELISTEN_LONGEST_MS = 5_000;

/**
 * Writes events inside the caller's transaction, then wakes every listener at commit.
 *
 * The advisory lock serialises the subgraph's event-writing transactions, so sequence numbers become
 * visible in order: a reader that has seen seq N will never later find an uncommitted N-1.
 * NOTIFY inside the transaction is delivered only if and when it commits.
 */
export async function publishEvents(
  em: EntityManager,
  schema: string,
  events: { topic: string; kind: string; payload: Record<string, unknown> }[],
): Promise<StoredEvent[]> {
  if (!events.length) return [];
  // The transaction's own pending writes go first: the rows they lock are locked before this subgraph-wide
  // lock, as every writer takes them (a row, then the outbox), never the other way round.
  await em.flush();
  await em.execute(`select pg_advisory_xact_lock(${lockKeyOf(schema)})`);
  const rows = events.map((e) => em.create(OutboxEventEntity, { topic: e.topic, kind: e.kind, payload: e.payload }));
  await em.flush();
  await em.execute(`select pg_notify('${channelOf(schema)}', '${rows.at(-1)!.seq}')`);
  for (const row of rows) metrics.eventsPublished.inc({ kind: row.kind });
  return rows.map(toStored);
}

type Listener = (event: StoredEvent) => void;

/** Ends a connection no longer used; whatever it still says (a late error) is not heard of. */
function discard(client: pg.Client): void {
  client.removeAllListeners();
  client.on("error", () => undefined);
  client.end().catch(() => undefined);
}

interface EventRow {
  seq: string;
  topic: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

const fromRow = (r: EventRow): StoredEvent => ({
  seq: Number(r.seq),
  topic: r.topic,
  kind: r.kind,
  payload: r.payload,
  createdAt: r.created_at,
});

/**
 * One per subgraph process: a single LISTEN connection and a single read of new events per wake-up,
 * dispatched in memory to every subscriber of the event's topic. Subscribers never query per event.
 * The hub reads through a small pool of its own, so its background reads never mix with (or are
 * counted as) the statements of an operation.
 */
export class EventHub {
  private client: pg.Client | undefined;
  private readonly pool: pg.Pool;
  private lastSeq = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  private reading: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private retryDelay = RELISTEN_FIRST_MS;
  private unsample: (() => void) | undefined;

  constructor(
    private readonly schema: string,
    private readonly databaseUrl: string,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    this.pool.on("error", (error) => logger.warn("event reader connection lost", { error: error.message }));
  }

  async start(): Promise<void> {
    this.lastSeq = await this.latest();
    await this.connect();
    // Newest sequence − last delivered: how far this process's subscribers are behind the outbox.
    this.unsample = metrics.outboxLag.add(async () => Math.max(0, (await this.latest()) - this.lastSeq));
  }

  /** The latest sequence number of this subgraph's outbox. */
  async latest(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>(`select max(seq) as seq from "${this.schema}".outbox_event`);
    return Number(rows[0]?.seq ?? 0);
  }

  private async read(afterSeq: number, topic?: string, limit = 1000): Promise<StoredEvent[]> {
    const { rows } = topic
      ? await this.pool.query<EventRow>(
          `select seq, topic, kind, payload, created_at from "${this.schema}".outbox_event where topic = $1 and seq > $2 order by seq limit $3`,
          [topic, afterSeq, limit],
        )
      : await this.pool.query<EventRow>(
          `select seq, topic, kind, payload, created_at from "${this.schema}".outbox_event where seq > $1 order by seq limit $2`,
          [afterSeq, limit],
        );
    return rows.map(fromRow);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("error", (error) => {
      logger.warn("event listener connection lost; reconnecting", { error: error.message });
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    client.on("notification", () => this.wake());
    try {
      await client.connect();
      await client.query(`listen ${channelOf(this.schema)}`);
    } catch (error) {
      // A connection that never came to listen is nobody's: it must not linger, nor be taken for the lost one.
      discard(client);
      throw error;
    }
    if (this.closed) {
      // Closed while this try was under way: nobody would ever end it.
      discard(client);
      return;
    }
    this.client = client;
    this.retryDelay = RELISTEN_FIRST_MS;
    // Whatever was committed while we were not listening (the whole outage: `lastSeq` is where we stopped).
    this.wake();
  }

  private reconnect(dead: pg.Client): void {
    if (this.closed || this.client !== dead) return;
    this.client = undefined;
    discard(dead);
    this.relisten();
  }

  /**
   * Tries to listen again after a pause, and again after a longer one each time that fails, until it
   * listens or the hub is closed. Until then this process's subscribers hear of nothing; nothing is
   * lost, as the connection that succeeds reads every event after the last one delivered.
   */
  private relisten(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    const delay = this.retryDelay;
    this.retryDelay = Math.min(delay * 2, RELISTEN_LONGEST_MS);
    this.retry = setTimeout(() => {
      this.connect().catch((error: Error) => {
        if (this.closed) return;
        logger.warn("event listener could not reconnect; trying again", { error: error.message, retryInMs: this.retryDelay });
        this.relisten();
      });
    }, delay);
  }

  /** Reads every event after the last one seen, once, and hands each to its topic's listeners. */
  private wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          const events = await this.read(this.lastSeq);
          for (const event of events) {
            this.lastSeq = event.seq;
            const listeners = this.listeners.get(event.topic);
            if (!listeners?.size) continue;
            metrics.eventsDelivered.inc({ kind: event.kind }, listeners.size);
            // A slice at a time: the process's other work (the chair's own answer) is not held up by 2,000 subscribers.
            await handOutInSlices(
              listeners,
              (l) => listeners.has(l),
              (l) => l(event),
            );
          }
          if (events.length === 1000) this.again = true;
        } catch (error) {
          if (!this.closed) logger.error("reading events failed", { error: safeError(error) });
        }
      } while (this.again && !this.closed);
      this.reading = undefined;
    })();
  }

  private on(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(topic);
    };
  }

  /** Stored events of a topic after `afterSeq`, in order. */
  replay(topic: string, afterSeq: number, limit = 10_000): Promise<StoredEvent[]> {
    return this.read(afterSeq, topic, limit);
  }

  /** Every stored event of a topic after `afterSeq`, page by page: a long absence loses nothing. */
  private async replayAll(topic: string, afterSeq: number, page = 10_000): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let from = afterSeq; ;) {
      const batch = await this.replay(topic, from, page);
      events.push(...batch);
      if (batch.length < page) return events;
      from = batch.at(-1)!.seq;
    }
  }

  /**
   * Events of `topic` after `afterSeq` (replayed from the outbox), then live ones: each exactly
   * once, in order. Live events arriving during the replay wait in a buffer. Without `afterSeq`,
   * only events after the moment of subscribing.
   *
   * With `markCaughtUp`, the end of a replay is marked by one event of kind `CAUGHT_UP` (the cursor
   * of the last replayed event, or `afterSeq` itself, and the last replayed event's payload, or
   * `{}` when nothing was missed): before it, the subscriber is catching up; after it, live.
   */
  subscribe(topic: string, afterSeq?: number, options: { markCaughtUp?: boolean } = {}): AsyncIterableIterator<StoredEvent> {
    const queue = new SubscriberQueue(afterSeq ?? this.lastSeq, afterSeq === undefined, () => this.closed);
    queue.off = this.on(topic, (event) => queue.live(event));
    if (afterSeq !== undefined) {
      this.replayAll(topic, afterSeq).then(
        (events) => queue.replayed(events, options.markCaughtUp ? topic : undefined),
        (error) => queue.fail(error),
      );
    }
    const iterator: AsyncIterableIterator<StoredEvent> = {
      next: () => queue.next(),
      return: () => Promise.resolve(queue.finish()),
      throw: (error) => {
        queue.finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsample?.();
    clearTimeout(this.retry);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    // Whatever it still says (a late error while it ends) is not heard of, as for a lost connection.
    client?.removeAllListeners();
    client?.on("error", () => undefined);
    await client?.end().catch(() => undefined);
    await this.reading;
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * Maps (and drops, when `fn` returns undefined) the values of an async iterator, keeping `return()`
 * wired through so an ended subscription releases its source at once.
 */
export function mapIterator<T, U>(
  source: AsyncIterator<T>,
  fn: (value: T) => U | undefined | Promise<U | undefined>,
): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        const mapped = await fn(result.value);
        if (mapped !== undefined) return { value: mapped, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * One subscriber's events: each delivered once and in order (by `seq`), live events held back until
 * the replay of missed ones is done.
 */
class SubscriberQueue {
  private readonly buffered: StoredEvent[] = [];
  private readonly ready: StoredEvent[] = [];
  private finished = false;
  private failure: unknown;
  private waiting: ((result: IteratorResult<StoredEvent>) => void) | undefined;
  private rejectWaiting: ((error: unknown) => void) | undefined;
  /** Stops live delivery (set once the queue listens). */
  off: () => void = () => {};

  constructor(
    private delivered: number,
    private replayDone: boolean,
    private readonly hubClosed: () => boolean,
  ) {}

  /** A live event from the hub. */
  live(event: StoredEvent): void {
    this.buffered.push(event);
    this.pump();
  }

  /** The missed events, read back; with `caughtUpTopic`, followed by a `CAUGHT_UP` mark. */
  replayed(events: StoredEvent[], caughtUpTopic: string | undefined): void {
    for (const event of events) this.accept(event);
    if (caughtUpTopic !== undefined) {
      this.ready.push({
        seq: this.delivered,
        topic: caughtUpTopic,
        kind: CAUGHT_UP,
        payload: events.at(-1)?.payload ?? {},
        createdAt: new Date(),
      });
    }
    this.replayDone = true;
    this.pump();
  }

  fail(error: unknown): void {
    this.failure = error;
    this.rejectWaiting?.(error);
  }

  next(): Promise<IteratorResult<StoredEvent>> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ready.length) return Promise.resolve({ value: this.ready.shift()!, done: false });
    if (this.finished || this.hubClosed()) return Promise.resolve(this.finish());
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.rejectWaiting = reject;
    });
  }

  finish(): IteratorResult<StoredEvent> {
    this.finished = true;
    this.off();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    return { value: undefined, done: true };
  }

  private accept(event: StoredEvent): void {
    if (event.seq <= this.delivered) return;
    this.delivered = event.seq;
    this.ready.push(event);
  }

  private pump(): void {
    if (!this.replayDone) return;
    for (const event of this.buffered.splice(0)) this.accept(event);
    if (this.waiting && this.ready.length) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: this.ready.shift()!, done: false });
    }
  }
}
