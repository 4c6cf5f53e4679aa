import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { CaseType } from "../case/case.type.js";
import { SHARED_CASE_EVENT_KINDS } from "./case-events.js";

export const SharedCaseEventKind = enumFrom([...SHARED_CASE_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(SharedCaseEventKind, {
  name: "SharedCaseEventKind",
  description: "How an organisation's shared cases changed.",
  valuesConfig: {
    CASE_SHARED: { description: "The organisation now sees the case (an assignment, a consent or a disclosure to a meeting it sits on)." },
    CASE_UNSHARED: {
      description: "The organisation's last ground on the case ended (assignment ended, consent withdrawn, disclosure revoked).",
    },
    CAUGHT_UP: { description: "The end of a replay (with `markCaughtUp`): its cursor only, no case; what follows is live." },
  },
});

@ObjectType("SharedCaseEvent", {
  description:
    "A case newly shared with, or no longer shared with, the caller's organisation (共有ケースの変更). The case is read anew, through the caller's grounds, for every event.",
})
export class SharedCaseEventType {
  @Field(() => String, {
    description: "Resume point for `after` (the cases subgraph's sequence, as `Case.eventCursor` and `sharedCases.eventCursor`).",
  })
  cursor!: string;

  @Field(() => SharedCaseEventKind, { description: "Shared or unshared." })
  kind!: keyof typeof SharedCaseEventKind;

  @Field(() => ID, {
    nullable: true,
    description: "The case's id: for CASE_UNSHARED, the one to drop from the list; null only for `CAUGHT_UP`.",
  })
  caseId?: string | null;

  @Field(() => Date, { description: "When." })
  occurredAt!: Date;

  @Field(() => CaseType, {
    nullable: true,
    description:
      "CASE_SHARED: the case as the caller may now see it (an audited read); null for CASE_UNSHARED and CAUGHT_UP, or when the ground has ended again since (a replay).",
  })
  case?: CaseType | null;
}
