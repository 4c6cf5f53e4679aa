import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { afterCursor, CAUGHT_UP, encodeCursor, mapIterator, markCaughtUpArg, NotFoundError } from "@marugoto/shared";
import type { CaseView } from "../case/case.service.js";
import type { CasesContext } from "../context.js";
import { CaseType } from "../case/case.type.js";
import { CaseEventType } from "./case-event.type.js";
import { caseTopic } from "./case-events.js";

interface CaseEventRoot {
  cursor: string;
  kind: string;
  occurredAt: Date;
  /** Null only for `CAUGHT_UP`. */
  case: CaseView | null;
}

type Args = { caseId: string; after?: string | null; markCaughtUp?: boolean | null };

@Resolver(() => CaseEventType)
export class CaseEventResolver {
  @Subscription(() => CaseEventType, {
    description:
      "Changes to one case. Grounds are checked for every event (consent withdrawn, assignment ended: nothing more arrives); each delivery is an audited read.",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, Args, CasesContext>) => {
      const after = afterCursor(args.after);
      if (!(await context.cases.read(args.caseId, "caseChanged"))) throw new NotFoundError("ケース", args.caseId);
      const events = context.events.subscribe(caseTopic(args.caseId), after, { markCaughtUp: !!args.markCaughtUp });
      return mapIterator(events, async (event): Promise<CaseEventRoot | undefined> => {
        context.renew();
        const base = { cursor: encodeCursor(event.seq), kind: event.kind, occurredAt: event.createdAt };
        // The end of a replay reads nothing of the case (no audited read, no data): grounds only, as every event.
        if (event.kind === CAUGHT_UP) return (await context.cases.groundsOf(args.caseId)) ? { ...base, case: null } : undefined;
        const view = await context.cases.read(args.caseId, "caseChanged");
        return view ? { ...base, case: view } : undefined;
      });
    },
  })
  caseChanged(
    @Root() event: CaseEventRoot,
    @Arg("caseId", () => ID, { description: "The case to watch." }) _caseId: string,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg("no case data (no read, nothing audited)")) _markCaughtUp?: boolean,
  ): CaseEventRoot {
    return event;
  }

  @FieldResolver(() => CaseType, {
    nullable: true,
    description: "The case right after the change, as the caller may see it; null only for `CAUGHT_UP`.",
  })
  case(@Root() event: CaseEventRoot, @Ctx() _ctx: CasesContext): CaseView | null {
    return event.case;
  }
}
