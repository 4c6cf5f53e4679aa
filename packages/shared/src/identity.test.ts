import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bodyDigest, hasRole, ReplayGuard, ROLES, signIdentity, verifyIdentity } from "./identity.js";

const secret = "a-test-secret-of-enough-length";
const identity = { sub: "u1", org: "nozei", roles: ["staff"] };
/** A socket to the meetings subgraph, to end in an hour (as a token's expiry would). */
const UNTIL = Date.now() + 3_600_000;
const WS = { kind: "ws", subgraph: "meetings", until: UNTIL } as const;
const body = (query: string, variables: Record<string, unknown> = {}, subgraph = "cases") =>
  ({ kind: "http", subgraph, body: JSON.stringify({ query, variables }) }) as const;

describe("signed identity between gateway and subgraphs", () => {
  it("verifies what was signed with the same secret", () => {
    expect(verifyIdentity(signIdentity(identity, secret, WS), secret, 30_000, WS)).toMatchObject({ ok: true, identity });
  });

  it("refuses a missing signature", () => {
    expect(verifyIdentity({ identity: signIdentity(identity, secret, WS).identity }, secret, 30_000, WS)).toEqual({
      ok: false,
      reason: "unsigned",
    });
    expect(verifyIdentity(undefined, secret, 30_000, WS)).toEqual({ ok: false, reason: "unsigned" });
  });

  it("refuses another secret's signature and a changed identity", () => {
    expect(verifyIdentity(signIdentity(identity, "another-secret-entirely", WS), secret, 30_000, WS)).toMatchObject({
      ok: false,
      reason: "bad signature",
    });
    const signed = signIdentity(identity, secret, WS);
    const forged = Buffer.from(JSON.stringify({ ...identity, org: "shakyo", iat: Date.now(), k: "ws", n: "abcdefghijkl" })).toString(
      "base64url",
    );
    expect(verifyIdentity({ identity: forged, signature: signed.signature }, secret, 30_000, WS)).toMatchObject({
      ok: false,
      reason: "bad signature",
    });
  });

  it("refuses an envelope of the wrong shape even when its signature is good, and keeps nothing else it carries", () => {
    const now = Date.now();
    // Signed with the right secret: only the envelope's shape can refuse these.
    const sealed = (envelope: unknown) => {
      const payload = Buffer.from(JSON.stringify(envelope)).toString("base64url");
      return { identity: payload, signature: createHmac("sha256", secret).update(payload).digest("base64url") };
    };
    const good = { ...identity, iat: now, k: "ws", s: "meetings", n: "abcdefghijkl", x: now + 60_000 };
    expect(verifyIdentity(sealed(good), secret, 30_000, WS, now)).toEqual({ ok: true, identity, signedAt: now, until: now + 60_000 });
    const wrong: unknown[] = [
      null,
      [good],
      "u1",
      { ...good, sub: "" },
      { ...good, sub: 1 },
      { ...good, org: undefined },
      { ...good, org: ["nozei"] },
      { ...good, roles: "staff" },
      { ...good, roles: ["staff", 1] },
      { ...good, roles: undefined },
      { ...good, iat: String(now) },
      { ...good, iat: undefined },
      { ...good, k: "tcp" },
      { ...good, k: undefined },
      { ...good, n: "short" },
      { ...good, n: 12345678901 },
      { ...good, b: 1 },
      { ...good, s: undefined },
      { ...good, s: "" },
      { ...good, s: ["meetings"] },
      // A socket's envelope without its end would be good for as long as the socket stays open.
      { ...good, x: undefined },
      { ...good, x: String(now + 60_000) },
      { ...good, x: null },
    ];
    for (const envelope of wrong) {
      expect(verifyIdentity(sealed(envelope), secret, 30_000, WS, now), JSON.stringify(envelope)).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
    const extra = verifyIdentity(sealed({ ...good, admin: true, roles: ["staff"], org: "nozei" }), secret, 30_000, WS, now);
    expect(extra).toEqual({ ok: true, identity, signedAt: now, until: now + 60_000 });
    if (extra.ok) expect(Object.keys(extra.identity).sort()).toEqual(["org", "roles", "sub"]);
  });

  it("refuses a replay after the window, and a signature from the future", () => {
    const now = Date.now();
    const signed = signIdentity(identity, secret, WS, now);
    expect(verifyIdentity(signed, secret, 30_000, WS, now + 29_000).ok).toBe(true);
    expect(verifyIdentity(signed, secret, 30_000, WS, now + 31_000)).toEqual({ ok: false, reason: "stale" });
    expect(verifyIdentity(signed, secret, 30_000, WS, now - 31_000)).toEqual({ ok: false, reason: "stale" });
  });

  it("binds an HTTP signature to its exact body: document, operation name and variables", () => {
    const query = "query Audit($c: ID) { auditLog(caseId: $c) { edges { node { caseId } } } }";
    const signed = signIdentity(identity, secret, body(query, { c: "1" }));
    expect(verifyIdentity(signed, secret, 30_000, body(query, { c: "1" })).ok).toBe(true);
    expect(verifyIdentity(signed, secret, 30_000, body(query, { c: "2" }))).toEqual({ ok: false, reason: "operation mismatch" });
    expect(verifyIdentity(signed, secret, 30_000, body("{ x }"))).toEqual({ ok: false, reason: "operation mismatch" });
  });

  it("binds the same way with the body's digest taken once for many calls", () => {
    const text = JSON.stringify({ query: "{ x }" });
    const digest = bodyDigest(text);
    const signed = signIdentity(identity, secret, { kind: "http", subgraph: "cases", body: text, digest });
    expect(verifyIdentity(signed, secret, 30_000, { kind: "http", subgraph: "cases", body: text, digest }).ok).toBe(true);
    expect(verifyIdentity(signed, secret, 30_000, { kind: "http", subgraph: "cases", body: text }).ok).toBe(true);
    expect(verifyIdentity(signed, secret, 30_000, { kind: "http", subgraph: "cases", body: "{}", digest: bodyDigest("{}") })).toEqual({
      ok: false,
      reason: "operation mismatch",
    });
  });

  it("never takes one kind for the other: an HTTP signature opens no socket, a socket's fits no call", () => {
    expect(verifyIdentity(signIdentity(identity, secret, body("{ x }")), secret, 30_000, WS)).toEqual({ ok: false, reason: "wrong kind" });
    expect(verifyIdentity(signIdentity(identity, secret, WS), secret, 30_000, body("{ x }"))).toEqual({ ok: false, reason: "wrong kind" });
  });

  it("binds a signature to the subgraph it is addressed to: a call or socket signed for one is refused by another", () => {
    const query = "{ x }";
    const forMeetings = signIdentity(identity, secret, body(query, {}, "meetings"));
    expect(verifyIdentity(forMeetings, secret, 30_000, body(query, {}, "cases"))).toEqual({ ok: false, reason: "wrong subgraph" });
    expect(verifyIdentity(forMeetings, secret, 30_000, body(query, {}, "meetings")).ok).toBe(true);
    const socket = signIdentity(identity, secret, WS);
    expect(verifyIdentity(socket, secret, 30_000, { kind: "ws", subgraph: "cases" })).toEqual({ ok: false, reason: "wrong subgraph" });
    expect(verifyIdentity(socket, secret, 30_000, { kind: "ws", subgraph: "meetings" })).toMatchObject({ ok: true, until: UNTIL });
  });

  it("gives a socket's signed end, and refuses a socket's signature whose end has passed", () => {
    const now = Date.now();
    const socket = (until: number) => signIdentity(identity, secret, { kind: "ws", subgraph: "meetings", until }, now);
    expect(verifyIdentity(socket(now + 5_000), secret, 30_000, WS, now)).toEqual({ ok: true, identity, signedAt: now, until: now + 5_000 });
    expect(verifyIdentity(socket(now), secret, 30_000, WS, now)).toEqual({ ok: false, reason: "expired" });
    expect(verifyIdentity(socket(now + 5_000), secret, 30_000, WS, now + 6_000)).toEqual({ ok: false, reason: "expired" });
    // An HTTP signature carries no end: it is good once, within the window.
    expect(verifyIdentity(signIdentity(identity, secret, body("{ x }"), now), secret, 30_000, body("{ x }"), now)).toEqual({
      ok: true,
      identity,
      signedAt: now,
    });
  });

  it("signs identical calls differently (a nonce), so single use never refuses a legitimate twin", () => {
    const now = Date.now();
    expect(signIdentity(identity, secret, body("{ x }"), now).signature).not.toBe(
      signIdentity(identity, secret, body("{ x }"), now).signature,
    );
  });

  it("never repeats a nonce, across the blocks of random bytes they are cut from", () => {
    const now = Date.now();
    const nonceOf = () =>
      (JSON.parse(Buffer.from(signIdentity(identity, secret, WS, now).identity, "base64url").toString()) as { n: string }).n;
    const seen = Array.from({ length: 3_000 }, nonceOf);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((n) => n.length === 16)).toBe(true);
  });
});

