import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { RequiredFlatArguments } from "@marugoto/shared";

@InputType("PlaceInChallengeWorkInput", { description: "A household member placed at a チャレンジ就労 site." })
export class PlaceInChallengeWorkInput {
  @Field(() => ID, { description: "The case." })
  caseId!: string;
  @Field(() => ID, { description: "The household member to place." })
  personId!: string;
  @Field(() => ID, { description: "The site (受け入れ先)." })
  siteId!: string;
  @Field(() => LocalDateResolver, { description: "First day of the placement." })
  startedOn!: string;
}

/** placeInChallengeWork's deprecated flat form: the arguments it must have, by their Japanese names. */
export const PLACE_IN_CHALLENGE_WORK_REQUIRED: RequiredFlatArguments<PlaceInChallengeWorkInput> = {
  caseId: "ケース",
  personId: "世帯員",
  siteId: "受け入れ先",
  startedOn: "開始日",
};
