import { parse, visit, type DocumentNode } from "graphql";

/** PostgreSQL text cannot hold NUL: such input is refused at the door, wherever it hides. */
export function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v));
  return false;
}

export const NUL_MESSAGE = "入力に使用できない文字（NUL）が含まれています。";

/** An escape in a GraphQL string that may decode to NUL (`\u0000`, `\u{0}`): the text holds none, the value would. */
const NUL_ESCAPE = /\\u(?:0000|\{0+\})/i;

/**
 * Whether an operation's text writes NUL in a string as an escape (`label: "a\u0000b"`: the text holds
 * no NUL, the argument does). Parsed (or `document`, its parse, walked) only when such an escape appears.
 */
export function writesNul(text: string, document?: DocumentNode): boolean {
  if (!NUL_ESCAPE.test(text)) return false;
  let found = false;
  try {
    visit(document ?? parse(text), {
      StringValue(node) {
        if (node.value.includes("\u0000")) found = true;
      },
    });
  } catch {
    return false; // not a document: refused as such further on
  }
  return found;
}

/** Whether a request body holds NUL anywhere PostgreSQL would get it: in any value (a variable), or written in its text. */
export function holdsNul(body: unknown): boolean {
  if (containsNul(body)) return true;
  const query = (body as { query?: unknown } | null)?.query;
  return typeof query === "string" && writesNul(query);
}
