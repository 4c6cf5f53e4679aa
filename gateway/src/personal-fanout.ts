import { createHash } from "node:crypto";
import type { ExecutionArgs, ExecutionResult } from "graphql";
import { handOutInSlices, metrics, type Identity } from "@marugoto/shared/core";
import { interrupted, isIterable } from "./interruptions.js";
import { PushIterator } from "./push-iterator.js";
import { copyOf } from "./shared-upstreams.js";
import { endsStream, GROUP_HAND_OUT_SLICE, startGroup, type GroupStats } from "./subscription-groups.js";

type Result = ExecutionResult;
type Source = AsyncIterable<Result> | Result;

/** What a personal subgraph answered one person's call: the status and body it sent, or why there was none. */
export type PersonalAnswer = { status: number; body: string } | { error: unknown };

/** One subscriber of a fan-out group: its own verified identity and its own subscription request. */
export interface FanOutMember {
  readonly identity: Identity;
  readonly args: ExecutionArgs;
  readonly iterator: PushIterator<Result>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Equal for two answers only when the runtime would make the same of them: the same status and the same bytes. */
const classOf = (answer: PersonalAnswer): string =>
  "error" in answer ? `error\n${messageOf(answer.error)}` : `${answer.status}\n${answer.body}`;

/**
 * One event of a fan-out group: the upstream payload as it came (before the runtime wrote into it),
 * and every personal call's answer made for it, by call (URL and body) and person.
 */
export class FanOutEvent {
  /** The calls made, in the order first made. */
  readonly calls: string[] = [];
  readonly answers = new Map<string, Map<FanOutMember, PersonalAnswer | Promise<PersonalAnswer>>>();

  constructor(readonly payload: Result) {}

  /**
   * `members` in parts answered alike by every call already made for all of them (a member without
   * an answer to a call is not alike anyone who has one): each part can run once for all its people.
   */
  partition(members: readonly FanOutMember[]): FanOutMember[][] {
    const numbering = this.calls.map(() => new Map<string, number>());
    const parts = new Map<string, FanOutMember[]>();
    for (const member of members) {
      const signature = this.calls
        .map((call, i) => {
          const answer = this.answers.get(call)!.get(member);
          if (!answer || answer instanceof Promise) return "-";
          const key = classOf(answer);
          let n = numbering[i]!.get(key);
          if (n === undefined) numbering[i]!.set(key, (n = numbering[i]!.size));
          return n;
        })
        .join(",");
      const part = parts.get(signature);
      if (part) part.push(member);
      else parts.set(signature, [member]);
    }
    return [...parts.values()];
  }
}

/**
 * One execution of an event's plan for several people at once. Each personal call is made for each
 * of them, signed as that person (`identity.ts`); the run goes on with the answer of its first
 * person, and from then on is for only the people answered exactly alike. Those left out are run
 * again (`FanOutGroup`), until everyone has the result of calls answered for themselves.
 */
export class FanOutRun {
  private cell: FanOutMember[];

  constructor(
    readonly event: FanOutEvent,
    readonly members: readonly FanOutMember[],
  ) {
    this.cell = [...members];
  }

  /** Whom this run's result is for: the people every call it made answered exactly as its first. */
  get answered(): readonly FanOutMember[] {
    return this.cell;
  }

  /** The people this run started with but is no longer for. */
  get rest(): FanOutMember[] {
    const kept = new Set(this.cell);
    return this.members.filter((m) => !kept.has(m));
  }

