import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Consultation } from "../consultation/consultation.entity.js";
import { ConsultationType } from "../consultation/consultation.type.js";
import type { CasesContext } from "../context.js";
import { HubRef } from "./hub.type.js";

@Resolver(() => HubRef)
export class HubResolver {
  @FieldResolver(() => [ConsultationType], {
    description: "Consultations this hub passed on (拠点からつないだ相談), of cases whose consultations the caller may see.",
  })
  referrals(@Root() hub: HubRef, @Ctx() ctx: CasesContext): Promise<Consultation[]> {
    return ctx.records.fromHub(hub.id);
  }
}
