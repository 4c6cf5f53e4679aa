import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { identitySchema, type Identity } from "./identity.js";

/**
 * Download tickets (ダウンロード用の署名付きURL): a short-lived, single-use permission for one caller
 * to fetch one file. A subgraph issues one after checking the caller may read the document; the
 * gateway serves the file by running the graph again as that caller, so the file never holds more
 * than the graph would show them, and every case read in it is audited like any other.
 */
export const fileDocumentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("minutes"), meetingId: z.string().min(1).max(100) }),
  z.object({
    kind: z.literal("fiscal-year-report"),
    fiscalYear: z.number().int(),
    format: z.enum(["xlsx", "csv"]),
    /** CSV: one sheet; absent for the workbook. */
    section: z.string().max(40).optional(),
  }),
]);
export type FileDocument = z.infer<typeof fileDocumentSchema>;

const ticketSchema = z.object({
  /** A ticket, never an identity signature: the two are signed with different keys as well. */
  t: z.literal("file"),
  id: identitySchema,
  doc: fileDocumentSchema,
  /** Expiry, ms since the epoch. */
  exp: z.number(),
  /** Random: the key of single use. */
  n: z.string().min(16),
});

/** Where the gateway serves a ticket's file (relative to the gateway's origin). */
export const FILES_PATH = "/files/";

/** How long a ticket lasts: long enough to click, too short to forward usefully. */
export const FILE_TICKET_LIFETIME_MS = 5 * 60_000;

/** The ticket key is derived from the identity secret, so an identity signature never passes as a ticket. */
const ticketKey = (secret: string) => createHmac("sha256", secret).update("marugoto-file-ticket-v1").digest();
const mac = (secret: string, payload: string) => createHmac("sha256", ticketKey(secret)).update(payload).digest("base64url");

export interface IssuedTicket {
  ticket: string;
  expiresAt: Date;
}

export function signFileTicket(identity: Identity, doc: FileDocument, secret: string, now = Date.now()): IssuedTicket {
  const exp = now + FILE_TICKET_LIFETIME_MS;
  const body = {
    t: "file",
    id: { sub: identity.sub, org: identity.org, roles: identity.roles },
    doc,
    exp,
    n: randomBytes(18).toString("base64url"),
  };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return { ticket: `${payload}.${mac(secret, payload)}`, expiresAt: new Date(exp) };
}

export type TicketResult =
  { ok: true; identity: Identity; doc: FileDocument; nonce: string; expiresAt: number } | { ok: false; reason: string };

/** Checks the signature and expiry; single use is the caller's (see `UsedTickets`). */
export function verifyFileTicket(ticket: string, secret: string, now = Date.now()): TicketResult {
  const [payload, signature, ...rest] = ticket.split(".");
  if (!payload || !signature || rest.length) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "bad signature" };
  let parsed;
  try {
    parsed = ticketSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const t = parsed.data;
  if (t.exp <= now) return { ok: false, reason: "expired" };
  if (t.exp > now + FILE_TICKET_LIFETIME_MS + 5_000) return { ok: false, reason: "lifetime too long" };
  return { ok: true, identity: t.id, doc: t.doc, nonce: t.n, expiresAt: t.exp };
}

/** Nonces of tickets already used, kept until they would have expired anyway. */
export class UsedTickets {
  private readonly used = new Map<string, number>();
  constructor(private readonly max = 100_000) {}

  /** True the first time a nonce is used; false after (or when full: refuse rather than forget). */
  use(nonce: string, expiresAt: number, now = Date.now()): boolean {
    for (const [n, exp] of this.used) {
      if (exp > now) break; // insertion order ~ expiry order: the oldest go first
      this.used.delete(n);
    }
    if (this.used.has(nonce) || this.used.size >= this.max) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }
}
