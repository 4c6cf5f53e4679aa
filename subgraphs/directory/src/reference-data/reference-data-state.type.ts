import { Field, Int, ObjectType } from "type-graphql";

/** Whether a copy of the directory's answers may be kept now (`AnswersState` of the kernel). */
@ObjectType("ReferenceDataState", {
  description:
    "The state of the directory's reference data (組織・名簿), for a client that keeps copies of its answers: keep them only while `watched`, and drop them at every new state.",
})
export class ReferenceDataStateType {
  @Field(() => Boolean, {
    description: "True while every change of the tables is heard: a copy kept now will be told of the next change. False: keep no copy.",
  })
  watched!: boolean;

  @Field(() => Int, {
    description: "Counts the changes (and lost watches) this directory process has seen; a new value makes every earlier copy stale.",
  })
  generation!: number;
}
