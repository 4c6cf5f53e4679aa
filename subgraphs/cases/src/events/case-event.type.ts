import { Field, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { CASE_EVENT_KINDS } from "./case-events.js";

export const CaseEventKind = enumFrom([...CASE_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(CaseEventKind, {
  name: "CaseEventKind",
  description: "What changed on a case.",
  valuesConfig: {
    CASE_OPENED: { description: "The case was opened by a consultation (相談受付)." },
    CONSULTATION_ADDED: { description: "Another consultation joined the case." },
    STATUS_CHANGED: { description: "The case moved along its lifecycle." },
    RECORD_ADDED: { description: "An assessment, support plan, progress entry, monitoring or チャレンジ就労 record was added." },
    ASSIGNMENTS_CHANGED: { description: "An organisation was assigned, its assignment ended, or a referral was sent or answered." },
    CONSENT_CHANGED: { description: "A consent was recorded or withdrawn." },
    DISCLOSURE_CHANGED: { description: "A disclosure to a meeting was made or revoked." },
    PERSON_UPDATED: { description: "A household member was added or their details changed." },
    CAUGHT_UP: { description: "The end of a replay (with `markCaughtUp`): its cursor only, no case data; what follows is live." },
  },
});

@ObjectType("CaseEvent", { description: "A change to a case; the case is read anew, through the caller's grounds, for every event." })
export class CaseEventType {
  @Field(() => String, { description: "Resume point for `after`." })
  cursor!: string;
  @Field(() => CaseEventKind, { description: "What changed." })
  kind!: keyof typeof CaseEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}
