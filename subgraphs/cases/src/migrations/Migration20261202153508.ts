import { Migration } from '@mikro-orm/migrations';

/** Organisations that left a case meeting: a disclosure checked against the meeting just before the removal is refused for them. */
export class Migration20261202153508 extends Migration {

  override name = 'Migration20261202153508';

  override up(): void | Promise<void> {
    this.addSql(`create table "cases"."meeting_departure" ("id" uuid not null, "meeting_id" uuid not null, "organization_code" varchar(80) not null, "departed_at" timestamptz not null, "recorded_by" varchar(200) not null, primary key ("id"));`);
    this.addSql(`create index "meeting_departure_meeting_id_organization_code_index" on "cases"."meeting_departure" ("meeting_id", "organization_code");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "cases"."meeting_departure" cascade;`);
  }

}
