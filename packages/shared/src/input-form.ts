import type { UserError } from "./mutation.js";

/**
 * A mutation that takes its fields as one `input` object and, deprecated, as the flat arguments it
 * took before: exactly one form must be given. Both forms come out as the same plain object, so that
 * the service sees one shape and an idempotency key hashes the same request whichever form carried it.
 */
export type InputForm<T> = { input: T; userErrors: [] } | { input: null; userErrors: UserError[] };

/** The flat arguments of a mutation, by the names its input object's fields have. */
export type FlatArguments<T> = { [K in keyof T]?: T[K] | null };

/** The flat arguments that are required when the flat form is used, each with its Japanese name. */
export type RequiredFlatArguments<T> = Partial<Record<keyof T & string, string>>;

/** The given fields only (an omitted field is left out; an explicit null is kept, it may mean "clear"). */
const given = <T extends object>(fields: T): T => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;

/**
 * The one form a mutation was given, as a plain object of its fields; or, when both forms, neither
 * or a flat form missing a required argument came, every such problem as a user error (nothing is
 * run). A flat argument sent as null counts as not sent.
 */
export function chooseInputForm<T extends object>(
  input: T | null | undefined,
  flat: FlatArguments<T>,
  required: RequiredFlatArguments<T>,
): InputForm<T> {
  const flatGiven = Object.values(flat).some((v) => v != null);
  if (input != null && flatGiven) {
    const message = "input と個別の引数は同時に指定できません。input だけを指定してください。";
    return { input: null, userErrors: [{ code: "CONFLICTING_INPUT_FORMS", message, field: ["input"] }] };
  }
  if (input != null) return { input: given(input), userErrors: [] };
  if (!flatGiven) return { input: null, userErrors: [{ code: "INPUT_REQUIRED", message: "input を指定してください。", field: ["input"] }] };
  const missing = (Object.entries(required) as [keyof T & string, string][]).filter(([name]) => flat[name] == null);
  if (missing.length)
    return {
      input: null,
      userErrors: missing.map(([name, label]) => ({ code: "REQUIRED", message: `${label}を指定してください。`, field: [name] })),
    };
  return { input: given(flat) as T, userErrors: [] };
}

/** Why a flat argument is deprecated, the same on every mutation that still takes them. */
const FLAT_ARGUMENT_DEPRECATION = "Use `input` instead; the flat arguments will be removed.";

/** Options of a deprecated flat argument: nullable (`input` may be given instead), described, deprecated. */
export const deprecatedFlatArg = (description: string) => ({ nullable: true, description, deprecationReason: FLAT_ARGUMENT_DEPRECATION });
