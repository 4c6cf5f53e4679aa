import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import type { RequiredFlatArguments } from "@marugoto/shared";
import { InfoKind } from "./consent.type.js";

@InputType("RecordConsentInput", { description: "The person's consent to sharing (本人同意), as given." })
export class RecordConsentInput {
  @Field(() => ID, { description: "The case." })
  caseId!: string;
  @Field(() => [String], { description: "The organisations the person agreed to share with, by code." })
  organizationCodes!: string[];
  @Field(() => [InfoKind], { description: "The kinds of information the consent covers; at least one." })
  infoKinds!: (keyof typeof InfoKind)[];
  @Field(() => Boolean, { description: "Whether it covers discussion at 重層的支援会議." })
  coversMultiLayeredMeeting!: boolean;
  @Field(() => LocalDateResolver, { description: "When the person gave it (Asia/Tokyo); not in the future (DATE_IN_FUTURE)." })
  givenOn!: string;
}

/** recordConsent's deprecated flat form: the arguments it must have, by their Japanese names. */
export const RECORD_CONSENT_REQUIRED: RequiredFlatArguments<RecordConsentInput> = {
  caseId: "ケース",
  organizationCodes: "同意の対象となる組織",
  infoKinds: "共有してよい情報の種類",
  coversMultiLayeredMeeting: "重層的支援会議での協議への同意の有無",
  givenOn: "同意日",
};
