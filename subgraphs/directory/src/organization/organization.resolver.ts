import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError, NotFoundError } from "@marugoto/shared";
import type { DirectoryContext } from "../context.js";
import type { Organization } from "./organization.entity.js";
import { OrganizationKind, OrganizationType } from "./organization.type.js";

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  @Query(() => [OrganizationType], {
    description: "Organisations of the programme (組織一覧), optionally of some kinds or under one parent.",
  })
  organizations(
    @Ctx() ctx: DirectoryContext,
    @Arg("kinds", () => [OrganizationKind], { nullable: true, description: "Only these kinds." })
    kinds?: (keyof typeof OrganizationKind)[] | null,
    @Arg("parentCode", () => String, { nullable: true, description: "Only children of the organisation with this code." })
    parentCode?: string | null,
  ): Promise<Organization[]> {
    return ctx.organizations.list({ kinds: kinds ?? undefined, parentCode: parentCode ?? undefined });
  }

  @Query(() => OrganizationType, { description: "One organisation by id or by code (exactly one of them)." })
  async organization(
    @Ctx() ctx: DirectoryContext,
    @Arg("id", () => ID, { nullable: true, description: "Its id." }) id?: string | null,
    @Arg("code", () => String, { nullable: true, description: "Its code, e.g. `nozei`." }) code?: string | null,
  ): Promise<Organization> {
    if (!id === !code) throw new BadUserInputError("id か code のどちらか一方を指定してください。");
    const found = await ctx.organizations.resolveReference({ id: id ?? undefined, code: code ?? undefined });
    if (!found) throw new NotFoundError("組織", id ?? code ?? undefined);
    return found;
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "The organisation this one belongs to (上位組織)." })
  parent(@Root() org: Organization, @Ctx() ctx: DirectoryContext): Promise<Organization | null> | null {
    return org.parent ? ctx.organizations.byId.load(org.parent.id) : null;
  }

  @FieldResolver(() => [OrganizationType], { description: "Organisations directly under this one (下位組織)." })
  children(@Root() org: Organization, @Ctx() ctx: DirectoryContext): Promise<Organization[]> {
    return ctx.organizations.childrenOf.load(org.id);
  }

  @FieldResolver(() => OrganizationType, {
    nullable: true,
    description: "For a contracted agency: the organisation that runs it (受託法人), e.g. 市社協.",
  })
  operatedBy(@Root() org: Organization, @Ctx() ctx: DirectoryContext): Promise<Organization | null> | null {
    return org.operatedBy ? ctx.organizations.byId.load(org.operatedBy.id) : null;
  }
}
