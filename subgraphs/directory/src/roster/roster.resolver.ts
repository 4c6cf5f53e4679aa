import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { NotFoundError } from "@marugoto/shared";
import type { DirectoryContext } from "../context.js";
import type { Roster, RosterMember } from "./roster.entity.js";
import { RosterMemberType } from "./roster-member.type.js";
import { RosterType } from "./roster.type.js";

@Resolver(() => RosterType)
export class RosterResolver {
  @Query(() => [RosterType], { description: "Every roster (構成員名簿)." })
  rosters(@Ctx() ctx: DirectoryContext): Promise<Roster[]> {
    return ctx.rosters.list();
  }

  @Query(() => RosterType, { description: "One roster by code, e.g. `marugoto-council` (福祉まるごと会議)." })
  async roster(
    @Arg("code", () => String, { description: "The roster's code." }) code: string,
    @Ctx() ctx: DirectoryContext,
  ): Promise<Roster> {
    const roster = await ctx.rosters.byCode(code);
    if (!roster) throw new NotFoundError("名簿", code);
    return roster;
  }

  @FieldResolver(() => [RosterMemberType], { description: "Its seats, in order." })
  members(@Root() roster: Roster, @Ctx() ctx: DirectoryContext): Promise<RosterMember[]> {
    return ctx.rosters.membersOf.load(roster.id);
  }
}
