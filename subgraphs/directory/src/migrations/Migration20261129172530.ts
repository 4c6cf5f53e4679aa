import { Migration } from '@mikro-orm/migrations';

/** Every committed change to a directory table NOTIFYs `directory_changed`: shared answers are forgotten (change-notice.ts). */
export class Migration20261129172530 extends Migration {

  override name = 'Migration20261129172530';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "directory"."notify_changed"() returns trigger as \$\$ begin perform pg_notify('directory_changed', tg_table_name); return null; end; \$\$ language plpgsql;`);
    for (const table of ['organization', 'roster', 'roster_member']) {
      this.addSql(`create trigger "changed" after insert or update or delete or truncate on "directory"."${table}" for each statement execute function "directory"."notify_changed"();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['organization', 'roster', 'roster_member']) this.addSql(`drop trigger if exists "changed" on "directory"."${table}";`);
    this.addSql(`drop function if exists "directory"."notify_changed"();`);
  }

}
