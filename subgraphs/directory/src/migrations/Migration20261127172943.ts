import { Migration } from '@mikro-orm/migrations';

export class Migration20261127172943 extends Migration {

  override name = 'Migration20261127172943';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "directory";`);
    this.addSql(`create table "directory"."organization" ("id" uuid not null, "code" varchar(80) not null, "name" varchar(200) not null, "kind" text not null, "agency_kind" text null, "placeholder" boolean not null default false, "sort_order" int not null default 0, "parent_id" uuid null, "operated_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "directory"."organization" add constraint "organization_code_unique" unique ("code");`);
    this.addSql(`create index "organization_kind_index" on "directory"."organization" ("kind");`);
    this.addSql(`create index "organization_parent_id_index" on "directory"."organization" ("parent_id");`);

    this.addSql(`create table "directory"."roster" ("id" uuid not null, "code" varchar(80) not null, "name" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "directory"."roster" add constraint "roster_code_unique" unique ("code");`);

    this.addSql(`create table "directory"."roster_member" ("id" uuid not null, "roster_id" uuid not null, "organization_id" uuid not null, "role" text not null default 'MEMBER', "title" varchar(200) null, "position" int not null, primary key ("id"));`);
    this.addSql(`create index "roster_member_roster_id_index" on "directory"."roster_member" ("roster_id");`);
    this.addSql(`alter table "directory"."roster_member" add constraint "roster_member_roster_id_organization_id_unique" unique ("roster_id", "organization_id");`);

    this.addSql(`alter table "directory"."organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "directory"."organization" ("id") on delete set null;`);
    this.addSql(`alter table "directory"."organization" add constraint "organization_operated_by_id_foreign" foreign key ("operated_by_id") references "directory"."organization" ("id") on delete set null;`);
    this.addSql(`alter table "directory"."organization" add constraint "organization_kind_check" check ("kind" in ('DEPARTMENT', 'CITY_SECTION', 'SOCIAL_WELFARE_COUNCIL', 'CONSULTATION_AGENCY', 'DISTRICT_COUNCIL', 'WELFARE_FACILITY'));`);
    this.addSql(`alter table "directory"."organization" add constraint "organization_agency_kind_check" check ("agency_kind" in ('CORE_COMMUNITY_GENERAL_SUPPORT_CENTER', 'COMMUNITY_GENERAL_SUPPORT_CENTER', 'DISABILITY_CONSULTATION_CENTER', 'ADULT_GUARDIANSHIP_CENTER', 'SELF_RELIANCE_SUPPORT_AGENCY'));`);

    this.addSql(`alter table "directory"."roster_member" add constraint "roster_member_roster_id_foreign" foreign key ("roster_id") references "directory"."roster" ("id");`);
    this.addSql(`alter table "directory"."roster_member" add constraint "roster_member_organization_id_foreign" foreign key ("organization_id") references "directory"."organization" ("id");`);
    this.addSql(`alter table "directory"."roster_member" add constraint "roster_member_role_check" check ("role" in ('CHAIR', 'MEMBER'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "directory"."organization" drop constraint "organization_parent_id_foreign";`);
    this.addSql(`alter table "directory"."organization" drop constraint "organization_operated_by_id_foreign";`);
    this.addSql(`alter table "directory"."roster_member" drop constraint "roster_member_organization_id_foreign";`);
    this.addSql(`alter table "directory"."roster_member" drop constraint "roster_member_roster_id_foreign";`);

    this.addSql(`drop table if exists "directory"."organization" cascade;`);
    this.addSql(`drop table if exists "directory"."roster" cascade;`);
    this.addSql(`drop table if exists "directory"."roster_member" cascade;`);

    this.addSql(`drop schema if exists "directory";`);
  }

}
