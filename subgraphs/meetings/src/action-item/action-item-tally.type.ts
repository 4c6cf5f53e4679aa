import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("ActionItemTally", {
  description: "Action items of one assignee organisation that the caller may see, by state (対応事項の集計).",
})
export class ActionItemTallyType {
  assigneeCode!: string;

  @Field(() => Int, { description: "Open or in progress, not past due (未完了)." })
  open!: number;

  @Field(() => Int, { description: "Past their due date while open or in progress (期限超過)." })
  overdue!: number;

  @Field(() => Int, { description: "Done (完了)." })
  done!: number;
}
