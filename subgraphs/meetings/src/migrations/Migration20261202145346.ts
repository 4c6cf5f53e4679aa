import { Migration } from '@mikro-orm/migrations';

/** Confidentiality pledges kept as a lasting record (the duty outlives membership), the pledges already given copied in. */
export class Migration20261202145346 extends Migration {

  override name = 'Migration20261202145346';

  override up(): void | Promise<void> {
    this.addSql(`create table "meetings"."confidentiality_pledge" ("id" uuid not null, "meeting_id" uuid not null, "organization_code" varchar(80) not null, "pledged_at" timestamptz not null, "pledged_by" varchar(200) not null, primary key ("id"));`);
    this.addSql(`create index "confidentiality_pledge_meeting_id_index" on "meetings"."confidentiality_pledge" ("meeting_id");`);
    this.addSql(`alter table "meetings"."confidentiality_pledge" add constraint "confidentiality_pledge_meeting_id_organization_code_unique" unique ("meeting_id", "organization_code");`);

    this.addSql(`alter table "meetings"."confidentiality_pledge" add constraint "confidentiality_pledge_meeting_id_foreign" foreign key ("meeting_id") references "meetings"."meeting" ("id");`);
    this.addSql(`create trigger "changed" after insert or update or delete or truncate on "meetings"."confidentiality_pledge" for each statement execute function "meetings"."notify_changed"();`);
    this.addSql(`insert into "meetings"."confidentiality_pledge" ("id", "meeting_id", "organization_code", "pledged_at", "pledged_by") select gen_random_uuid(), "meeting_id", "organization_code", "pledged_at", coalesce("pledged_by", '') from "meetings"."meeting_member" where "pledged_at" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "changed" on "meetings"."confidentiality_pledge";`);
    this.addSql(`drop function if exists "meetings"."confidentiality_pledge_changed_fn"();`);
    this.addSql(`drop table if exists "meetings"."confidentiality_pledge" cascade;`);
  }

}
