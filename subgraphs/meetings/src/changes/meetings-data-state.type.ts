import { Directive, Field, Int, ObjectType } from "type-graphql";

/** Whether a copy of the meetings subgraph's answers may be kept now (`AnswersState` of the kernel). */
@ObjectType("MeetingsDataState", {
  description:
    "The state of the meetings subgraph's answers, for the gateway that keeps copies of them: keep them only while `watched`, and drop them at every new state. Not part of the public API.",
})
@Directive("@inaccessible")
export class MeetingsDataStateType {
  @Field(() => Boolean, {
    description: "True while every change of the tables is heard: a copy kept now will be told of the next change. False: keep no copy.",
  })
  watched!: boolean;

  @Field(() => Int, {
    description:
      "Counts the changes (of the tables, of the date in Tokyo, and lost watches) this meetings process has seen; a new value makes every earlier copy stale.",
  })
  generation!: number;
}
