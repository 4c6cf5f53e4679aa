import { Field, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { enumFrom } from "@marugoto/shared";
import { AssignmentRole } from "../assignment/assignment.type.js";
import { GROUNDS } from "../audit/audit.entity.js";
import { MeetingRef } from "../meetings/meeting.type.js";
import { InfoKind } from "./consent.type.js";

export const Ground = enumFrom(GROUNDS);
registerEnumType(Ground, {
  name: "AccessGround",
  description: "The ground on which case data is shown (閲覧の根拠). Department alone is never one.",
  valuesConfig: {
    ASSIGNMENT: { description: "The caller's organisation is assigned to the case." },
    CONSENT: { description: "The person's consent names the caller's organisation." },
    SUPPORT_MEETING: { description: "Disclosed to a 支援会議 the organisation is a member of (社会福祉法第106条の6), for its purpose." },
    MULTI_LAYERED_SUPPORT_MEETING: { description: "Disclosed to a 重層的支援会議, valid only while the person's consent covers it." },
    BREAK_GLASS: { description: "Emergency access by this person, time-limited and flagged for review." },
  },
});

@ObjectType("GroundSource", {
  description:
    "Why the caller's organisation may see a shared case (共有の根拠): one assignment, consent, disclosure to a meeting or break-glass. Only the caller's own grounds, and of each only what concerns the caller.",
})
export class GroundSourceType {
  @Field(() => Ground, { description: "The ground." })
  ground!: keyof typeof Ground;

  @Field(() => [InfoKind], { description: "The kinds of information it discloses to the caller (開示される情報の種類)." })
  infoKinds!: (keyof typeof InfoKind)[];

  @Field(() => AssignmentRole, { nullable: true, description: "ASSIGNMENT: the organisation's role (主担当・多機関協働・支援)." })
  assignmentRole?: keyof typeof AssignmentRole | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      "CONSENT: when the person gave the consent naming the caller's organisation; MULTI_LAYERED_SUPPORT_MEETING: when the consent covering the meeting was given.",
  })
  consentGivenOn?: string | null;

  @Field(() => MeetingRef, {
    nullable: true,
    description: "SUPPORT_MEETING / MULTI_LAYERED_SUPPORT_MEETING: the meeting the case was disclosed to.",
  })
  meeting?: MeetingRef | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Meeting grounds: the purpose the case was disclosed for (目的); the information may be used for it only. A consent has no free-text purpose: its `infoKinds` say what it covers.",
  })
  purpose?: string | null;

  @Field(() => Date, { nullable: true, description: "Meeting grounds: when the case was disclosed." })
  disclosedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "BREAK_GLASS: when the emergency access ends." })
  expiresAt?: Date | null;
}
