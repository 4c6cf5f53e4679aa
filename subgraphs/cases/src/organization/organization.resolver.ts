import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { encodeCursor } from "@marugoto/shared";
import { CaseStatus } from "../case/case.type.js";
import { Ground } from "../consent/ground-source.type.js";
import { SharedCaseConnection } from "../consent/shared-case-connection.type.js";
import type { CasesContext } from "../context.js";
import { OrganizationRef } from "./organization.type.js";

@Resolver(() => OrganizationRef)
export class OrganizationResolver {
  @FieldResolver(() => SharedCaseConnection, {
    description:
      "Cases shared with this organisation (共有ケース), with the grounds, in the order the cases were opened (oldest first: a case shared later takes its place among them; `sharedCasesChanged` tells of it). Only for the caller's own organisation; every case listed is a read, audited.",
  })
  async sharedCases(
    @Root() org: OrganizationRef,
    @Ctx() ctx: CasesContext,
    @Arg("first", () => Int, { nullable: true, description: "Page size (default 50, at most 500)." }) first?: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the previous page's last edge (`pageInfo.endCursor`)." })
    after?: string | null,
    @Arg("status", () => [CaseStatus], { nullable: true, description: "Only cases in one of these statuses." })
    status?: (keyof typeof CaseStatus)[] | null,
    @Arg("ground", () => [Ground], {
      nullable: true,
      description:
        "Only cases shared on at least one of these grounds (e.g. `[SUPPORT_MEETING]`); BREAK_GLASS lists nothing (it is personal).",
    })
    ground?: (keyof typeof Ground)[] | null,
  ) {
    const page = await ctx.sharing.sharedWith(org.code, { statuses: status, grounds: ground }, first, after);
    const edges = page.edges.map((e) => ({
      cursor: e.cursor,
      node: e.node,
      grounds: e.node.access.grounds,
      groundSources: e.node.access.sources.map(({ meetingId, ...source }) => ({
        ...source,
        meeting: meetingId ? { id: meetingId } : null,
      })),
    }));
    return {
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
      eventCursor: encodeCursor(page.eventSeq),
      edges,
      nodes: edges.map((e) => e.node),
    };
  }
}
