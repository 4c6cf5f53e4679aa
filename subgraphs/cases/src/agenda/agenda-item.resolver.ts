import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { CaseView } from "../case/case.service.js";
import { CaseType } from "../case/case.type.js";
import type { CasesContext } from "../context.js";
import { AgendaItemRef } from "./agenda-item.type.js";

/**
 * `AgendaItem.case` is resolved here, not by the meetings subgraph: a pledge to a meeting lets a
 * member see that a case is on the agenda (`caseId`), but only a ground lets them see the case. The
 * meetings subgraph used to answer `case { id meetings }` on its own (both fields are its own or the
 * key), so the cases subgraph was never asked: a pledged member without a ground got a non-null case,
 * unaudited. Now the gateway must come here, and the case is null without a ground, audited otherwise.
 */
@Resolver(() => AgendaItemRef)
export class AgendaItemResolver {
  @FieldResolver(() => CaseType, {
    nullable: true,
    description: "For a case item: the case, if the caller has a ground to see it (audited); null otherwise.",
  })
  @Directive('@requires(fields: "caseId")')
  case(@Root() item: AgendaItemRef, @Ctx() ctx: CasesContext): Promise<CaseView | null> | null {
    return item.caseId ? ctx.cases.read(item.caseId, "AgendaItem.case") : null;
  }
}
