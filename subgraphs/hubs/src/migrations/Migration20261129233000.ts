import { Migration } from '@mikro-orm/migrations';

export class Migration20261129233000 extends Migration {

  override name = 'Migration20261129233000';

  override up(): void | Promise<void> {
    this.addSql(`create table "hubs"."idempotency_key" ("caller_sub" varchar(200) not null, "key" varchar(200) not null, "operation" varchar(60) not null, "request_hash" varchar(64) not null, "result_id" varchar(200) null, "created_at" timestamptz not null, primary key ("caller_sub", "key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "hubs"."idempotency_key" cascade;`);
  }

}
