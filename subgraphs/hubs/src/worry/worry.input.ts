import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { RequiredFlatArguments } from "@marugoto/shared";

@InputType("RecordWorryInput", { description: "A worry heard at a hub (困りごと): a category and a summary without names." })
export class RecordWorryInput {
  @Field(() => ID, { description: "The hub where it was heard; it must be active." })
  hubId!: string;
  @Field(() => LocalDateResolver, {
    description: "When it was heard (Asia/Tokyo): not in the future (DATE_IN_FUTURE), nor before the hub opened (BEFORE_HUB_OPENED).",
  })
  heardOn!: string;
  @Field(() => String, { description: "Category (分類), up to 40 characters, e.g. 見守り." })
  category!: string;
  @Field(() => String, { description: "A short summary (内容), up to 1000 characters, without names or other identifying details." })
  summary!: string;
}

/** recordWorry's deprecated flat form: the arguments it must have, by their Japanese names. */
export const RECORD_WORRY_REQUIRED: RequiredFlatArguments<RecordWorryInput> = {
  hubId: "拠点",
  heardOn: "聞き取り日",
  category: "分類",
  summary: "内容",
};
