import { Migration } from '@mikro-orm/migrations';

/**
 * The gateway's one table: the per-identity request counts of the rate limit shared by every
 * gateway replica (RATE_LIMIT_STORE=postgres; rate-limiter-flexible's layout). The gateway has no
 * migrations of its own; the directory subgraph's run before any gateway serves.
 */
export class Migration20261129164200 extends Migration {

  override name = 'Migration20261129164200';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "gateway";`);
    this.addSql(`create table if not exists "gateway"."rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, primary key ("key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "gateway"."rate_limit";`);
  }

}
