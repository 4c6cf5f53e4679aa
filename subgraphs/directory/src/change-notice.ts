import type { TriggerDef } from "@mikro-orm/core";

/**
 * Every committed statement that changes a directory table NOTIFYs `directory_changed` (delivered at
 * commit): each directory process then forgets the answers it shares between callers
 * (`SharedResponseCache`). The function `directory.notify_changed()` comes from
 * Migration20261129172530; the trigger is declared here so the schema diff knows it.
 */
export const changeNotice = (table: string): TriggerDef => ({
  name: "changed",
  timing: "after",
  events: ["insert", "update", "delete", "truncate"],
  forEach: "statement",
  expression: `create trigger "changed" after insert or update or delete or truncate on "directory"."${table}" for each statement execute function "directory"."notify_changed"()`,
});
