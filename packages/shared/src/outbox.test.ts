import net from "node:net";
import { MikroORM } from "@mikro-orm/postgresql";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../../tests/helpers/database.js";
import { CAUGHT_UP, EventHub, OutboxEventEntity, publishEvents, type StoredEvent } from "./outbox.js";

/**
 * The event outbox against a real PostgreSQL: events written in transactions, one hub reading them
 * (LISTEN/NOTIFY and one read per wake-up), subscribers replaying from a cursor and then live.
 */
const SCHEMA = "outbox_unit";
let database: TestDatabase;
let orm: MikroORM;
let hub: EventHub;
let sql: pg.Client;

beforeAll(async () => {
  database = await freshDatabase("outbox");
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  // The table as every subgraph's migration creates it in its own schema.
  await sql.query(`create schema "${SCHEMA}"`);
  await sql.query(
    `create table "${SCHEMA}"."outbox_event" ("seq" bigserial primary key, "topic" varchar(200) not null, "kind" varchar(60) not null, "payload" jsonb not null, "created_at" timestamptz not null)`,
  );
  await sql.query(`create index "outbox_event_topic_seq_index" on "${SCHEMA}"."outbox_event" ("topic", "seq")`);
  orm = await MikroORM.init({ clientUrl: database.url, entities: [OutboxEventEntity], schema: SCHEMA, pool: { max: 8 } });
  hub = new EventHub(SCHEMA, database.url);
  await hub.start();
});

afterAll(async () => {
  await hub?.close();
  await orm?.close();
  await sql?.end();
  await database?.drop();
});

/** Writes the events in one transaction of their own, as a mutation does. */
function publish(...events: { topic: string; kind?: string; n?: number }[]): Promise<StoredEvent[]> {
  return orm.em.fork().transactional((em) =>
    publishEvents(
      em,
      SCHEMA,
      events.map((e) => ({ topic: e.topic, kind: e.kind ?? "CHANGED", payload: { topic: e.topic, n: e.n ?? 0 } })),
    ),
  );
}

/** A subscriber reading in the background: what it received so far, and a wait for more. */
interface Subscriber {
  events: StoredEvent[];
  /** Resolves once `done(events)` holds; fails (showing what arrived) if it does not within 10 s. */
  until(done: (events: StoredEvent[]) => boolean, what: string): Promise<void>;
  stop(): Promise<void>;
}

function subscriber(iterator: AsyncIterableIterator<StoredEvent>): Subscriber {
  const events: StoredEvent[] = [];
  const checks = new Set<() => void>();
  let failure: unknown;
  void (async () => {
    try {
      for await (const event of iterator) {
        events.push(event);
        for (const check of checks) check();
      }
    } catch (error) {
      failure = error;
      for (const check of checks) check();
    }
  })();
  return {
    events,
    until: (done, what) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`no ${what} within 10 s; received ${JSON.stringify(brief(events))}`));
        }, 10_000);
        const check = () => {
          if (failure) reject(failure as Error);
          else if (!done(events)) return;
          else resolve();
          clearTimeout(timer);
          checks.delete(check);
        };
        checks.add(check);
        check();
      }),
    stop: async () => void (await iterator.return?.()),
  };
}

/** What a subscriber saw, without payloads and times: `seq kind` for each event. */
const brief = (events: StoredEvent[]) => events.map((e) => `${e.seq} ${e.kind}`);
const seqs = (events: StoredEvent[]) => events.map((e) => e.seq);
const has = (seq: number) => (events: StoredEvent[]) => events.some((e) => e.seq === seq && e.kind !== CAUGHT_UP);
const without = (events: StoredEvent[]) => events.filter((e) => e.kind !== CAUGHT_UP);

/** Ends every subscriber of a test by publishing one last event and waiting for each to receive it. */
async function endAll(topic: string, subscribers: Subscriber[]): Promise<number> {
  const [end] = await publish({ topic, kind: "END" });
  await Promise.all(subscribers.map((s) => s.until(has(end!.seq), `END (${end!.seq})`)));
  await Promise.all(subscribers.map((s) => s.stop()));
  return end!.seq;
}

