import { Migration } from '@mikro-orm/migrations';

export class Migration20261127181000 extends Migration {

  override name = 'Migration20261127181000';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "hubs";`);
    this.addSql(`create table "hubs"."district" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(100) not null, "council_code" varchar(80) not null, "placeholder" boolean not null default true, "sort_order" int not null, primary key ("id"));`);
    this.addSql(`alter table "hubs"."district" add constraint "district_code_unique" unique ("code");`);

    this.addSql(`create table "hubs"."hub" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(200) not null, "district_id" uuid not null, "operator_code" varchar(80) not null, "opened_fiscal_year" int not null, "closed_fiscal_year" int null, "place" varchar(200) null, "status" text not null default 'ACTIVE', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "hubs"."hub" add constraint "hub_code_unique" unique ("code");`);
    this.addSql(`create index "hub_district_id_index" on "hubs"."hub" ("district_id");`);

    this.addSql(`create table "hubs"."activity" ("id" uuid not null, "hub_id" uuid not null, "starts_at" timestamptz not null, "kind" text not null, "title" varchar(200) null, "participants" int not null, "staff" jsonb not null, "notes" text null, "recorded_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "activity_hub_id_starts_at_index" on "hubs"."activity" ("hub_id", "starts_at");`);

    this.addSql(`create table "hubs"."outbox_event" ("seq" bigserial primary key, "topic" varchar(200) not null, "kind" varchar(60) not null, "payload" jsonb not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "outbox_event_topic_seq_index" on "hubs"."outbox_event" ("topic", "seq");`);

    this.addSql(`create table "hubs"."worry" ("id" uuid not null, "hub_id" uuid not null, "heard_on" date not null, "category" varchar(40) not null, "summary" text not null, "resolution" text not null default 'OPEN', "passed_to_code" varchar(80) null, "resolved_at" timestamptz null, "recorded_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "worry_hub_id_index" on "hubs"."worry" ("hub_id");`);

    this.addSql(`alter table "hubs"."hub" add constraint "hub_district_id_foreign" foreign key ("district_id") references "hubs"."district" ("id");`);
    this.addSql(`alter table "hubs"."hub" add constraint "hub_status_check" check ("status" in ('ACTIVE', 'SUSPENDED', 'CLOSED'));`);

    this.addSql(`alter table "hubs"."activity" add constraint "activity_hub_id_foreign" foreign key ("hub_id") references "hubs"."hub" ("id");`);
    this.addSql(`alter table "hubs"."activity" add constraint "activity_kind_check" check ("kind" in ('SALON', 'EXERCISE', 'PROFESSIONAL_CONSULTATION', 'OTHER'));`);

    this.addSql(`alter table "hubs"."worry" add constraint "worry_hub_id_foreign" foreign key ("hub_id") references "hubs"."hub" ("id");`);
    this.addSql(`alter table "hubs"."worry" add constraint "worry_resolution_check" check ("resolution" in ('OPEN', 'SOLVED_LOCALLY', 'PASSED_ON'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "hubs"."hub" drop constraint "hub_district_id_foreign";`);
    this.addSql(`alter table "hubs"."activity" drop constraint "activity_hub_id_foreign";`);
    this.addSql(`alter table "hubs"."worry" drop constraint "worry_hub_id_foreign";`);

    this.addSql(`drop table if exists "hubs"."district" cascade;`);
    this.addSql(`drop table if exists "hubs"."hub" cascade;`);
    this.addSql(`drop table if exists "hubs"."activity" cascade;`);
    this.addSql(`drop table if exists "hubs"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "hubs"."worry" cascade;`);

    this.addSql(`drop schema if exists "hubs";`);
  }

}
