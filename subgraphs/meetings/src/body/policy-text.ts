import { refuseIdentifyingDetails, type InputProblems } from "@marugoto/shared";
import { HANDLES_INDIVIDUAL_CASES, type BodyKindValue } from "./body.entity.js";

/**
 * A body that never handles individual cases (福祉まるごと会議, its working groups, 庁内ワーキンググループ)
 * sees only aggregates and de-identified topics (DOMAIN.md): its free text — agenda items, decisions,
 * tasks, minutes — is screened as a topic is, and refused as `IDENTIFYING_DETAILS` with the field.
 * A case meeting's text is not: its members hold the duty of confidentiality.
 */
export function screenPolicyText(
  bodyKind: BodyKindValue,
  problems: InputProblems,
  text: string | null | undefined,
  field: string,
  label: string,
): void {
  if (HANDLES_INDIVIDUAL_CASES[bodyKind] || !text) return;
  problems.check(() => refuseIdentifyingDetails(text, field, label));
}

/**
 * A meeting's title and place reach every member before any pledge, their calendars (feeds read by
 * calendar services outside the city) and every list of meetings: whatever the body, they must not
 * identify anyone (支援会議（山田さん世帯）, 山田様宅), and are refused as `IDENTIFYING_DETAILS`.
 */
export function screenOpenText(problems: InputProblems, text: string | null | undefined, field: string, label: string): void {
  if (text) problems.check(() => refuseIdentifyingDetails(text, field, label));
}
