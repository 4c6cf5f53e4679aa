import { Directive, Field, ObjectType } from "type-graphql";
import { BadUserInputError } from "./errors.js";
import { isDate } from "./validation.js";

/** Relay page information, shared by every connection of the graph. */
@ObjectType("PageInfo", { description: "Where a page of a connection stands (ページ情報)." })
@Directive("@shareable")
export class PageInfo {
  @Field(() => Boolean, { description: "More items follow this page." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last item; pass it as `after` for the next page." })
  endCursor?: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Clamps a requested page size into [1, max]. */
export const pageSize = (first: number | null | undefined, max = MAX_PAGE_SIZE) => Math.min(Math.max(first ?? DEFAULT_PAGE_SIZE, 1), max);

/** Keyset cursors: the sort key of the last row, opaque to clients. */
export const encodeKey = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString("base64url");
export function decodeKey(cursor: string | null | undefined): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/** What each element of a keyset cursor must be: "date" a calendar day YYYY-MM-DD that exists (PostgreSQL's `date`). */
export type CursorPart = "int" | "uuid" | "instant" | "date";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_MESSAGE = "カーソルが不正です。前のページの endCursor をそのまま渡してください。";

/**
 * Decodes a client's `after` cursor and checks every element's type, so a forged cursor is refused
 * as bad input (BAD_USER_INPUT, field `after`) instead of reaching SQL. No cursor: `undefined`.
 */
export function decodePageCursor(cursor: string | null | undefined, parts: CursorPart[]): (string | number)[] | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const key = cursor.length <= 512 ? decodeKey(cursor) : undefined;
  const valid =
    key?.length === parts.length &&
    parts.every((part, i) => {
      const value = key[i];
      if (part === "int") return Number.isSafeInteger(value);
      if (part === "uuid") return typeof value === "string" && UUID.test(value);
      if (part === "date") return typeof value === "string" && isDate(value);
      return typeof value === "string" && value.length <= 40 && !Number.isNaN(Date.parse(value));
    });
  if (!valid) throw new BadUserInputError(CURSOR_MESSAGE, "after");
  return key as (string | number)[];
}

/** Builds a page from `size + 1` fetched rows (the extra one only says whether more follow). */
export function toPage<T>(rows: T[], size: number, keyOf: (row: T) => unknown[]): Page<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeKey(keyOf(node)), node }));
  return { nodes, edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
