import { Field, ID, InputType } from "type-graphql";

@InputType("RaiseTopicInput", {
  description: "A need seen in individual cases, raised to a policy body. There is deliberately no field for a case or a person.",
})
export class RaiseTopicInput {
  @Field(() => ID, { description: "The case meeting raising it (not stored on the topic)." })
  meetingId!: string;
  @Field(() => String, { description: "Target body's code: 福祉まるごと会議 or a working group." })
  targetBodyCode!: string;
  @Field(() => String, { description: "Title." })
  title!: string;
  @Field(() => String, { description: "The need, without anything that identifies a person." })
  description!: string;
  @Field(() => String, { description: "Category (分類)." })
  category!: string;
}
