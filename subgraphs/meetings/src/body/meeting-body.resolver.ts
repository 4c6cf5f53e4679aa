import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { NotFoundError } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";
import { HANDLES_INDIVIDUAL_CASES, type BodyMember, type MeetingBody } from "./body.entity.js";
import { BodyMemberType } from "./body-member.type.js";
import { MeetingBodyType } from "./body.type.js";

@Resolver(() => MeetingBodyType)
export class MeetingBodyResolver {
  @Query(() => [MeetingBodyType], { description: "Every meeting body (会議体一覧)." })
  meetingBodies(@Ctx() ctx: MeetingsContext): Promise<MeetingBody[]> {
    return ctx.bodies.list();
  }

  @Query(() => MeetingBodyType, { description: "One meeting body by code, e.g. `marugoto-council`." })
  async meetingBody(
    @Arg("code", () => String, { description: "The body's code." }) code: string,
    @Ctx() ctx: MeetingsContext,
  ): Promise<MeetingBody> {
    const body = await ctx.bodies.byCode(code);
    if (!body) throw new NotFoundError("会議体", code);
    return body;
  }

  @FieldResolver(() => Boolean)
  handlesIndividualCases(@Root() body: MeetingBody): boolean {
    return HANDLES_INDIVIDUAL_CASES[body.kind];
  }

  @FieldResolver(() => [BodyMemberType], { description: "Its standing member organisations, in order." })
  members(@Root() body: MeetingBody, @Ctx() ctx: MeetingsContext): Promise<BodyMember[]> {
    return ctx.bodies.membersOf.load(body.id);
  }
}
