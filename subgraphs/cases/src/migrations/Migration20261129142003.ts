import { Migration } from '@mikro-orm/migrations';

export class Migration20261129142003 extends Migration {

  override name = 'Migration20261129142003';

  override up(): void | Promise<void> {
    this.addSql(`alter table "cases"."break_glass" add "review_outcome" text null;`);
    this.addSql(`alter table "cases"."break_glass" add constraint "break_glass_review_outcome_check" check ("review_outcome" in ('APPROPRIATE', 'END_ACCESS'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "cases"."break_glass" drop constraint "break_glass_review_outcome_check";`);
    this.addSql(`alter table "cases"."break_glass" drop column "review_outcome";`);
  }

}
