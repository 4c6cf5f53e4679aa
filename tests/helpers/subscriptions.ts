import type { Client } from "graphql-ws";
import { metrics } from "@marugoto/shared";
import { wsClient } from "./client.js";

/** One `next` payload as it arrived: its data and its result-level errors, both kept. */
export interface Payload<T> {
  data: T | null;
  errors: readonly unknown[] | null;
}

export interface Collected<T> {
  /** The data of each `next` payload that carried no errors. */
  events: T[];
  /** Each payload's result-level errors, each subscription error, and an abnormal close, in order. */
  errors: unknown[];
  /** Every `next` payload whole, in order, errors or not (a payload with errors is not dropped here). */
  payloads: Payload<T>[];
  /** What ended the stream other than completion: a subscription error or an abnormal close. */
  failures: unknown[];
  completed: boolean;
  /** Resolves once `n` events have arrived (rejects on a subscription error, or after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves as soon as `check` holds, tried again on every event, error and completion (never by polling). */
  until(check: (out: Collected<T>) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Resolves when `check` holds, re-tried each time one of `streams` receives something: a wait on
 * events, not on time. `timeoutMs` only bounds a test that would otherwise hang.
 */
export function untilAll<T>(streams: Collected<T>[], check: () => boolean, timeoutMs = 10_000, what = "the streams"): Promise<void> {
  return new Promise((resolve, reject) => {
    /** `check` may also throw, to end the wait early (a stream that failed). */
    const settle = (): boolean => {
      try {
        if (!check()) return false;
        resolve();
      } catch (error) {
        reject(error as Error);
      }
      return true;
    };
    if (settle()) return;
    const timer = setTimeout(() => {
      release();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const listener = () => {
      if (!settle()) return;
      clearTimeout(timer);
      release();
    };
    const release = () => streams.forEach((s) => listeners.get(s)?.delete(listener));
    for (const s of streams) listeners.get(s)?.add(listener);
  });
}

/** Who to tell when a collected stream receives something. */
const listeners = new WeakMap<Collected<unknown>, Set<() => void>>();

/** Subscribes over a real graphql-ws connection and collects every `next` payload (its data, and whole). */
export function collect<T = Record<string, any>>(
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
  client?: Client,
  /** Sent beside the query, e.g. a registered document's id (`{ persistedQuery: { version: 1, sha256Hash } }`). */
  extensions?: Record<string, unknown>,
): Collected<T> {
  // A refused connection closes without a protocol error: record the close too.
  const own =
    client ??
    wsClient(url, token, {
      on: { closed: (event) => (event as { code?: number }).code !== 1000 && received(() => fail(event)) },
    });
  const out: Collected<T> = {
    events: [],
    errors: [],
    payloads: [],
    failures: [],
    completed: false,
    waitFor: async (n, timeoutMs = 10_000) => {
      await untilAll(
        [out],
        () => {
          if (out.events.length >= n) return true;
          if (out.errors.length) throw new Error(`subscription failed: ${JSON.stringify(out.errors)}`);
          return false;
        },
        timeoutMs,
        `${n} events (have ${out.events.length})`,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; ${out.events.length}/${n} events arrived`);
      });
      return out.events;
    },
    until: (check, timeoutMs) => untilAll([out], () => check(out), timeoutMs),
    stop: async () => {
      unsubscribe();
      if (!client) await own.dispose();
    },
  };
  listeners.set(out as Collected<unknown>, new Set());
  /** Records what arrived, then lets every waiter look again. */
  const received = (record: () => unknown) => {
    record();
    for (const listener of [...(listeners.get(out as Collected<unknown>) ?? [])]) listener();
  };
  /** A terminal failure: counted among the errors, as before, and on its own. */
  const fail = (error: unknown) => {
    out.errors.push(error);
    out.failures.push(error);
  };
  const unsubscribe = own.subscribe<T>(
    { query, variables, ...(extensions ? { extensions } : {}) },
    {
      next: (value) =>
        received(() => {
          out.payloads.push({ data: (value.data ?? null) as T | null, errors: value.errors ?? null });
          if (value.errors) out.errors.push(value.errors);
          else out.events.push(value.data as T);
        }),
      error: (error) => received(() => fail(error)),
      complete: () => received(() => (out.completed = true)),
    },
  );
  return out;
}

/**
 * GraphQL subscriptions running now in this process, as the active-subscriptions gauge counts them:
 * the gateway's (one per client subscription) and each subgraph's (one per upstream subscription),
 * since `startStack` runs them all here. A subgraph counts one once its event listener is in place.
 */
export async function activeSubscriptions(): Promise<number> {
  return (await metrics.subscriptions.gauge.get()).values[0]?.value ?? 0;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
