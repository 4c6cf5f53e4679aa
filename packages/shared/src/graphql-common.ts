import { BadUserInputError } from "./errors.js";
import { decodeCursor } from "./cursor.js";
import { EventHub } from "./outbox.js";
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

/**
 * The `markCaughtUp` argument of every subscription that takes `after` (type-graphql `@Arg` options;
 * the field passes it on to `EventHub.subscribe`). `what` says what the `CAUGHT_UP` event carries.
 */
export const markCaughtUpArg = (what = "its cursor only") =>
  ({
    defaultValue: false,
    description: `With \`after\`: end the replay with one \`CAUGHT_UP\` event, whose cursor is the last replayed event's (or \`after\` itself when nothing was missed), carrying ${what}; every event after it is live. Without \`after\`, nothing is replayed and no \`CAUGHT_UP\` comes.`,
  }) as const;

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
