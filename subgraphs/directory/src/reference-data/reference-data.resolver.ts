import { Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { unwatchedAnswers, type AnswersState } from "@marugoto/shared";
import type { DirectoryContext } from "../context.js";
import { ReferenceDataStateType } from "./reference-data-state.type.js";

@Resolver(() => ReferenceDataStateType)
export class ReferenceDataResolver {
  @Subscription(() => ReferenceDataStateType, {
    description:
      "The state of the directory's reference data now, then a new state at every change of its tables (or when changes can no longer be heard). The gateway keeps directory answers by it; a front end may drop its cached organisations by it.",
    subscribe: ({ context }: SubscribeResolverData<unknown, object, DirectoryContext>) => context.answers?.watch() ?? unwatchedAnswers(),
  })
  referenceDataChanged(@Root() state: AnswersState): AnswersState {
    return state;
  }
}
