import { BadUserInputError } from "./errors.js";
import { decodeCursor, EventHub } from "./outbox.js";
import type { SubgraphRuntime } from "./boot.js";

/** A GraphQL enum object from a list of values (what type-graphql's `registerEnumType` takes). */
export const enumFrom = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

/** A subscription's `after` argument as a sequence number; `undefined` when absent. */
export function afterCursor(after: string | null | undefined): number | undefined {
  if (after == null) return undefined;
  const seq = decodeCursor(after);
  if (seq === undefined) throw new BadUserInputError("after が正しいカーソルではありません。", "after");
  return seq;
}

/** What a subgraph with an outbox runs once per process: its event hub. */
export interface EventRuntime extends SubgraphRuntime {
  events: EventHub;
}

/** Starts the event hub of a subgraph's outbox (PostgreSQL schema `schema`). */
export const startEventRuntime =
  (schema: string) =>
  async (_em: unknown, databaseUrl: string): Promise<EventRuntime> => {
    const events = new EventHub(schema, databaseUrl);
    await events.start();
    return { events, close: () => events.close() };
  };
