import { Directive, Field, ID, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { BodyKind } from "../body/body-kind.enum.js";
import { TopicStatus } from "./topic-status.enum.js";

@ObjectType("Topic", {
  description:
    "A de-identified need for a new mechanism (検討課題), raised by a case meeting to a policy body. Never linked to a case or a person.",
})
@Directive('@key(fields: "id")')
export class TopicType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => String, { description: "The need, described without anything that identifies a person." })
  description!: string;

  @Field(() => String, { description: "Category (分類), e.g. 就労, 住まい." })
  category!: string;

  @Field(() => TopicStatus, { description: "Where it stands." })
  status!: keyof typeof TopicStatus;

  @Field(() => BodyKind, { description: "Kind of body it came from." })
  originKind!: keyof typeof BodyKind;

  @Field(() => LocalDateResolver, { description: "When it was raised (Asia/Tokyo)." })
  raisedOn!: string;
}
