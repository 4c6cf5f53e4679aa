import { Migration } from '@mikro-orm/migrations';

export class Migration20261203082347 extends Migration {

  override name = 'Migration20261203082347';

  override up(): void | Promise<void> {
    this.addSql(`create table "hubs"."hub_status_change" ("id" uuid not null, "hub_id" uuid not null, "status" text not null, "effective_on" date not null, "reason" text null, "recorded_by" varchar(200) not null, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "hub_status_change_hub_id_index" on "hubs"."hub_status_change" ("hub_id");`);

    this.addSql(`alter table "hubs"."hub_status_change" add constraint "hub_status_change_hub_id_foreign" foreign key ("hub_id") references "hubs"."hub" ("id");`);
    this.addSql(`alter table "hubs"."hub_status_change" add constraint "hub_status_change_status_check" check ("status" in ('ACTIVE', 'SUSPENDED', 'CLOSED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "hubs"."hub_status_change" cascade;`);
  }

}
