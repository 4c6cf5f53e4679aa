import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { MeetingsContext } from "../context.js";
import { knownOrganizationRef, OrganizationRef } from "../organization/organization.type.js";

@ObjectType("ActionItemTally", { description: "Action items of one assignee organisation that the caller may see, by state (対応事項の集計)." })
export class ActionItemTallyType {
  assigneeCode!: string;

  @Field(() => Int, { description: "Open or in progress, not past due (未完了)." })
  open!: number;

  @Field(() => Int, { description: "Past their due date while open or in progress (期限超過)." })
  overdue!: number;

  @Field(() => Int, { description: "Done (完了)." })
  done!: number;
}

@Resolver(() => ActionItemTallyType)
export class ActionItemTallyResolver {
  @Query(() => [ActionItemTallyType], { description: "Action items the caller may see, counted by assignee organisation and state (cancelled ones left out); the most first." })
  actionItemTally(@Ctx() ctx: MeetingsContext): Promise<ActionItemTallyType[]> {
    return ctx.actionItems.tally();
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The assignee organisation (担当組織); null if its code is not in the directory." })
  organization(@Root() t: ActionItemTallyType): OrganizationRef | null {
    return knownOrganizationRef(t.assigneeCode);
  }
}
