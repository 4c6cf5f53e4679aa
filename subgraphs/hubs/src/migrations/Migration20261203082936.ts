import { Migration } from '@mikro-orm/migrations';

export class Migration20261203082936 extends Migration {

  override name = 'Migration20261203082936';

  override up(): void | Promise<void> {
    this.addSql(`alter table "hubs"."hub" add "opened_on" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "hubs"."hub" drop column "opened_on";`);
  }

}
