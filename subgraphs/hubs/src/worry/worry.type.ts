import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { WORRY_RESOLUTIONS } from "./worry.entity.js";

export const WorryResolution = enumFrom(WORRY_RESOLUTIONS);
registerEnumType(WorryResolution, {
  name: "WorryResolution",
  description: "What became of a worry heard at a hub.",
  valuesConfig: {
    OPEN: { description: "Not yet." },
    SOLVED_LOCALLY: { description: "地域で解決." },
    PASSED_ON: { description: "相談機関へつないだ." },
  },
});

@ObjectType("Worry", { description: "A worry heard at a hub (困りごと・相談ごと): a category and a short summary, never a name." })
export class WorryType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "When it was heard." })
  heardOn!: string;
  @Field(() => String, { description: "Category (分類)." })
  category!: string;
  @Field(() => WorryResolution, { description: "What became of it." })
  resolution!: keyof typeof WorryResolution;
  @Field(() => Date, { nullable: true, description: "When it was resolved." })
  resolvedAt?: Date | null;
}