describe("replay guard", () => {
  it("accepts a signature once within its window, and forgets it after", () => {
    const guard = new ReplayGuard(30_000);
    const now = 1_000_000;
    expect(guard.use("sig", now, now)).toBe("ok");
    expect(guard.use("sig", now, now + 29_000)).toBe("replayed");
    guard.use("other", now + 60_000, now + 60_000);
    expect(guard.size).toBe(1);
  });

  it("is bounded: full of live signatures, it refuses rather than forget one", () => {
    const guard = new ReplayGuard(30_000, 3);
    const now = 1_000_000;
    for (const s of ["a", "b", "c"]) expect(guard.use(s, now, now)).toBe("ok");
    expect(guard.use("d", now, now + 1)).toBe("full");
    expect(guard.use("a", now, now + 2)).toBe("replayed");
    expect(guard.use("d", now + 31_000, now + 31_000)).toBe("ok");
  });
});

describe("roles", () => {
  it("grants a role the token carries, and only that one", () => {
    const chair = { sub: "u2", org: "seikatsu-fukushi", roles: ["staff", ROLES.chair] };
    expect(hasRole(chair, "chair")).toBe(true);
    expect(hasRole(chair, "staff")).toBe(true);
    expect(hasRole(chair, "secretary")).toBe(false);
    expect(hasRole({ roles: ["Chair", "admin"] }, "chair")).toBe(false);
  });
});
