import { Field, ObjectType } from "type-graphql";
import { DistrictType } from "../district/district.type.js";
import { DistrictFiguresType } from "./district-figures.type.js";

@ObjectType("DistrictHubFigures", { description: "A district's hub figures in a fiscal year." })
export class DistrictHubFiguresType extends DistrictFiguresType {
  @Field(() => DistrictType, { description: "The district." })
  district!: DistrictType;
}
