import type { TriggerDef } from "@mikro-orm/core";

/**
 * Every committed statement that changes one of a subgraph's tables NOTIFYs `<schema>_changed`
 * (delivered at commit): each process of that subgraph then tells whoever keeps its answers that they
 * are stale (`SharedResponseCache`). Declared on the entity so the schema diff knows the trigger;
 * the function it calls (`<schema>.notify_changed()`) comes from the subgraph's migration.
 */
export const changeNotice = (schema: string, table: string): TriggerDef => ({
  name: "changed",
  timing: "after",
  events: ["insert", "update", "delete", "truncate"],
  forEach: "statement",
  expression: `create trigger "changed" after insert or update or delete or truncate on "${schema}"."${table}" for each statement execute function "${schema}"."notify_changed"()`,
});
