import { Field, ID, InputType, Int } from "type-graphql";

@InputType("UpdateAgendaItemInput", { description: "Changes to an agenda item; omitted fields stay." })
export class UpdateAgendaItemInput {
  @Field(() => ID, { description: "The item." })
  itemId!: string;
  @Field(() => String, { nullable: true, description: "New title." })
  title?: string | null;
  @Field(() => String, { nullable: true, description: "New description (empty clears)." })
  description?: string | null;
  @Field(() => String, { nullable: true, description: "New presenting organisation's code." })
  presenterCode?: string | null;
  @Field(() => Int, { nullable: true, description: "New time allowed." })
  timeboxMinutes?: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "The item's `revision` the caller read; the board sends it. Anything else now (another editor saved meanwhile): nothing is changed, AGENDA_ITEM_CHANGED. Omitted: no check, the last save wins.",
  })
  expectedRevision?: number | null;
}
