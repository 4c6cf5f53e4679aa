/**
 * Event cursors: opaque strings to clients; inside, the sequence number of an event in its subgraph's
 * outbox (in the order the subgraph's event-writing transactions committed). The gateway reads them
 * too, to tell where two streams of one subgraph's events stand (`subscription-convergence.ts`).
 */
export const encodeCursor = (seq: number): string => Buffer.from(`e:${seq}`).toString("base64url");

/** The sequence number a cursor stands for; `undefined` for anything that is no cursor. */
export function decodeCursor(cursor: string | null | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^e:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match && Number.isSafeInteger(Number(match[1])) ? Number(match[1]) : undefined;
}
