import { Migration } from '@mikro-orm/migrations';

/** Agenda items carry a revision of their contents, one more at every edit: an editor saves only over the contents they read. */
export class Migration20261202120000 extends Migration {

  override name = 'Migration20261202120000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "meetings"."agenda_item" add column "revision" int not null default 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."agenda_item" drop column "revision";`);
  }

}
