import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { afterCursor, encodeCursor, mapIterator, NotFoundError } from "@marugoto/shared";
import type { CaseView } from "../case/case.service.js";
import type { CasesContext } from "../context.js";
import { CaseType } from "../case/case.type.js";
import { CaseEventType } from "./case-event.type.js";
import { caseTopic } from "./case-events.js";

interface CaseEventRoot {
  cursor: string;
  kind: string;
  occurredAt: Date;
  case: CaseView;
}

@Resolver(() => CaseEventType)
export class CaseEventResolver {
  @Subscription(() => CaseEventType, {
    description:
      "Changes to one case. Grounds are checked for every event (consent withdrawn, assignment ended: nothing more arrives); each delivery is an audited read.",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { caseId: string; after?: string | null }, CasesContext>) => {
      const after = afterCursor(args.after);
      if (!(await context.cases.read(args.caseId, "caseChanged"))) throw new NotFoundError("ケース", args.caseId);
      return mapIterator(context.events.subscribe(caseTopic(args.caseId), after), async (event): Promise<CaseEventRoot | undefined> => {
        context.renew();
        const view = await context.cases.read(args.caseId, "caseChanged");
        return view ? { cursor: encodeCursor(event.seq), kind: event.kind, occurredAt: event.createdAt, case: view } : undefined;
      });
    },
  })
  caseChanged(
    @Root() event: CaseEventRoot,
    @Arg("caseId", () => ID, { description: "The case to watch." }) _caseId: string,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
  ): CaseEventRoot {
    return event;
  }

  @FieldResolver(() => CaseType, { description: "The case right after the change, as the caller may see it." })
  case(@Root() event: CaseEventRoot, @Ctx() _ctx: CasesContext): CaseView {
    return event.case;
  }
}
