import { Directive, Field, ID, ObjectType } from "type-graphql";
import { BodyKind } from "./body-kind.enum.js";

@ObjectType("MeetingBody", { description: "A meeting body (会議体): the standing body whose sittings are meetings." })
@Directive('@key(fields: "id")')
export class MeetingBodyType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => String, { description: "Stable code, e.g. `marugoto-council`." })
  code!: string;

  @Field(() => BodyKind, { description: "Kind of body." })
  kind!: keyof typeof BodyKind;

  @Field(() => String, { description: "Japanese name (名称)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Legal basis (根拠), e.g. 社会福祉法第106条の6." })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: "For a working group convened per topic: its topic (テーマ)." })
  topic?: string | null;

  @Field(() => Boolean, { description: "Whether its meetings may handle individual cases (個別ケース). Fixed by kind." })
  handlesIndividualCases!: boolean;
}
