import { describe, expect, it } from "vitest";
import { FILE_TICKET_LIFETIME_MS, signFileTicket, UsedTickets, verifyFileTicket } from "./file-ticket.js";
import { signIdentity } from "./identity.js";

const SECRET = "a-test-secret-of-sufficient-length";
const who = { sub: "user-nozei", org: "nozei", roles: ["staff"] };

describe("download tickets", () => {
  it("verify for the secret they were made with, carrying the caller and the document", () => {
    const { ticket, expiresAt } = signFileTicket(who, { kind: "minutes", meetingId: "m1" }, SECRET, 1_000);
    expect(expiresAt.getTime()).toBe(1_000 + FILE_TICKET_LIFETIME_MS);
    expect(verifyFileTicket(ticket, SECRET, 2_000)).toMatchObject({ ok: true, identity: who, doc: { kind: "minutes", meetingId: "m1" } });
    expect(verifyFileTicket(ticket, "another-secret-of-sufficient-len", 2_000)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("refuse a changed document or caller, an expired ticket, and an identity signature passed off as one", () => {
    const { ticket } = signFileTicket(who, { kind: "fiscal-year-report", fiscalYear: 2026, format: "xlsx" }, SECRET, 1_000);
    const [payload, mac] = ticket.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    for (const change of [
      (c: any) => (c.doc.fiscalYear = 2025),
      (c: any) => (c.id.roles = ["analyst"]),
      (c: any) => (c.exp += 3_600_000),
    ]) {
      const copy = structuredClone(claims);
      change(copy);
      expect(verifyFileTicket(`${Buffer.from(JSON.stringify(copy)).toString("base64url")}.${mac}`, SECRET, 2_000).ok).toBe(false);
    }
    expect(verifyFileTicket(ticket, SECRET, 1_000 + FILE_TICKET_LIFETIME_MS)).toEqual({ ok: false, reason: "expired" });
    const identity = signIdentity(who, SECRET, { kind: "ws", subgraph: "meetings", until: Date.now() + 60_000 });
    expect(verifyFileTicket(`${identity.identity}.${identity.signature}`, SECRET).ok).toBe(false);
    expect(verifyFileTicket("", SECRET).ok).toBe(false);
  });

  it("are used once", () => {
    const used = new UsedTickets();
    expect(used.use("nonce-1", 10_000, 1_000)).toBe(true);
    expect(used.use("nonce-1", 10_000, 2_000)).toBe(false);
    expect(used.use("nonce-2", 10_000, 2_000)).toBe(true);
    const full = new UsedTickets(1);
    expect(full.use("a", 10_000, 1_000)).toBe(true);
    expect(full.use("b", 10_000, 1_000)).toBe(false); // full: refused, never forgotten early
    expect(full.use("b", 20_000, 11_000)).toBe(true); // "a" expired and made room
  });
});