/**
 * The `CAUGHT_UP` mark of a subscriber from `cursor`: exactly one, after every replayed event and
 * before every live one; it carries the last replayed event's cursor and payload (or the subscriber's
 * own cursor and `{}` when nothing was missed).
 */
function expectCaughtUpMark(events: StoredEvent[], cursor: number): void {
  const marks = events.map((e, i) => [e, i] as const).filter(([e]) => e.kind === CAUGHT_UP);
  expect(marks, "one CAUGHT_UP").toHaveLength(1);
  const [mark, at] = marks[0]!;
  const before = events.slice(0, at);
  const after = events.slice(at + 1);
  if (before.length) {
    expect(mark.seq).toBe(before.at(-1)!.seq);
    expect(mark.payload).toEqual(before.at(-1)!.payload);
  } else {
    expect(mark.seq).toBe(cursor);
    expect(mark.payload).toEqual({});
  }
  expect(after.every((e) => e.seq > mark.seq)).toBe(true);
}

describe("EventHub: replay, then live", () => {
  it("a subscriber from cursor k gets exactly its topic's events after k, CAUGHT_UP, then live ones", async () => {
    const [a1, b1, a2, a3, b2, a4] = [
      ...(await publish({ topic: "a", n: 1 })),
      ...(await publish({ topic: "b", n: 1 })),
      ...(await publish({ topic: "a", n: 2 }, { topic: "a", n: 3 }, { topic: "b", n: 2 })),
      ...(await publish({ topic: "a", n: 4 })),
    ];
    expect(seqs([a1!, b1!, a2!, a3!, b2!, a4!])).toEqual([...seqs([a1!, b1!, a2!, a3!, b2!, a4!])].sort((x, y) => x - y));
    const fromA2 = subscriber(hub.subscribe("a", a2!.seq, { markCaughtUp: true }));
    const fromStartB = subscriber(hub.subscribe("b", 0, { markCaughtUp: true }));
    const caughtUp = (events: StoredEvent[]) => events.some((e) => e.kind === CAUGHT_UP);
    await Promise.all([fromA2.until(caughtUp, "CAUGHT_UP of a"), fromStartB.until(caughtUp, "CAUGHT_UP of b")]);
    expect(brief(fromA2.events)).toEqual([`${a3!.seq} CHANGED`, `${a4!.seq} CHANGED`, `${a4!.seq} ${CAUGHT_UP}`]);
    expect(fromA2.events.at(-1)!.payload).toEqual({ topic: "a", n: 4 });

    const [a5, b3, a6] = [...(await publish({ topic: "a", n: 5 }, { topic: "b", n: 3 })), ...(await publish({ topic: "a", n: 6 }))];
    const endA = await endAll("a", [fromA2]);
    const endB = await endAll("b", [fromStartB]);
    expect(seqs(fromA2.events)).toEqual([a3!.seq, a4!.seq, a4!.seq, a5!.seq, a6!.seq, endA]);
    expect(brief(fromStartB.events)).toEqual([
      `${b1!.seq} CHANGED`,
      `${b2!.seq} CHANGED`,
      `${b2!.seq} ${CAUGHT_UP}`,
      `${b3!.seq} CHANGED`,
      `${endB} END`,
    ]);
    expect(fromStartB.events.every((e) => e.topic === "b")).toBe(true);
    expect(fromA2.events.every((e) => e.topic === "a")).toBe(true);
  });

  it("a subscriber that missed nothing is marked caught up at its own cursor, with an empty payload", async () => {
    const [c1] = await publish({ topic: "c", n: 1 });
    await publish({ topic: "other", n: 1 });
    const upToDate = subscriber(hub.subscribe("c", c1!.seq, { markCaughtUp: true }));
    await upToDate.until((events) => events.length > 0, "CAUGHT_UP");
    expect(upToDate.events).toEqual([expect.objectContaining({ seq: c1!.seq, topic: "c", kind: CAUGHT_UP, payload: {} })]);
    const [c2] = await publish({ topic: "c", n: 2 });
    const end = await endAll("c", [upToDate]);
    expect(brief(upToDate.events)).toEqual([`${c1!.seq} ${CAUGHT_UP}`, `${c2!.seq} CHANGED`, `${end} END`]);
  });

  it("a subscriber without a cursor gets only what comes after it subscribed, and no mark", async () => {
    const watcher = subscriber(hub.subscribe("d"));
    const [d1] = await publish({ topic: "d", n: 1 });
    await watcher.until(has(d1!.seq), "d1"); // the hub has read it: it is in the past now
    const late = subscriber(hub.subscribe("d"));
    const [d2] = await publish({ topic: "d", n: 2 });
    const end = await endAll("d", [watcher, late]);
    expect(seqs(watcher.events)).toEqual([d1!.seq, d2!.seq, end]);
    expect(seqs(late.events)).toEqual([d2!.seq, end]);
  });

  it("a subscriber away for more than a page of events gets every one of them (replay is paged)", async () => {
    // 10 050 events straight into the table (more than one replay page of 10 000), then one event
    // that wakes the hub: it reads past them all, so the subscriber can only have them from its replay.
    await sql.query(
      `insert into "${SCHEMA}".outbox_event (topic, kind, payload, created_at) select 'paged', 'CHANGED', jsonb_build_object('n', i), now() from generate_series(1, 10050) i`,
    );
    const { rows } = await sql.query<{ seq: string }>(`select seq from "${SCHEMA}".outbox_event where topic = 'paged' order by seq`);
    const stored = rows.map((r) => Number(r.seq));
    const waker = subscriber(hub.subscribe("wake"));
    await endAll("wake", [waker]);
    const away = subscriber(hub.subscribe("paged", 0, { markCaughtUp: true }));
    const end = await endAll("paged", [away]);
    expect(seqs(without(away.events))).toEqual([...stored, end]);
    expectCaughtUpMark(away.events, 0);
  });
});

