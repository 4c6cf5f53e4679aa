import { Field, ID, InputType } from "type-graphql";
import type { RequiredFlatArguments } from "@marugoto/shared";
import { DisclosureKind } from "./disclosure.type.js";

@InputType("DiscloseToMeetingInput", { description: "A disclosure of a case to a meeting's members, for the meeting's purpose." })
export class DiscloseToMeetingInput {
  @Field(() => ID, { description: "The case." })
  caseId!: string;
  @Field(() => DisclosureKind, { description: "Which kind of meeting." })
  kind!: keyof typeof DisclosureKind;
  @Field(() => ID, { description: "The meeting (of the meetings subgraph)." })
  meetingId!: string;
  @Field(() => [String], { description: "The member organisations to disclose it to, by code; at least one." })
  organizationCodes!: string[];
  @Field(() => String, { description: "The purpose (目的), up to 300 characters; the information may be used for it only." })
  purpose!: string;
}

/** discloseToMeeting's deprecated flat form: the arguments it must have, by their Japanese names. */
export const DISCLOSE_TO_MEETING_REQUIRED: RequiredFlatArguments<DiscloseToMeetingInput> = {
  caseId: "ケース",
  kind: "会議の種類",
  meetingId: "会議",
  organizationCodes: "情報を提供する構成員",
  purpose: "目的",
};
