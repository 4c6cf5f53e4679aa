import { Directive, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { ANSWERS_WATCHER, ForbiddenError, unwatchedAnswers, type AnswersState } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { MeetingsDataStateType } from "./meetings-data-state.type.js";

/**
 * The gateway keeps meetings answers by caller scope and drops them at every new state here. Only the
 * gateway's own watch may subscribe: the field is `@inaccessible` (no client reaches it through the
 * gateway), and the moments a confidential meeting changes are nobody else's to learn.
 */
@Resolver(() => MeetingsDataStateType)
export class MeetingsDataResolver {
  @Subscription(() => MeetingsDataStateType, {
    description:
      "The state of the meetings subgraph's answers now, then a new state at every change of its tables, at every midnight in Tokyo (overdue action items) and when changes can no longer be heard. For the gateway's kept answers only.",
    subscribe: ({ context }: SubscribeResolverData<unknown, object, MeetingsContext>) => {
      if (context.identity.sub !== ANSWERS_WATCHER.sub || context.identity.org !== ANSWERS_WATCHER.org) throw new ForbiddenError();
      return context.settings.answers?.watch() ?? unwatchedAnswers();
    },
  })
  @Directive("@inaccessible")
  meetingsDataChanged(@Root() state: AnswersState): AnswersState {
    return state;
  }
}
