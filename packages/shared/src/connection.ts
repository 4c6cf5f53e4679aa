import { Directive, Field, ObjectType } from "type-graphql";

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

/** Builds a page from `size + 1` fetched rows (the extra one only says whether more follow). */
export function toPage<T>(rows: T[], size: number, keyOf: (row: T) => unknown[]): Page<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeKey(keyOf(node)), node }));
  return { nodes, edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
