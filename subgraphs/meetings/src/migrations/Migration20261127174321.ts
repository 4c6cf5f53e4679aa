import { Migration } from '@mikro-orm/migrations';

export class Migration20261127174321 extends Migration {

  override name = 'Migration20261127174321';

  override up(): void | Promise<void> {
    this.addSql(`create table "meetings"."meeting" ("id" uuid not null, "body_id" uuid not null, "title" varchar(200) not null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "place" varchar(200) null, "confidential" boolean not null default false, "status" text not null default 'SCHEDULED', "current_item_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "meeting_body_id_index" on "meetings"."meeting" ("body_id");`);
    this.addSql(`create index "meeting_starts_at_index" on "meetings"."meeting" ("starts_at");`);

    this.addSql(`create table "meetings"."agenda_item" ("id" uuid not null, "meeting_id" uuid not null, "position" int not null, "kind" text not null, "title" varchar(200) not null, "description" text null, "presenter_code" varchar(80) null, "timebox_minutes" int null, "status" text not null default 'PENDING', "case_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "agenda_item_meeting_id_position_index" on "meetings"."agenda_item" ("meeting_id", "position");`);

    this.addSql(`create table "meetings"."decision" ("id" uuid not null, "item_id" uuid not null, "content" text not null, "recorded_by" varchar(200) not null, "decided_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "decision_item_id_index" on "meetings"."decision" ("item_id");`);

    this.addSql(`create table "meetings"."action_item" ("id" uuid not null, "meeting_id" uuid not null, "item_id" uuid null, "title" varchar(200) not null, "assignee_code" varchar(80) not null, "assignee_person" varchar(100) null, "due_date" date null, "status" text not null default 'OPEN', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "action_item_meeting_id_index" on "meetings"."action_item" ("meeting_id");`);
    this.addSql(`create index "action_item_item_id_index" on "meetings"."action_item" ("item_id");`);
    this.addSql(`create index "action_item_assignee_code_status_index" on "meetings"."action_item" ("assignee_code", "status");`);

    this.addSql(`create table "meetings"."meeting_member" ("id" uuid not null, "meeting_id" uuid not null, "organization_code" varchar(80) not null, "role" text not null default 'MEMBER', "attendance" text not null default 'UNKNOWN', "pledged_at" timestamptz null, "pledged_by" varchar(200) null, "position" int not null, primary key ("id"));`);
    this.addSql(`create index "meeting_member_meeting_id_index" on "meetings"."meeting_member" ("meeting_id");`);
    this.addSql(`create index "meeting_member_organization_code_index" on "meetings"."meeting_member" ("organization_code");`);
    this.addSql(`alter table "meetings"."meeting_member" add constraint "meeting_member_meeting_id_organization_code_unique" unique ("meeting_id", "organization_code");`);

    this.addSql(`create table "meetings"."minutes" ("id" uuid not null, "meeting_id" uuid not null, "content" text not null, "status" text not null default 'DRAFT', "next_review_date" date null, "drafted_by" varchar(200) not null, "updated_at" timestamptz not null, "approved_at" timestamptz null, "approved_by" varchar(200) null, primary key ("id"));`);
    this.addSql(`alter table "meetings"."minutes" add constraint "minutes_meeting_id_unique" unique ("meeting_id");`);

    this.addSql(`create table "meetings"."outbox_event" ("seq" bigserial primary key, "topic" varchar(200) not null, "kind" varchar(60) not null, "payload" jsonb not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "outbox_event_topic_seq_index" on "meetings"."outbox_event" ("topic", "seq");`);

    this.addSql(`create table "meetings"."topic" ("id" uuid not null, "title" varchar(200) not null, "description" text not null, "category" varchar(100) not null, "status" text not null default 'RAISED', "origin_kind" text not null, "raised_on" date not null, "target_body_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "topic_target_body_id_index" on "meetings"."topic" ("target_body_id");`);

    this.addSql(`alter table "meetings"."meeting" add constraint "meeting_body_id_foreign" foreign key ("body_id") references "meetings"."meeting_body" ("id");`);
    this.addSql(`alter table "meetings"."meeting" add constraint "meeting_status_check" check ("status" in ('SCHEDULED', 'IN_PROGRESS', 'ADJOURNED', 'CLOSED'));`);

    this.addSql(`alter table "meetings"."agenda_item" add constraint "agenda_item_meeting_id_foreign" foreign key ("meeting_id") references "meetings"."meeting" ("id");`);
    this.addSql(`alter table "meetings"."agenda_item" add constraint "agenda_item_kind_check" check ("kind" in ('CASE', 'TOPIC', 'REPORT'));`);
    this.addSql(`alter table "meetings"."agenda_item" add constraint "agenda_item_status_check" check ("status" in ('PENDING', 'CURRENT', 'DONE', 'DEFERRED'));`);

    this.addSql(`alter table "meetings"."decision" add constraint "decision_item_id_foreign" foreign key ("item_id") references "meetings"."agenda_item" ("id");`);

    this.addSql(`alter table "meetings"."action_item" add constraint "action_item_meeting_id_foreign" foreign key ("meeting_id") references "meetings"."meeting" ("id");`);
    this.addSql(`alter table "meetings"."action_item" add constraint "action_item_item_id_foreign" foreign key ("item_id") references "meetings"."agenda_item" ("id") on delete set null;`);
    this.addSql(`alter table "meetings"."action_item" add constraint "action_item_status_check" check ("status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'));`);

    this.addSql(`alter table "meetings"."meeting_member" add constraint "meeting_member_meeting_id_foreign" foreign key ("meeting_id") references "meetings"."meeting" ("id");`);
    this.addSql(`alter table "meetings"."meeting_member" add constraint "meeting_member_role_check" check ("role" in ('CHAIR', 'SECRETARY', 'MEMBER'));`);
    this.addSql(`alter table "meetings"."meeting_member" add constraint "meeting_member_attendance_check" check ("attendance" in ('UNKNOWN', 'PRESENT', 'ABSENT'));`);

    this.addSql(`alter table "meetings"."minutes" add constraint "minutes_meeting_id_foreign" foreign key ("meeting_id") references "meetings"."meeting" ("id");`);
    this.addSql(`alter table "meetings"."minutes" add constraint "minutes_status_check" check ("status" in ('DRAFT', 'APPROVED'));`);

    this.addSql(`alter table "meetings"."topic" add constraint "topic_target_body_id_foreign" foreign key ("target_body_id") references "meetings"."meeting_body" ("id");`);
    this.addSql(`alter table "meetings"."topic" add constraint "topic_status_check" check ("status" in ('RAISED', 'UNDER_DISCUSSION', 'ADOPTED', 'DECLINED'));`);
    this.addSql(`alter table "meetings"."topic" add constraint "topic_origin_kind_check" check ("origin_kind" in ('SUPPORT_MEETING', 'MULTI_LAYERED_SUPPORT_MEETING', 'MARUGOTO_COUNCIL', 'MARUGOTO_WORKING_GROUP', 'INTERNAL_WORKING_GROUP'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."agenda_item" drop constraint "agenda_item_meeting_id_foreign";`);
    this.addSql(`alter table "meetings"."action_item" drop constraint "action_item_meeting_id_foreign";`);
    this.addSql(`alter table "meetings"."meeting_member" drop constraint "meeting_member_meeting_id_foreign";`);
    this.addSql(`alter table "meetings"."minutes" drop constraint "minutes_meeting_id_foreign";`);
    this.addSql(`alter table "meetings"."decision" drop constraint "decision_item_id_foreign";`);
    this.addSql(`alter table "meetings"."action_item" drop constraint "action_item_item_id_foreign";`);

    this.addSql(`drop table if exists "meetings"."meeting" cascade;`);
    this.addSql(`drop table if exists "meetings"."agenda_item" cascade;`);
    this.addSql(`drop table if exists "meetings"."decision" cascade;`);
    this.addSql(`drop table if exists "meetings"."action_item" cascade;`);
    this.addSql(`drop table if exists "meetings"."meeting_member" cascade;`);
    this.addSql(`drop table if exists "meetings"."minutes" cascade;`);
    this.addSql(`drop table if exists "meetings"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "meetings"."topic" cascade;`);
  }

}
