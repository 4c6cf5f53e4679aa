import { Field, ObjectType } from "type-graphql";
import { Count } from "@marugoto/shared";
import { DistrictFiguresType } from "./district-figures.type.js";
import { DistrictHubFiguresType } from "./district-hub-figures.type.js";

@ObjectType("HubFigures", { description: "The hubs' figures of a fiscal year. Worries are about people: small counts are suppressed." })
export class HubFiguresType extends DistrictFiguresType {
  @Field(() => Count, { description: "Districts with an active hub." })
  districtsWithHub!: Count;

  @Field(() => [DistrictHubFiguresType], { description: "By district." })
  byDistrict!: DistrictHubFiguresType[];
}
