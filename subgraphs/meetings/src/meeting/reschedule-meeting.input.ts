import { Field, ID, InputType } from "type-graphql";

@InputType("RescheduleMeetingInput", { description: "A new time (and place) for a meeting." })
export class RescheduleMeetingInput {
  @Field(() => ID, { description: "The meeting." })
  meetingId!: string;
  @Field(() => Date, { description: "New start." })
  startsAt!: Date;
  @Field(() => Date, { nullable: true, description: "New planned end." })
  endsAt?: Date | null;
  @Field(() => String, { nullable: true, description: "New place; omit to keep." })
  place?: string | null;
}
