import { Migration } from '@mikro-orm/migrations';

export class Migration20261129164704 extends Migration {

  override name = 'Migration20261129164704';

  override up(): void | Promise<void> {
    this.addSql(`create table "meetings"."calendar_feed" ("id" uuid not null, "organization_code" varchar(80) not null, "token_hash" varchar(64) not null, "label" varchar(100) not null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "calendar_feed_organization_code_index" on "meetings"."calendar_feed" ("organization_code");`);
    this.addSql(`alter table "meetings"."calendar_feed" add constraint "calendar_feed_token_hash_unique" unique ("token_hash");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "meetings"."calendar_feed" cascade;`);
  }

}
