import type { Client } from "graphql-ws";
import { wsClient } from "./client.js";

export interface Collected<T> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `n` events have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  stop(): Promise<void>;
}

/** Subscribes over a real graphql-ws connection and collects every `next` payload's data. */
export function collect<T = Record<string, any>>(url: string, token: string | undefined, query: string, variables: Record<string, unknown>, client?: Client): Collected<T> {
  // A refused connection closes without a protocol error: record the close too.
  const own = client ?? wsClient(url, token, { on: { closed: (event) => (event as { code?: number }).code !== 1000 && out.errors.push(event) } });
  const out: Collected<T> = {
    events: [],
    errors: [],
    completed: false,
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const until = Date.now() + timeoutMs;
        const check = () => {
          if (out.events.length >= n) return resolve(out.events);
          if (out.errors.length) return reject(new Error(`subscription failed: ${JSON.stringify(out.errors)}`));
          if (Date.now() > until) return reject(new Error(`timed out with ${out.events.length}/${n} events`));
          setTimeout(check, 10);
        };
        check();
      }),
    stop: async () => {
      unsubscribe();
      if (!client) await own.dispose();
    },
  };
  const unsubscribe = own.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) out.errors.push(value.errors);
        else out.events.push(value.data as T);
      },
      error: (error) => out.errors.push(error),
      complete: () => (out.completed = true),
    },
  );
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
