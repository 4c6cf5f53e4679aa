import { Migration } from '@mikro-orm/migrations';

/** When a member organisation was (last) invited: a disclosure's check tells a member invited again from one that has left. */
export class Migration20261202153403 extends Migration {

  override name = 'Migration20261202153403';

  override up(): void | Promise<void> {
    this.addSql(`alter table "meetings"."meeting_member" add "joined_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."meeting_member" drop column "joined_at";`);
  }

}
