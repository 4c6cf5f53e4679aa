import { Migration } from '@mikro-orm/migrations';

export class Migration20261129224500 extends Migration {

  override name = 'Migration20261129224500';

  override up(): void | Promise<void> {
    // The calendar's SEQUENCE: one more on every change a calendar shows (time, place, cancellation, agenda).
    this.addSql(`alter table "meetings"."meeting" add column "sequence" int not null default 0;`);
    // Who approved the minutes, as an organisation: the chair at the time, kept when the chair later changes.
    this.addSql(`alter table "meetings"."minutes" add column "approved_by_organization_code" varchar(80) null;`);
    // Minutes approved before this column: only the chair could approve, so the chair's organisation now is the best record.
    this.addSql(`update "meetings"."minutes" m set "approved_by_organization_code" = (select mm."organization_code" from "meetings"."meeting_member" mm where mm."meeting_id" = m."meeting_id" and mm."role" = 'CHAIR' order by mm."position" limit 1) where m."status" = 'APPROVED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."minutes" drop column "approved_by_organization_code";`);
    this.addSql(`alter table "meetings"."meeting" drop column "sequence";`);
  }

}
