import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { isAsyncIterable, mapAsyncIterator } from "@graphql-tools/utils";

/**
 * What graphql-js appends to a message when a name is close to one the schema holds (`didYouMean`):
 * ` Did you mean "a"?`, ` Did you mean "a" or "b"?`, ` Did you mean "a", "b", or "c"?`, the quoted
 * names optionally after words such as `the enum value` or `to use an inline fragment on`.
 */
const SUGGESTION = / Did you mean (?:[a-z]+ )*"[^"]*"(?:(?:, |,? or )"[^"]*")*\?/g;

const suggests = (error: unknown): boolean =>
  !!error &&
  typeof error === "object" &&
  typeof (error as { message?: unknown }).message === "string" &&
  (error as Error).message.includes(" Did you mean ");

/** The error with its message's suggestions cut: the same kind of object, every other property kept. */
function withoutSuggestion(error: object): object {
  const copy = Object.create(Object.getPrototypeOf(error) as object | null, Object.getOwnPropertyDescriptors(error)) as { message: string };
  copy.message = copy.message.replace(SUGGESTION, "");
  return copy;
}

interface ErrorsHolder {
  errors?: unknown;
  incremental?: unknown;
  completed?: unknown;
}

/** One result (or one incremental part) with no suggestion left in its errors or its parts' errors. */
function cleanResult(result: unknown): unknown {
  if (!result || typeof result !== "object") return result;
  const holder = result as ErrorsHolder;
  let cleaned: ErrorsHolder | undefined;
  if (Array.isArray(holder.errors) && holder.errors.some(suggests))
    cleaned = { ...holder, errors: holder.errors.map((e: unknown) => (suggests(e) ? withoutSuggestion(e as object) : e)) };
  for (const parts of ["incremental", "completed"] as const) {
    const list = holder[parts];
    if (!Array.isArray(list)) continue;
    const mapped = list.map(cleanResult);
    if (mapped.some((part, i) => part !== list[i])) cleaned = { ...(cleaned ?? holder), [parts]: mapped };
  }
  return cleaned ?? result;
}

/** A result, a batch of them, or a stream of them (each value cleaned as it comes). */
function cleanAnswer(answer: unknown): unknown {
  if (Array.isArray(answer)) {
    const cleaned = answer.map(cleanAnswer);
    return cleaned.some((one, i) => one !== answer[i]) ? cleaned : answer;
  }
  if (isAsyncIterable(answer)) return mapAsyncIterator(answer, cleanResult);
  return cleanResult(answer);
}

/**
 * In production no answer names what the schema holds: every "Did you mean …?" is cut from every
 * error message, the rest of the message and the error's code unchanged. Validation's suggestions are
 * cut where they arise (`blockFieldSuggestionsPlugin`), but not every one (an enum value, an inline
 * fragment), and a variable's coercion, which runs at execution, suggests input fields and enum
 * values too. `onExecutionResult` sees each operation's answer over HTTP and graphql-ws (ws.ts runs
 * operations through the runtime's `getResultForParams`) and wraps a stream; `onResultProcess` sees
 * every HTTP answer, errors raised before any operation ran included (a stream is already wrapped).
 */
export function withoutSuggestions(): GatewayPlugin {
  return {
    onExecutionResult({ result, setResult }) {
      const cleaned = cleanAnswer(result);
      if (cleaned !== result) setResult(cleaned as NonNullable<typeof result>);
    },
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) return;
      const cleaned = cleanAnswer(result);
      if (cleaned !== result) setResult(cleaned as typeof result);
    },
  };
}
