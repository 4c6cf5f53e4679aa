import { ObjectType, Field } from "type-graphql";

@ObjectType("Roster", {
  description:
    "The standing membership of a body (構成員名簿), e.g. 福祉まるごと会議 or 庁内ワーキンググループ. Data, not code: it can change.",
})
export class RosterType {
  @Field(() => String, { description: "Stable code, e.g. `marugoto-council`." })
  code!: string;

  @Field(() => String, { description: "Japanese name of the body." })
  name!: string;
}
