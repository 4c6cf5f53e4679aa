import { Migration } from '@mikro-orm/migrations';

/** Minutes carry a revision, one more at every draft: an editor saves over, and the chair approves, only the text they read. */
export class Migration20261202090000 extends Migration {

  override name = 'Migration20261202090000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "meetings"."minutes" add column "revision" int not null default 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."minutes" drop column "revision";`);
  }

}
