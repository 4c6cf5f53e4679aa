import { Field, InputType } from "type-graphql";

@InputType("OpenHubInput", { description: "A new hub (地域づくり拠点) in a district, run by the district's council, active from today." })
export class OpenHubInput {
  @Field(() => String, { description: "The district's code, e.g. `district-23`." })
  districtCode!: string;
  @Field(() => String, { description: "Its name (名称), up to 200 characters; unique among the district's hubs." })
  name!: string;
  @Field(() => String, { nullable: true, description: "Where it meets (場所), up to 200 characters." })
  place?: string | null;
}