describe("EventHub: the seam between replay and live", () => {
  it("events committed while subscribers replay reach each exactly once, in sequence order", async () => {
    const subscribers: { cursor: number; s: Subscriber }[] = [];
    const published: number[] = [];
    // Every replay is held until all 40 commits are in and delivered live, so each subscriber but the
    // last has events committed while it replays, whatever the machine's speed.
    const held = holdReplays(hub);
    const watcher = subscriber(hub.subscribe("seam"));
    try {
      // Each subscriber starts right after a commit, before the hub has (as a rule) read it: that event is
      // both in its replay and, a moment later, in the hub's live delivery. Cursors vary: from the start, or a few back.
      for (let i = 0; i < 40; i++) {
        const [event] = await publish({ topic: "seam", n: i });
        published.push(event!.seq);
        const cursor = i % 3 === 0 ? 0 : published[Math.max(0, i - (i % 5))]! - 1;
        subscribers.push({ cursor, s: subscriber(hub.subscribe("seam", cursor, { markCaughtUp: true })) });
        // And one event of another topic in between, which no subscriber of "seam" may see.
        if (i % 4 === 0) await publish({ topic: "not-seam", n: i });
      }
      await watcher.until(has(published.at(-1)!), "the last seam event, live");
      await held.read(subscribers.length);
      // Still replaying, all of them, though every event has been committed and delivered live.
      expect(subscribers.map(({ s }) => s.events.length)).toEqual(subscribers.map(() => 0));
    } finally {
      held.release();
    }
    const end = await endAll("seam", [watcher, ...subscribers.map(({ s }) => s)]);
    for (const { cursor, s } of subscribers) {
      expect(seqs(without(s.events)), `from ${cursor}`).toEqual([...published.filter((seq) => seq > cursor), end]);
      expectCaughtUpMark(s.events, cursor);
    }
  });

  it("events committed during a long replay wait behind it: the mark comes before them", async () => {
    await sql.query(
      `insert into "${SCHEMA}".outbox_event (topic, kind, payload, created_at) select 'long', 'CHANGED', jsonb_build_object('n', i, 'text', repeat('あ', 1000)), now() from generate_series(1, 9000) i`,
    );
    const waker = subscriber(hub.subscribe("wake"));
    await endAll("wake", [waker]);
    const { rows } = await sql.query<{ seq: string }>(`select seq from "${SCHEMA}".outbox_event where topic = 'long' order by seq`);
    const watcher = subscriber(hub.subscribe("long"));
    const held = holdReplays(hub);
    const catchingUp = subscriber(hub.subscribe("long", 0, { markCaughtUp: true }));
    // Written once the 9 000 stored events (27 MB) have been read back, and before the replay is over:
    // the hub delivers these live meanwhile, and they must wait behind the replay.
    const during: number[] = [];
    try {
      await held.read(1);
      for (let i = 0; i < 5; i++) during.push((await publish({ topic: "long", n: -i }))[0]!.seq);
      await watcher.until(has(during.at(-1)!), "the events written during the replay, live");
      expect(catchingUp.events, "nothing before the replay is over").toEqual([]);
    } finally {
      held.release();
    }
    const end = await endAll("long", [catchingUp, watcher]);
    expect(seqs(without(catchingUp.events))).toEqual([...rows.map((r) => Number(r.seq)), ...during, end]);
    expectCaughtUpMark(catchingUp.events, 0);
  });

  it("a transaction that took its sequence number first commits first: a live subscriber sees no gap", async () => {
    const [start] = await publish({ topic: "order", n: 0 });
    const live = subscriber(hub.subscribe("order", start!.seq));
    // The first writer takes its number and holds its transaction open…
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let numbered!: () => void;
    const hasNumber = new Promise<void>((resolve) => (numbered = resolve));
    const first = orm.em.fork().transactional(async (em) => {
      const events = await publishEvents(em, SCHEMA, [{ topic: "order", kind: "CHANGED", payload: { n: 1 } }]);
      numbered();
      await held;
      return events;
    });
    await hasNumber;
    // …while a second writes after it. Were it allowed to commit first, the hub would read its
    // (higher) number, move past the first's, and never deliver the first.
    const second = publish({ topic: "order", n: 2 });
    let stop = false;
    await Promise.race([
      waitingOnAdvisoryLock(() => stop),
      second.then(() => live.until((events) => events.length > 0, "the second event")),
    ]);
    stop = true;
    release();
    const [[one], [two]] = await Promise.all([first, second]);
    expect(one!.seq).toBeLessThan(two!.seq);
    const end = await endAll("order", [live]);
    expect(seqs(live.events)).toEqual([one!.seq, two!.seq, end]);
  });

  it("many writers at once: every subscriber gets every event, in sequence order", async () => {
    const live = subscriber(hub.subscribe("many"));
    const [start] = await publish({ topic: "many", n: 0 });
    const replaying = subscriber(hub.subscribe("many", start!.seq, { markCaughtUp: true }));
    const written = (
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => publish({ topic: "many", n: i }, { topic: "other", n: i }, { topic: "many", n: i })),
      )
    ).flat();
    const expected = seqs(written.filter((e) => e.topic === "many")).sort((x, y) => x - y);
    const end = await endAll("many", [live, replaying]);
    expect(seqs(live.events)).toEqual([start!.seq, ...expected, end]);
    expect(seqs(without(replaying.events))).toEqual([...expected, end]);
    expectCaughtUpMark(replaying.events, start!.seq);
  });
});

