import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { afterCursor, CAUGHT_UP, encodeCursor, ForbiddenError, mapIterator, markCaughtUpArg } from "@marugoto/shared";
import type { CaseView } from "../case/case.service.js";
import type { CasesContext } from "../context.js";
import { sharedCasesTopic, type SharedCaseEventPayload } from "./shared-case-events.js";
import { SharedCaseEventType } from "./shared-case-event.type.js";

interface SharedCaseEventRoot {
  cursor: string;
  kind: string;
  /** Null only for `CAUGHT_UP`. */
  caseId: string | null;
  occurredAt: Date;
  case: CaseView | null;
}

type Args = { organizationCode?: string | null; after?: string | null; markCaughtUp?: boolean | null };

@Resolver(() => SharedCaseEventType)
export class SharedCaseEventResolver {
  @Subscription(() => SharedCaseEventType, {
    description:
      "Cases newly shared with, or unshared from, the caller's own organisation (the live form of `Organization.sharedCases`). Resume with `after` from `sharedCases.eventCursor` or the last event's cursor. Each CASE_SHARED delivery reads the case through the caller's grounds, audited.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Args, CasesContext>) => {
      const code = args.organizationCode ?? context.identity.org;
      if (code !== context.identity.org) throw new ForbiddenError("共有ケースの通知は自組織の分だけ受け取れます。");
      return mapIterator(
        context.events.subscribe(sharedCasesTopic(code), afterCursor(args.after), { markCaughtUp: !!args.markCaughtUp }),
        async (event): Promise<SharedCaseEventRoot | undefined> => {
          const cursor = encodeCursor(event.seq);
          // The end of a replay: its cursor only (no case, no read).
          if (event.kind === CAUGHT_UP) return { cursor, kind: event.kind, caseId: null, occurredAt: event.createdAt, case: null };
          const { caseId, organizationCode } = event.payload as unknown as SharedCaseEventPayload;
          if (organizationCode !== code) return undefined;
          context.renew();
          // Read now, as the caller: a replayed CASE_SHARED whose ground has since ended carries no case.
          const view = event.kind === "CASE_SHARED" ? await context.cases.read(caseId, "sharedCasesChanged") : null;
          return { cursor, kind: event.kind, caseId, occurredAt: event.createdAt, case: view };
        },
      );
    },
  })
  sharedCasesChanged(
    @Root() event: SharedCaseEventRoot,
    @Arg("organizationCode", () => String, {
      nullable: true,
      description: "The caller's own organisation (the default); any other is refused.",
    })
    _code?: string | null,
    @Arg("after", () => String, { nullable: true, description: "Resume after this cursor." }) _after?: string | null,
    @Arg("markCaughtUp", () => Boolean, markCaughtUpArg()) _markCaughtUp?: boolean,
  ): SharedCaseEventRoot {
    return event;
  }
}
