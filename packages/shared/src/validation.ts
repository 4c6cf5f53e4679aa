import { tokyoDate } from "./dates.js";
import { BadUserInputError } from "./errors.js";
import { RuleViolation } from "./mutation.js";
import { isKnownOrganization } from "./reference-data.js";

/** Input checks every subgraph shares; each refusal is a RuleViolation with a Japanese message. */

/** Organisation codes as the directory writes them. */
export const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,79}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot exist (and must not reach PostgreSQL as one). */
export const isUuid = (value: string | null | undefined): value is string => !!value && UUID.test(value);

/** Trims a required text and checks its length. */
export function requireText(value: string | null | undefined, field: string, label: string, max: number): string {
  const text = value?.trim() ?? "";
  if (!text) throw new RuleViolation("REQUIRED", `${label}を入力してください。`, [field]);
  if (text.length > max) throw new RuleViolation("TOO_LONG", `${label}は${max}文字以内で入力してください。`, [field]);
  return text;
}

/** An optional text: empty becomes null. */
export function optionalText(value: string | null | undefined, field: string, label: string, max: number): string | null {
  const text = value?.trim() ?? "";
  if (!text) return null;
  if (text.length > max) throw new RuleViolation("TOO_LONG", `${label}は${max}文字以内で入力してください。`, [field]);
  return text;
}

/** A calendar date YYYY-MM-DD that exists. */
export function requireDate(value: string, field: string, label: string): string {
  if (!isDate(value)) throw new RuleViolation("INVALID_DATE", `${label}の日付が正しくありません。`, [field]);
  return value;
}

/** Whether `value` is a calendar date YYYY-MM-DD that exists (2026-02-30 is not). */
export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return !!date && date.toISOString().slice(0, 10) === value;
}

/** A date (YYYY-MM-DD) of something already done: today or before in Tokyo, else DATE_IN_FUTURE naming the field. */
export function requirePastDate(value: string, field: string, label: string): string {
  const date = requireDate(value, field, label);
  if (date > tokyoDate()) throw new RuleViolation("DATE_IN_FUTURE", `${label}に未来の日付は指定できません。`, [field]);
  return date;
}

/**
 * An organisation code as the directory writes it, or a user error (INVALID_ORGANIZATION_CODE)
 * naming the field; `label` is the field's Japanese name (e.g. つなぎ先), if the message should say it.
 */
export function requireOrganizationCode(value: string, field: string, label?: string): string {
  if (!ORG_CODE.test(value))
    throw new RuleViolation("INVALID_ORGANIZATION_CODE", `${label ? `${label}の` : ""}組織コードが正しくありません。`, [field]);
  return value;
}

/**
 * An organisation code as the directory writes it, for paths that have no userErrors (a query
 * argument, a subscription): otherwise a thrown BadUserInputError with the same message, naming the field.
 */
export function parseOrganizationCode(value: string, field: string, label?: string): string {
  if (!ORG_CODE.test(value)) throw new BadUserInputError(`${label ? `${label}の` : ""}組織コードが正しくありません。`, field);
  return value;
}

/** A list of organisation codes, deduplicated. */
export function requireOrgCodes(codes: string[], field: string): string[] {
  const bad = codes.find((c) => !ORG_CODE.test(c));
  if (bad !== undefined) throw new RuleViolation("INVALID_ORGANIZATION_CODE", `組織コード「${bad}」が正しくありません。`, [field]);
  return [...new Set(codes)];
}

/** Codes of organisations that all exist in the directory, each once; else a user error naming the first that does not. */
export function requireKnownOrgCodes(codes: string[], field: string): string[] {
  const checked = requireOrgCodes(codes, field);
  const unknown = checked.find((c) => !isKnownOrganization(c));
  if (unknown !== undefined)
    throw new RuleViolation("UNKNOWN_ORGANIZATION", `組織コード「${unknown}」の組織は組織名簿にありません。`, [field]);
  return checked;
}

/**
 * A code of an organisation that exists in the directory, or a user error naming the field
 * (`label` is the field's Japanese name, e.g. 報告者).
 */
export function requireKnownOrganization(code: string, field: string, label: string): string {
  if (!ORG_CODE.test(code))
    throw new RuleViolation("INVALID_ORGANIZATION_CODE", `${label}の組織コード「${code}」が正しくありません。`, [field]);
  if (!isKnownOrganization(code))
    throw new RuleViolation("UNKNOWN_ORGANIZATION", `${label}の組織コード「${code}」の組織は組織名簿にありません。`, [field]);
  return code;
}