  /**
   * The answer to the call `call` (URL and body) for this run: made with `ask` for each of its people
   * who has none yet (an earlier run of the event may have made it for some), the run narrowed to
   * those answered as its first.
   */
  async answer(call: string, ask: (member: FanOutMember) => Promise<PersonalAnswer>): Promise<PersonalAnswer> {
    const cell = this.cell;
    if (!cell.length) return { error: new Error("no one to answer for") };
    let byMember = this.event.answers.get(call);
    if (!byMember) {
      this.event.answers.set(call, (byMember = new Map()));
      this.event.calls.push(call);
    }
    for (const member of cell) {
      if (byMember.has(member)) continue;
      const asked: Promise<PersonalAnswer> = Promise.resolve()
        .then(() => ask(member))
        .catch((error: unknown) => ({ error }));
      byMember.set(member, asked);
      void asked.then((answer) => byMember.set(member, answer));
    }
    const answers = await Promise.all(cell.map((m) => byMember.get(m)!));
    const classes = new Map(cell.map((m, i) => [m, classOf(answers[i]!)]));
    // Another call of this run may have narrowed it meanwhile: narrow what is left of it.
    const current = this.cell.filter((m) => classes.has(m));
    const first = current[0];
    if (!first) return { error: new Error("no one to answer for") };
    const kind = classes.get(first);
    this.cell = current.filter((m) => classes.get(m) === kind);
    return answers[cell.indexOf(first)]!;
  }
}

/** What a fan-out context carries (under `FAN_OUT`): the run its personal calls are for, and a replay's event. */
export interface FanOutHandle {
  /** The run of the event being executed; none between events. */
  run?: FanOutRun;
  /** A replay: the event's payload, answered in place of the upstream subscription. */
  replay?: Result;
  /** A replay: the identity it runs as (its first person's, verified when they subscribed). */
  identity?: Identity;
  /** The group's own run: told of each event as the upstream gives it. */
  begin?(payload: Result): void;
}

/** The key of a fan-out handle on an operation's context (kept by the runtime's copies of it). */
const FAN_OUT = Symbol("marugoto.fanOut");

export function fanOutOf(context: unknown): FanOutHandle | undefined {
  return context && typeof context === "object" ? ((context as Record<symbol, unknown>)[FAN_OUT] as FanOutHandle | undefined) : undefined;
}

const withHandle = (context: unknown, handle: FanOutHandle) => ({ ...(context as object), [FAN_OUT]: handle });

/** An upstream that gives one payload (a copy of it) and ends: what a replay's subscription reads. */
export function replayOf(payload: Result): AsyncIterableIterator<Result> {
  let given = false;
  const iterator: AsyncIterableIterator<Result> = {
    next: async () => {
      if (given) return { done: true, value: undefined };
      given = true;
      return { done: false, value: copyOf(payload) };
    },
    return: async () => ((given = true), { done: true, value: undefined }),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** An upstream stream whose every payload is told to `handle` (a pristine copy) before the runtime reads it. */
export function recorded(source: AsyncIterable<Result>, handle: FanOutHandle): AsyncIterableIterator<Result> {
  const inner = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<Result> = {
    async next() {
      const step = await inner.next();
      if (!step.done) handle.begin?.(copyOf(step.value));
      return step;
    },
    return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

type Subscribe = (args: ExecutionArgs) => Promise<Source>;

/** The first result of a replay (its one event), the replay ended after it. */
async function firstResult(subscribe: Subscribe, args: ExecutionArgs): Promise<Result | undefined> {
  try {
    const source = await subscribe(args);
    if (!isIterable(source)) return source;
    const iterator = source[Symbol.asyncIterator]();
    const step = await iterator.next();
    void iterator.return?.()?.catch(() => undefined);
    return step.done ? undefined : step.value;
  } catch {
    return { errors: [interrupted()] };
  }
}

/**
 * The subscribers of one personal subscription (same document, variables, organisation and roles),
 * served by one execution per event and per group of people the personal subgraphs answered alike —
 * usually one — instead of one per person. The calls a personal subgraph answers are still made for
 * each person, signed as that person, and audited there for each; only the execution of the plan
 * around them, and the sending of identical results, is shared, and only between people whose every
 * personal answer was the same to the byte.
 */
class FanOutGroup {
  readonly members = new Set<FanOutMember>();
  closedToJoiners = false;
  private source: AsyncIterator<Result> | undefined;
  private readonly own: FanOutHandle;

  constructor(
    private readonly subscribe: Subscribe,
    private readonly onEmpty: () => void,
  ) {
    // Each upstream payload starts a run for everyone subscribed at that moment.
    this.own = {
      begin: (payload) => {
        // Each call of a run is told apart only by the run in progress: a second event before the
        // first's result would answer the first's calls for the second's people. Never so (the
        // runtime reads its upstream one event at a time); were it to, the stream ends instead.
        if (this.own.run) throw new Error("a fan-out group's events overlapped");
        metrics.fanOutRuns.inc({ kind: "event" });
        this.own.run = new FanOutRun(new FanOutEvent(payload), [...this.members]);
      },
    };
  }

  join(identity: Identity, args: ExecutionArgs): FanOutMember {
    const member: FanOutMember = { identity, args, iterator: new PushIterator<Result>(() => this.leave(member)) };
    this.members.add(member);
    return member;
  }

  /** Starts the group's own subscription, run as its first member (`lead`), whose context carries the group's handle. */
  start(lead: FanOutMember): Promise<Source> {
    return this.subscribe({ ...lead.args, contextValue: withHandle(lead.args.contextValue, this.own) });
  }

  run(iterable: AsyncIterable<Result>): void {
    this.source = iterable[Symbol.asyncIterator]();
    // Everyone left while it started.
    if (!this.members.size) {
      this.closedToJoiners = true;
      void this.source.return?.()?.catch(() => undefined);
      return;
    }
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await this.source!.next();
          if (done) break;
          const run = this.own.run;
          this.own.run = undefined;
          if (endsStream(value)) this.closedToJoiners = true;
          // A result of no event (the stream's own end by error) is everyone's.
          if (!run) await this.handOut([...this.members], value);
          else await this.deliver(run, value);
        }
      } catch {
        await this.handOut([...this.members], { errors: [interrupted()] });
      } finally {
        this.closedToJoiners = true;
        for (const member of this.members) member.iterator.end();
        this.members.clear();
        this.onEmpty();
      }
    })();
  }

  /** Ends everyone who joined before the upstream answered with a single result (a refusal). */
  fail(result: Result): void {
    this.closedToJoiners = true;
    for (const member of this.members) {
      member.iterator.push(result);
      member.iterator.end();
    }
    this.members.clear();
  }

  /** A run's result to those it is for; the others of its event run again, each part answered alike at once. */
  private async deliver(run: FanOutRun, result: Result): Promise<void> {
    await this.handOut(run.answered, result);
    const rest = run.rest.filter((m) => this.members.has(m));
    if (!rest.length) return;
    await Promise.all(run.event.partition(rest).map((part) => this.replay(run.event, part)));
  }

  /** The event run again for `part`, as its first person, every call already answered for them taken as answered. */
  private async replay(event: FanOutEvent, part: FanOutMember[]): Promise<void> {
    metrics.fanOutRuns.inc({ kind: "replay" });
    const run = new FanOutRun(event, part);
    const lead = part[0]!;
    const handle: FanOutHandle = { run, replay: event.payload, identity: lead.identity };
    const result = await firstResult(this.subscribe, { ...lead.args, contextValue: withHandle(lead.args.contextValue, handle) });
    if (!result) return;
    await this.deliver(run, result);
    // An error without data ends a stream (as `interruptions.ts` makes them): theirs ends here, whoever else's goes on.
    if (!endsStream(result)) return;
    for (const member of run.answered) {
      member.iterator.end();
      this.leave(member);
    }
  }

  private handOut(members: readonly FanOutMember[], result: Result): Promise<void> {
    return handOutInSlices(
      members,
      (m) => this.members.has(m),
      (m) => m.iterator.push(result),
      GROUP_HAND_OUT_SLICE,
    );
  }

  private leave(member: FanOutMember): void {
    this.members.delete(member);
    if (this.members.size === 0) {
      this.closedToJoiners = true;
      this.onEmpty();
      void this.source?.return?.()?.catch(() => undefined);
    }
  }
}

/**
 * Personal live subscriptions whose root field a subgraph deciding on organisation and roles serves
 * (`agendaChanged` with `case { … }`), grouped per document, variables, organisation and roles: each
 * event runs once per group of people answered alike by the personal subgraphs (`FanOutGroup`).
 */
export class FanOutGroups {
  private readonly groups = new Map<string, FanOutGroup>();

  /** The group key: never equal to a merged group's (`SubscriptionGroups`), never shared across organisations or roles. */
  static keyOf(
    request: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
    scope: string,
  ): string {
    return createHash("sha256")
      .update(JSON.stringify(["fan-out", request.query, request.operationName ?? null, request.variables ?? {}, scope]))
      .digest("base64url");
  }

  /** Joins the group of `key` as `identity`, starting it (as this subscriber) when there is none. */
  async subscribe(key: string, identity: Identity, args: ExecutionArgs, subscribe: Subscribe): Promise<Source> {
    const existing = this.groups.get(key);
    if (existing && !existing.closedToJoiners) return existing.join(identity, args).iterator;
    const group = new FanOutGroup(subscribe, () => {
      if (this.groups.get(key) === group) this.groups.delete(key);
    });
    this.groups.set(key, group);
    const lead = group.join(identity, args);
    const source = await startGroup(this.groups, key, group, () => group.start(lead));
    if (!isIterable(source)) return source;
    group.run(source);
    return lead.iterator;
  }

  stats(): GroupStats {
    let members = 0;
    for (const g of this.groups.values()) members += g.members.size;
    return { groups: this.groups.size, members };
  }
}
