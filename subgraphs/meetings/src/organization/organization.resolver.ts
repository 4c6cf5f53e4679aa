import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { encodeCursor, type Page } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import type { MeetingBody } from "../body/body.entity.js";
import { MeetingBodyType } from "../body/body.type.js";
import type { ActionItemView } from "../action-item/action-item.view.js";
import { ActionItemStatus } from "../action-item/action-item-status.enum.js";
import { ActionItemConnection } from "../action-item/action-item-connection.type.js";
import type { MeetingView } from "../meeting/meeting.view.js";
import { MeetingConnection } from "../meeting/meeting-connection.type.js";
import { OrganizationRef } from "./organization.type.js";

@Resolver(() => OrganizationRef)
export class OrganizationResolver {
  @FieldResolver(() => [MeetingBodyType], { description: "Meeting bodies this organisation is a standing member of (所属する会議体)." })
  meetingBodies(@Root() org: OrganizationRef, @Ctx() ctx: MeetingsContext): Promise<MeetingBody[]> {
    return ctx.bodies.bodiesOfOrganization.load(org.code);
  }

  @FieldResolver(() => MeetingConnection, {
    description: "Meetings this organisation is a member of, that the caller may see, by start time.",
  })
  meetings(
    @Root() org: OrganizationRef,
    @Ctx() ctx: MeetingsContext,
    @Arg("from", () => Date, { nullable: true, description: "Starting at or after." }) from?: Date | null,
    @Arg("to", () => Date, { nullable: true, description: "Starting before." }) to?: Date | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 200)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge." }) after?: string | null,
  ): Promise<Page<MeetingView>> {
    return ctx.meetings.list({ from, to, organizationCode: org.code }, first, after);
  }

  @FieldResolver(() => ActionItemConnection, {
    description: "Action items assigned to this organisation, from meetings the caller may see.",
  })
  actionItems(
    @Root() org: OrganizationRef,
    @Ctx() ctx: MeetingsContext,
    @Arg("status", () => [ActionItemStatus], { nullable: true, description: "Only these statuses." })
    status?: (keyof typeof ActionItemStatus)[] | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 200)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge." }) after?: string | null,
  ): Promise<Page<ActionItemView>> {
    return ctx.actionItems.forOrganization(org.code, status, first, after);
  }

  @FieldResolver(() => String, {
    description:
      "The meetings subgraph's event cursor as of this read: subscribe to `meetingsChanged` / `actionItemsChanged` with `after:` set to it to miss nothing that follows the `meetings` and `actionItems` read beside it. Cursors of the meetings subgraph are one sequence for all its streams (a meeting's `eventCursor` works too); it is read before those lists, so a resumed stream may replay a change the lists already show, never skip one.",
  })
  eventCursor(@Ctx() ctx: MeetingsContext): Promise<string> {
    return ctx.meetings.operationCursor().then(encodeCursor);
  }
}
