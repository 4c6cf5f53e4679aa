import { Migration } from '@mikro-orm/migrations';

/** The tables whose changes change the subgraph's answers (not its idempotency keys; its outbox rows come with a change of these). */
const TABLES = ['meeting_body', 'body_member', 'meeting', 'meeting_member', 'agenda_item', 'decision', 'action_item', 'minutes', 'topic', 'calendar_feed'];

/** Every committed change to a meetings table NOTIFYs `meetings_changed`: the gateway drops the meetings answers it keeps (`meetingsDataChanged`). */
export class Migration20261130180000 extends Migration {

  override name = 'Migration20261130180000';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "meetings"."notify_changed"() returns trigger as \$\$ begin perform pg_notify('meetings_changed', tg_table_name); return null; end; \$\$ language plpgsql;`);
    for (const table of TABLES) {
      this.addSql(`create trigger "changed" after insert or update or delete or truncate on "meetings"."${table}" for each statement execute function "meetings"."notify_changed"();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger if exists "changed" on "meetings"."${table}";`);
    this.addSql(`drop function if exists "meetings"."notify_changed"();`);
  }

}
