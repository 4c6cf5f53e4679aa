import { Migration } from '@mikro-orm/migrations';

export class Migration20261129171818 extends Migration {

  override name = 'Migration20261129171818';

  override up(): void | Promise<void> {
    this.addSql(`alter table "meetings"."meeting" drop constraint "meeting_status_check";`);
    this.addSql(`alter table "meetings"."meeting" add constraint "meeting_status_check" check ("status" in ('SCHEDULED', 'IN_PROGRESS', 'ADJOURNED', 'CLOSED', 'CANCELLED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meetings"."meeting" drop constraint "meeting_status_check";`);
    this.addSql(`alter table "meetings"."meeting" add constraint "meeting_status_check" check ("status" in ('SCHEDULED', 'IN_PROGRESS', 'ADJOURNED', 'CLOSED'));`);
  }

}
