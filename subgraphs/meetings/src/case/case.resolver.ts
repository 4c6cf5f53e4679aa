import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ActionItemView } from "../action-item/action-item.view.js";
import type { MeetingsContext } from "../context.js";
import type { MeetingView } from "../meeting/meeting.view.js";
import { ActionItemType } from "../action-item/action-item.type.js";
import { MeetingType } from "../meeting/meeting.type.js";
import { CaseRef } from "./case.type.js";

@Resolver(() => CaseRef)
export class CaseResolver {
  @FieldResolver(() => [MeetingType], {
    description: "Meetings this case was discussed in, of those where the caller's organisation is a member that pledged confidentiality.",
  })
  meetings(@Root() c: CaseRef, @Ctx() ctx: MeetingsContext): Promise<MeetingView[]> {
    return ctx.caseMeetings.meetingsOf(c.id);
  }

  @FieldResolver(() => [ActionItemType], {
    description: "Action items that came from this case's agenda items, for one organisation (default: the caller's).",
  })
  actionItems(
    @Root() c: CaseRef,
    @Ctx() ctx: MeetingsContext,
    @Arg("organizationCode", () => String, { nullable: true, description: "Assignee organisation; the caller's by default." })
    code?: string | null,
    @Arg("openOnly", () => Boolean, { nullable: true, description: "Only open and in-progress ones (default true)." })
    openOnly?: boolean | null,
  ): Promise<ActionItemView[]> {
    return ctx.caseMeetings.actionItemsOf(c.id, code ?? ctx.identity.org, openOnly ?? true);
  }
}
