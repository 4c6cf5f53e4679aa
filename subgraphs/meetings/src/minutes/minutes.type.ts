import { Field, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { MinutesStatus } from "./minutes-status.enum.js";

@ObjectType("Minutes", { description: "Minutes of a meeting (議事録): drafted, then approved by the chair and locked." })
export class MinutesType {
  @Field(() => String, { description: "The text." })
  content!: string;

  @Field(() => MinutesStatus, { description: "Draft or approved." })
  status!: keyof typeof MinutesStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: "For case meetings: the next review date (次回評価日)." })
  nextReviewDate?: string | null;

  @Field(() => Int, {
    description:
      "1 for the first draft, one more at every redraft. Send it back as `expectedRevision` with `draftMinutes` and `approveMinutes`: if someone changed the text meanwhile, nothing is saved or approved (MINUTES_CHANGED).",
  })
  revision!: number;

  @Field(() => Date, { description: "Last change." })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the chair approved them." })
  approvedAt?: Date | null;
}
