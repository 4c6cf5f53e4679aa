import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { CaseView } from "../case/case.service.js";
import type { CasesContext } from "../context.js";
import { CaseType } from "../types.js";

/** The meetings subgraph's agenda item, as this subgraph knows it: by id, with the case id it names. */
@ObjectType("AgendaItem", { description: "One item of a meeting's agenda (議題)." })
@Directive('@key(fields: "id")')
export class AgendaItemRef {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => ID, { nullable: true, description: "For a case item the caller may see: the case's id." })
  @Directive("@external")
  caseId?: string | null;
}

/**
 * `AgendaItem.case` is resolved here, not by the meetings subgraph: a pledge to a meeting lets a
 * member see that a case is on the agenda (`caseId`), but only a ground lets them see the case. The
 * meetings subgraph used to answer `case { id meetings }` on its own (both fields are its own or the
 * key), so the cases subgraph was never asked: a pledged member without a ground got a non-null case,
 * unaudited. Now the gateway must come here, and the case is null without a ground, audited otherwise.
 */
@Resolver(() => AgendaItemRef)
export class AgendaItemCaseResolver {
  @FieldResolver(() => CaseType, {
    nullable: true,
    description: "For a case item: the case, if the caller has a ground to see it (audited); null otherwise.",
  })
  @Directive('@requires(fields: "caseId")')
  case(@Root() item: AgendaItemRef, @Ctx() ctx: CasesContext): Promise<CaseView | null> | null {
    return item.caseId ? ctx.cases.read(item.caseId, "AgendaItem.case") : null;
  }
}
