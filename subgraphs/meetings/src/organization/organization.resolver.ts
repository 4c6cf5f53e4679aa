import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MeetingsContext } from "../context.js";
import type { MeetingBody } from "../body/body.entity.js";
import { MeetingBodyType } from "../body/body.type.js";
import { OrganizationRef } from "./organization.type.js";

@Resolver(() => OrganizationRef)
export class OrganizationMeetingsResolver {
  @FieldResolver(() => [MeetingBodyType], { description: "Meeting bodies this organisation is a standing member of (所属する会議体)." })
  meetingBodies(@Root() org: OrganizationRef, @Ctx() ctx: MeetingsContext): Promise<MeetingBody[]> {
    return ctx.bodies.bodiesOfOrganization.load(org.code);
  }
}
