import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { MeetingsContext } from "../context.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";
import { ActionItemTallyType } from "./action-item-tally.type.js";

@Resolver(() => ActionItemTallyType)
export class ActionItemTallyResolver {
  @Query(() => [ActionItemTallyType], {
    description: "Action items the caller may see, counted by assignee organisation and state (cancelled ones left out); the most first.",
  })
  actionItemTally(@Ctx() ctx: MeetingsContext): Promise<ActionItemTallyType[]> {
    return ctx.actionItems.tally();
  }

  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: "The assignee organisation (担当組織); null if its code is not in the directory.",
  })
  organization(@Root() t: ActionItemTallyType): OrganizationRef | null {
    return knownOrganizationRef(t.assigneeCode);
  }
}
