import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { CasesContext } from "../context.js";
import type { Consultation } from "../consultation/consultation.entity.js";
import { ConsultationType } from "../types.js";

/** The hubs subgraph's hub, as this subgraph knows it: by id. */
@ObjectType("Hub", { description: "A community hub (地域づくり拠点)." })
@Directive('@key(fields: "id")')
export class HubRef {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
}

@Resolver(() => HubRef)
export class HubReferralsResolver {
  @FieldResolver(() => [ConsultationType], {
    description: "Consultations this hub passed on (拠点からつないだ相談), of cases whose consultations the caller may see.",
  })
  referrals(@Root() hub: HubRef, @Ctx() ctx: CasesContext): Promise<Consultation[]> {
    return ctx.records.fromHub(hub.id);
  }
}

@Resolver(() => ConsultationType)
export class ConsultationSourceResolver {
  @FieldResolver(() => HubRef, { nullable: true, description: "The community hub it came from, if one." })
  sourceHub(@Root() c: Consultation): HubRef | null {
    return c.sourceHubId ? { id: c.sourceHubId } : null;
  }
}
