import { Migration } from '@mikro-orm/migrations';

export class Migration20261127172945 extends Migration {

  override name = 'Migration20261127172945';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "meetings";`);
    this.addSql(`create table "meetings"."meeting_body" ("id" uuid not null, "code" varchar(80) not null, "kind" text not null, "name" varchar(200) not null, "legal_basis" varchar(200) null, "topic" varchar(200) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "meetings"."meeting_body" add constraint "meeting_body_code_unique" unique ("code");`);
    this.addSql(`create index "meeting_body_kind_index" on "meetings"."meeting_body" ("kind");`);

    this.addSql(`create table "meetings"."body_member" ("id" uuid not null, "body_id" uuid not null, "organization_code" varchar(80) not null, "role" text not null default 'MEMBER', "position" int not null, primary key ("id"));`);
    this.addSql(`create index "body_member_body_id_index" on "meetings"."body_member" ("body_id");`);
    this.addSql(`create index "body_member_organization_code_index" on "meetings"."body_member" ("organization_code");`);
    this.addSql(`alter table "meetings"."body_member" add constraint "body_member_body_id_organization_code_unique" unique ("body_id", "organization_code");`);

    this.addSql(`alter table "meetings"."meeting_body" add constraint "meeting_body_kind_check" check ("kind" in ('SUPPORT_MEETING', 'MULTI_LAYERED_SUPPORT_MEETING', 'MARUGOTO_COUNCIL', 'MARUGOTO_WORKING_GROUP', 'INTERNAL_WORKING_GROUP'));`);

    this.addSql(`alter table "meetings"."body_member" add constraint "body_member_body_id_foreign" foreign key ("body_id") references "meetings"."meeting_body" ("id");`);
    this.addSql(`alter table "meetings"."body_member" add constraint "body_member_role_check" check ("role" in ('CHAIR', 'SECRETARIAT', 'MEMBER'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."body_member" drop constraint "body_member_body_id_foreign";`);

    this.addSql(`drop table if exists "meetings"."meeting_body" cascade;`);
    this.addSql(`drop table if exists "meetings"."body_member" cascade;`);

    this.addSql(`drop schema if exists "meetings";`);
  }

}
