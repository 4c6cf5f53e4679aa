import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { DirectoryContext } from "../context.js";
import type { Organization } from "../organization/organization.entity.js";
import { OrganizationType } from "../organization/organization.type.js";
import { ViewerType } from "./viewer.type.js";

/** What `me` answers: the caller's identity, nothing read from a table. */
export interface Viewer {
  subject: string;
  organizationCode: string;
  roles: string[];
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, {
    description:
      "The caller (自分): organisation and roles from the token. A client reads its organisation here instead of restating its code.",
  })
  me(@Ctx() ctx: DirectoryContext): Viewer {
    return { subject: ctx.identity.sub, organizationCode: ctx.identity.org, roles: [...ctx.identity.roles] };
  }

  @FieldResolver(() => OrganizationType, {
    nullable: true,
    description:
      "The caller's organisation (所属組織), with everything other subgraphs add to it (its meetings, action items, shared cases); null if its code is not in the directory.",
  })
  organization(@Root() viewer: Viewer, @Ctx() ctx: DirectoryContext): Promise<Organization | null> {
    return ctx.organizations.byCode.load(viewer.organizationCode);
  }
}