/**
 * Holds the hub's replays: each page is read from the database as usual, then handed back only once
 * `release()` is called, so that events committed meanwhile are certain to arrive during a replay.
 * `read(n)` resolves once `n` pages have been read. Releasing also restores the hub's own replay.
 */
function holdReplays(target: EventHub): { read(n: number): Promise<void>; release(): void } {
  const original = target.replay.bind(target);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let pages = 0;
  const waiting = new Set<() => void>();
  target.replay = async (topic, afterSeq, limit) => {
    const events = await original(topic, afterSeq, limit);
    pages += 1;
    for (const check of waiting) check();
    await released;
    return events;
  };
  return {
    read: (n) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`${pages} of ${n} replay pages read within 10 s`));
        }, 10_000);
        const check = () => {
          if (pages < n) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    release: () => {
      delete (target as { replay?: unknown }).replay;
      release();
    },
  };
}

/** Resolves once a session of the test's database waits for an advisory lock (or `stopped()`). */
async function waitingOnAdvisoryLock(stopped: () => boolean): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    while (!stopped()) {
      const { rows } = await client.query<{ n: string }>(
        `select count(*) as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
      );
      if (Number(rows[0]!.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  } finally {
    await client.end();
  }
}

describe("EventHub: many subscribers", () => {
  it("hands an event out a slice at a time, the process's other work running in between; each subscriber gets every event in order", async () => {
    const topic = "slices";
    const iterators = Array.from({ length: 350 }, () => hub.subscribe(topic));
    const received: string[] = [];
    let otherWork = -1;
    const firstRound = iterators.map((it, i) =>
      it.next().then(({ value }) => {
        // The first delivery asks for other work to be done as soon as the process may.
        if (!received.length) setImmediate(() => (otherWork = received.length));
        received.push(`${i}:${value!.seq}`);
      }),
    );
    const [first] = await publish({ topic });
    await Promise.all(firstRound);
    expect(received).toHaveLength(350);
    // Without slices every subscriber had it before anything else ran (350).
    expect(otherWork).toBeGreaterThan(0);
    expect(otherWork).toBeLessThan(350);
    const [second] = await publish({ topic });
    const secondRound = await Promise.all(iterators.map((it) => it.next()));
    expect(new Set(secondRound.map((r) => r.value!.seq))).toEqual(new Set([second!.seq]));
    expect(new Set(received.map((r) => Number(r.split(":")[1])))).toEqual(new Set([first!.seq]));
    await Promise.all(iterators.map((it) => it.return!()));
  });
});

describe("EventHub: the LISTEN connection lost", () => {
  it("keeps trying to listen again while the database refuses it, then delivers what was published meanwhile, and what comes after", async () => {
    const relay = await startRelay(database.url);
    // Its own name, so that only this hub's connections are ended (not the other tests' hub's).
    const url = new URL(relay.url);
    url.searchParams.set("application_name", "outbox_outage");
    const away = new EventHub(SCHEMA, url.toString());
    await away.start();
    try {
      const live = subscriber(away.subscribe("outage"));
      const [before] = await publish({ topic: "outage", n: 0 });
      await live.until(has(before!.seq), "the event before the outage");

      // The database goes away for this hub: its connections are ended, and every new one is refused.
      relay.refusing = true;
      await sql.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'outbox_outage'`);
      const during: number[] = [];
      for (let i = 1; i <= 3; i++) during.push((await publish({ topic: "outage", n: i }))[0]!.seq);
      // Several tries in a row fail, not just the first.
      await eventually(
        () => relay.refused >= 3,
        () => `${relay.refused} of 3 tries to reconnect refused`,
      );
      expect(
        live.events.map((e) => e.seq),
        "nothing while it cannot listen",
      ).toEqual([before!.seq]);

      // The database is back: the next try listens again and reads what was committed meanwhile.
      relay.refusing = false;
      await live.until(has(during.at(-1)!), "the events published during the outage");
      const [after] = await publish({ topic: "outage", n: 4 });
      await live.until(has(after!.seq), "an event published after the outage, live");
      expect(seqs(live.events)).toEqual([before!.seq, ...during, after!.seq]);
      // One listening connection again: the refused tries left none behind.
      const { rows } = await sql.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity where application_name = 'outbox_outage' and query like 'listen %'`,
      );
      expect(Number(rows[0]!.n)).toBe(1);
      await live.stop();
    } finally {
      await away.close();
      await relay.close();
    }
  });
});

/** Resolves once `done()` holds (checked every 20 ms); fails, saying `what()`, if it does not within 20 s. */
async function eventually(done: () => boolean, what: () => string): Promise<void> {
  for (const start = Date.now(); !done();) {
    if (Date.now() - start > 20_000) throw new Error(`not within 20 s: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A way to the test's PostgreSQL that can refuse new connections, as a database that is down does
 * (each is closed at once, and counted in `refused`); connections already through carry on.
 */
async function startRelay(databaseUrl: string): Promise<{ url: string; refusing: boolean; refused: number; close(): Promise<void> }> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.on("error", () => undefined);
    if (relay.refusing) {
      relay.refused += 1;
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const via = new URL(databaseUrl);
  via.hostname = "127.0.0.1";
  via.port = String((server.address() as net.AddressInfo).port);
  const relay = {
    url: via.toString(),
    refusing: false,
    refused: 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return relay;
}
