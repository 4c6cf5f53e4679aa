import { Migration } from '@mikro-orm/migrations';

export class Migration20261127181334 extends Migration {

  override name = 'Migration20261127181334';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "cases";`);
    this.addSql(`create table "cases"."audit_entry" ("seq" bigserial primary key, "at" timestamptz not null, "subject" varchar(200) not null, "organization_code" varchar(80) not null, "case_id" uuid not null, "ground" text not null, "operation" varchar(200) not null, "flagged" boolean not null default false);`);
    this.addSql(`create index "audit_entry_case_id_at_index" on "cases"."audit_entry" ("case_id", "at");`);
    this.addSql(`create index "audit_entry_organization_code_at_index" on "cases"."audit_entry" ("organization_code", "at");`);

    this.addSql(`create table "cases"."household" ("id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "cases"."outbox_event" ("seq" bigserial primary key, "topic" varchar(200) not null, "kind" varchar(60) not null, "payload" jsonb not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "outbox_event_topic_seq_index" on "cases"."outbox_event" ("topic", "seq");`);

    this.addSql(`create table "cases"."participation_site" ("id" uuid not null, "code" varchar(80) not null, "name" varchar(200) not null, "kind" text not null, "organization_code" varchar(80) null, "active" boolean not null default true, "joined_on" date not null, primary key ("id"));`);
    this.addSql(`alter table "cases"."participation_site" add constraint "participation_site_code_unique" unique ("code");`);

    this.addSql(`create table "cases"."person" ("id" uuid not null, "pseudonym" varchar(60) not null, "name" varchar(100) null, "name_kana" varchar(100) null, "sex" text not null default 'UNKNOWN', "birth_date" date null, "address" varchar(300) null, "phone" varchar(40) null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "cases"."household_member" ("id" uuid not null, "household_id" uuid not null, "person_id" uuid not null, "relation" varchar(40) not null, primary key ("id"));`);
    this.addSql(`create index "household_member_household_id_index" on "cases"."household_member" ("household_id");`);
    this.addSql(`alter table "cases"."household_member" add constraint "household_member_household_id_person_id_unique" unique ("household_id", "person_id");`);

    this.addSql(`create table "cases"."support_case" ("id" uuid not null, "case_number" varchar(30) not null, "household_id" uuid not null, "main_person_id" uuid not null, "status" text not null default 'RECEIVED', "complex" boolean null, "next_review_date" date null, "opened_on" date not null, "closed_at" timestamptz null, "collaboration_ended_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "cases"."support_case" add constraint "support_case_case_number_unique" unique ("case_number");`);

    this.addSql(`create table "cases"."monitoring" ("id" uuid not null, "case_id" uuid not null, "date" date not null, "goals_met" boolean not null, "evaluation" text not null, "outcome" text null, "recorded_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "monitoring_case_id_index" on "cases"."monitoring" ("case_id");`);

    this.addSql(`create table "cases"."disclosure" ("id" uuid not null, "case_id" uuid not null, "kind" text not null, "meeting_id" uuid not null, "organization_codes" jsonb not null, "purpose" varchar(300) not null, "disclosed_by" varchar(200) not null, "disclosed_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "disclosure_case_id_index" on "cases"."disclosure" ("case_id");`);

    this.addSql(`create table "cases"."consultation" ("id" uuid not null, "case_id" uuid not null, "received_on" date not null, "received_by_code" varchar(80) not null, "taken_by" varchar(100) not null, "source_kind" text not null, "source_hub_id" uuid null, "visitor" varchar(100) null, "visitor_relation" varchar(40) null, "problem_areas" jsonb not null, "main_problem_area" text not null, "narrative" text null, "consent_answer" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "consultation_case_id_index" on "cases"."consultation" ("case_id");`);

    this.addSql(`create table "cases"."consent" ("id" uuid not null, "case_id" uuid not null, "organization_codes" jsonb not null, "info_kinds" jsonb not null, "covers_multi_layered_meeting" boolean not null default false, "given_on" date not null, "recorded_by" varchar(200) not null, "withdrawn_at" timestamptz null, "withdrawn_by" varchar(200) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "consent_case_id_index" on "cases"."consent" ("case_id");`);

    this.addSql(`create table "cases"."case_transition" ("id" uuid not null, "case_id" uuid not null, "from_status" text null, "to_status" text not null, "reason" text null, "actor" varchar(200) not null, "actor_org" varchar(80) not null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "case_transition_case_id_index" on "cases"."case_transition" ("case_id");`);

    this.addSql(`create table "cases"."break_glass" ("id" uuid not null, "case_id" uuid not null, "subject" varchar(200) not null, "organization_code" varchar(80) not null, "reason" text not null, "granted_at" timestamptz not null, "expires_at" timestamptz not null, "reviewed_at" timestamptz null, "reviewed_by" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "break_glass_case_id_index" on "cases"."break_glass" ("case_id");`);

    this.addSql(`create table "cases"."assignment" ("id" uuid not null, "case_id" uuid not null, "organization_code" varchar(80) not null, "role" text not null, "assigned_by" varchar(200) not null, "assigned_at" timestamptz not null, "ended_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "assignment_case_id_index" on "cases"."assignment" ("case_id");`);
    this.addSql(`create index "assignment_organization_code_ended_at_index" on "cases"."assignment" ("organization_code", "ended_at");`);

    this.addSql(`create table "cases"."assessment" ("id" uuid not null, "case_id" uuid not null, "household" text null, "work" text null, "housing" text null, "insurance" text null, "pension" text null, "problems" jsonb not null, "recorded_by" varchar(200) not null, "recorded_by_org" varchar(80) not null, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "assessment_case_id_index" on "cases"."assessment" ("case_id");`);

    this.addSql(`create table "cases"."placement" ("id" uuid not null, "case_id" uuid not null, "person_id" uuid not null, "site_id" uuid not null, "started_on" date not null, "ended_on" date null, "last_monitored_on" date null, "created_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "placement_case_id_index" on "cases"."placement" ("case_id");`);
    this.addSql(`create index "placement_site_id_index" on "cases"."placement" ("site_id");`);

    this.addSql(`create table "cases"."progress_entry" ("id" uuid not null, "case_id" uuid not null, "date" date not null, "method" text not null, "staff" varchar(100) not null, "organization_code" varchar(80) not null, "content" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "progress_entry_case_id_index" on "cases"."progress_entry" ("case_id");`);

    this.addSql(`create table "cases"."referral" ("id" uuid not null, "case_id" uuid not null, "from_code" varchar(80) not null, "to_code" varchar(80) not null, "note" text null, "status" text not null default 'SENT', "decline_reason" text null, "sent_at" timestamptz not null, "responded_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "referral_case_id_index" on "cases"."referral" ("case_id");`);
    this.addSql(`create index "referral_to_code_index" on "cases"."referral" ("to_code");`);

    this.addSql(`create table "cases"."support_plan" ("id" uuid not null, "case_id" uuid not null, "version" int not null, "goals" text not null, "direction" text not null, "roles" jsonb not null, "refer_participation_support" boolean not null default false, "refer_outreach" boolean not null default false, "person_agreed" boolean not null default false, "agreed_on" date null, "recorded_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "support_plan_case_id_index" on "cases"."support_plan" ("case_id");`);

    this.addSql(`create table "cases"."work_session" ("id" uuid not null, "placement_id" uuid not null, "date" date not null, "fee_yen" int not null, "recorded_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "work_session_placement_id_index" on "cases"."work_session" ("placement_id");`);
    this.addSql(`alter table "cases"."work_session" add constraint "work_session_placement_id_date_unique" unique ("placement_id", "date");`);

    this.addSql(`alter table "cases"."audit_entry" add constraint "audit_entry_ground_check" check ("ground" in ('ASSIGNMENT', 'CONSENT', 'SUPPORT_MEETING', 'MULTI_LAYERED_SUPPORT_MEETING', 'BREAK_GLASS'));`);
    this.addSql(`create or replace function "cases"."audit_entry_audit_entry_no_change_fn"() returns trigger as \$\$ begin raise exception 'audit_entry is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "audit_entry_no_change" BEFORE UPDATE OR DELETE on "cases"."audit_entry" for each ROW execute function "cases"."audit_entry_audit_entry_no_change_fn"();`);

    this.addSql(`alter table "cases"."participation_site" add constraint "participation_site_kind_check" check ("kind" in ('WELFARE_FACILITY', 'NON_WELFARE_PARTNER'));`);

    this.addSql(`alter table "cases"."person" add constraint "person_sex_check" check ("sex" in ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN'));`);

    this.addSql(`alter table "cases"."household_member" add constraint "household_member_household_id_foreign" foreign key ("household_id") references "cases"."household" ("id");`);
    this.addSql(`alter table "cases"."household_member" add constraint "household_member_person_id_foreign" foreign key ("person_id") references "cases"."person" ("id");`);

    this.addSql(`alter table "cases"."support_case" add constraint "support_case_household_id_foreign" foreign key ("household_id") references "cases"."household" ("id");`);
    this.addSql(`alter table "cases"."support_case" add constraint "support_case_main_person_id_foreign" foreign key ("main_person_id") references "cases"."person" ("id");`);
    this.addSql(`alter table "cases"."support_case" add constraint "support_case_status_check" check ("status" in ('RECEIVED', 'ACCEPTED', 'ASSESSMENT', 'PLANNING', 'IN_CONFERENCE', 'DECIDED', 'IN_SUPPORT', 'MONITORING', 'EVALUATION', 'SUSPENDED', 'COLLABORATION_ENDED', 'CLOSED'));`);

    this.addSql(`alter table "cases"."monitoring" add constraint "monitoring_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."monitoring" add constraint "monitoring_outcome_check" check ("outcome" in ('CLOSE', 'CONTINUE', 'REPLAN', 'SUSPEND', 'END_COLLABORATION'));`);

    this.addSql(`alter table "cases"."disclosure" add constraint "disclosure_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."disclosure" add constraint "disclosure_kind_check" check ("kind" in ('SUPPORT_MEETING', 'MULTI_LAYERED_SUPPORT_MEETING'));`);

    this.addSql(`alter table "cases"."consultation" add constraint "consultation_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."consultation" add constraint "consultation_source_kind_check" check ("source_kind" in ('AGENCY', 'CITY_SECTION', 'HUB', 'WELFARE_COMMISSIONER', 'OTHER'));`);
    this.addSql(`alter table "cases"."consultation" add constraint "consultation_main_problem_area_check" check ("main_problem_area" in ('LIVELIHOOD', 'DEBT', 'EMPLOYMENT', 'HOUSING', 'HEALTH', 'MENTAL_HEALTH', 'DISABILITY', 'ELDERLY_CARE', 'CHILD_REARING', 'ABUSE', 'WITHDRAWAL', 'FAMILY', 'OTHER'));`);
    this.addSql(`alter table "cases"."consultation" add constraint "consultation_consent_answer_check" check ("consent_answer" in ('GIVEN', 'REFUSED', 'NOT_ASKED'));`);

    this.addSql(`alter table "cases"."consent" add constraint "consent_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);

    this.addSql(`alter table "cases"."case_transition" add constraint "case_transition_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."case_transition" add constraint "case_transition_from_status_check" check ("from_status" in ('RECEIVED', 'ACCEPTED', 'ASSESSMENT', 'PLANNING', 'IN_CONFERENCE', 'DECIDED', 'IN_SUPPORT', 'MONITORING', 'EVALUATION', 'SUSPENDED', 'COLLABORATION_ENDED', 'CLOSED'));`);
    this.addSql(`alter table "cases"."case_transition" add constraint "case_transition_to_status_check" check ("to_status" in ('RECEIVED', 'ACCEPTED', 'ASSESSMENT', 'PLANNING', 'IN_CONFERENCE', 'DECIDED', 'IN_SUPPORT', 'MONITORING', 'EVALUATION', 'SUSPENDED', 'COLLABORATION_ENDED', 'CLOSED'));`);

    this.addSql(`alter table "cases"."break_glass" add constraint "break_glass_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);

    this.addSql(`alter table "cases"."assignment" add constraint "assignment_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."assignment" add constraint "assignment_role_check" check ("role" in ('LEAD', 'COORDINATOR', 'SUPPORT'));`);

    this.addSql(`alter table "cases"."assessment" add constraint "assessment_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);

    this.addSql(`alter table "cases"."placement" add constraint "placement_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."placement" add constraint "placement_person_id_foreign" foreign key ("person_id") references "cases"."person" ("id");`);
    this.addSql(`alter table "cases"."placement" add constraint "placement_site_id_foreign" foreign key ("site_id") references "cases"."participation_site" ("id");`);

    this.addSql(`alter table "cases"."progress_entry" add constraint "progress_entry_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."progress_entry" add constraint "progress_entry_method_check" check ("method" in ('VISIT', 'PHONE', 'OFFICE', 'MEETING', 'ACCOMPANIMENT', 'OTHER'));`);

    this.addSql(`alter table "cases"."referral" add constraint "referral_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);
    this.addSql(`alter table "cases"."referral" add constraint "referral_status_check" check ("status" in ('SENT', 'ACCEPTED', 'DECLINED'));`);

    this.addSql(`alter table "cases"."support_plan" add constraint "support_plan_case_id_foreign" foreign key ("case_id") references "cases"."support_case" ("id");`);

    this.addSql(`alter table "cases"."work_session" add constraint "work_session_placement_id_foreign" foreign key ("placement_id") references "cases"."placement" ("id");`);

    // Case numbers: one sequence, never reused.
    this.addSql(`create sequence if not exists "cases"."case_number_seq";`);
    // TRUNCATE bypasses row triggers: refuse it too (a statement trigger, outside the entity metadata).
    this.addSql(`create or replace function "cases"."audit_entry_no_truncate_fn"() returns trigger as $$ begin raise exception 'audit_entry is append-only'; end; $$ language plpgsql;`);
    this.addSql(`create trigger "audit_entry_no_truncate" before truncate on "cases"."audit_entry" for each statement execute function "cases"."audit_entry_no_truncate_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_entry_no_truncate" on "cases"."audit_entry";`);
    this.addSql(`drop function if exists "cases"."audit_entry_no_truncate_fn"();`);
    this.addSql(`drop sequence if exists "cases"."case_number_seq";`);
    this.addSql(`alter table "cases"."household_member" drop constraint "household_member_household_id_foreign";`);
    this.addSql(`alter table "cases"."support_case" drop constraint "support_case_household_id_foreign";`);
    this.addSql(`alter table "cases"."placement" drop constraint "placement_site_id_foreign";`);
    this.addSql(`alter table "cases"."household_member" drop constraint "household_member_person_id_foreign";`);
    this.addSql(`alter table "cases"."support_case" drop constraint "support_case_main_person_id_foreign";`);
    this.addSql(`alter table "cases"."placement" drop constraint "placement_person_id_foreign";`);
    this.addSql(`alter table "cases"."monitoring" drop constraint "monitoring_case_id_foreign";`);
    this.addSql(`alter table "cases"."disclosure" drop constraint "disclosure_case_id_foreign";`);
    this.addSql(`alter table "cases"."consultation" drop constraint "consultation_case_id_foreign";`);
    this.addSql(`alter table "cases"."consent" drop constraint "consent_case_id_foreign";`);
    this.addSql(`alter table "cases"."case_transition" drop constraint "case_transition_case_id_foreign";`);
    this.addSql(`alter table "cases"."break_glass" drop constraint "break_glass_case_id_foreign";`);
    this.addSql(`alter table "cases"."assignment" drop constraint "assignment_case_id_foreign";`);
    this.addSql(`alter table "cases"."assessment" drop constraint "assessment_case_id_foreign";`);
    this.addSql(`alter table "cases"."placement" drop constraint "placement_case_id_foreign";`);
    this.addSql(`alter table "cases"."progress_entry" drop constraint "progress_entry_case_id_foreign";`);
    this.addSql(`alter table "cases"."referral" drop constraint "referral_case_id_foreign";`);
    this.addSql(`alter table "cases"."support_plan" drop constraint "support_plan_case_id_foreign";`);
    this.addSql(`alter table "cases"."work_session" drop constraint "work_session_placement_id_foreign";`);

    this.addSql(`drop trigger if exists "audit_entry_no_change" on "cases"."audit_entry";`);
    this.addSql(`drop function if exists "cases"."audit_entry_audit_entry_no_change_fn"();`);
    this.addSql(`drop table if exists "cases"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "cases"."household" cascade;`);
    this.addSql(`drop table if exists "cases"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "cases"."participation_site" cascade;`);
    this.addSql(`drop table if exists "cases"."person" cascade;`);
    this.addSql(`drop table if exists "cases"."household_member" cascade;`);
    this.addSql(`drop table if exists "cases"."support_case" cascade;`);
    this.addSql(`drop table if exists "cases"."monitoring" cascade;`);
    this.addSql(`drop table if exists "cases"."disclosure" cascade;`);
    this.addSql(`drop table if exists "cases"."consultation" cascade;`);
    this.addSql(`drop table if exists "cases"."consent" cascade;`);
    this.addSql(`drop table if exists "cases"."case_transition" cascade;`);
    this.addSql(`drop table if exists "cases"."break_glass" cascade;`);
    this.addSql(`drop table if exists "cases"."assignment" cascade;`);
    this.addSql(`drop table if exists "cases"."assessment" cascade;`);
    this.addSql(`drop table if exists "cases"."placement" cascade;`);
    this.addSql(`drop table if exists "cases"."progress_entry" cascade;`);
    this.addSql(`drop table if exists "cases"."referral" cascade;`);
    this.addSql(`drop table if exists "cases"."support_plan" cascade;`);
    this.addSql(`drop table if exists "cases"."work_session" cascade;`);

    this.addSql(`drop schema if exists "cases";`);
  }

}
