import { describe, expect, it } from "vitest";
import { signIdentity, verifyIdentity } from "./identity.js";

const secret = "a-test-secret-of-enough-length";
const identity = { sub: "u1", org: "nozei", roles: ["staff"] };

describe("signed identity between gateway and subgraphs", () => {
  it("verifies what was signed with the same secret", () => {
    expect(verifyIdentity(signIdentity(identity, secret), secret, 30_000)).toEqual({ ok: true, identity });
  });

  it("refuses a missing signature", () => {
    expect(verifyIdentity({ identity: signIdentity(identity, secret).identity }, secret, 30_000)).toEqual({ ok: false, reason: "unsigned" });
    expect(verifyIdentity(undefined, secret, 30_000)).toEqual({ ok: false, reason: "unsigned" });
  });

  it("refuses another secret's signature and a changed identity", () => {
    expect(verifyIdentity(signIdentity(identity, "another-secret-entirely"), secret, 30_000)).toMatchObject({ ok: false, reason: "bad signature" });
    const signed = signIdentity(identity, secret);
    const forged = Buffer.from(JSON.stringify({ ...identity, org: "shakyo", iat: Date.now() })).toString("base64url");
    expect(verifyIdentity({ identity: forged, signature: signed.signature }, secret, 30_000)).toMatchObject({ ok: false, reason: "bad signature" });
  });

  it("refuses a replay after the window, and a signature from the future", () => {
    const now = Date.now();
    const signed = signIdentity(identity, secret, now);
    expect(verifyIdentity(signed, secret, 30_000, now + 29_000).ok).toBe(true);
    expect(verifyIdentity(signed, secret, 30_000, now + 31_000)).toEqual({ ok: false, reason: "stale" });
    expect(verifyIdentity(signed, secret, 30_000, now - 31_000)).toEqual({ ok: false, reason: "stale" });
  });

  it("binds an HTTP signature to its operation", () => {
    const signed = signIdentity(identity, secret, Date.now(), "{ organizations { code } }");
    expect(verifyIdentity(signed, secret, 30_000, Date.now(), "{ organizations { code } }").ok).toBe(true);
    expect(verifyIdentity(signed, secret, 30_000, Date.now(), "mutation { breakGlass(caseId: \"x\", reason: \"r\") { userErrors { code } } }")).toEqual({ ok: false, reason: "operation mismatch" });
    // A connection-level signature (graphql-ws) carries no operation and is not accepted for an HTTP call.
    expect(verifyIdentity(signIdentity(identity, secret), secret, 30_000, Date.now(), "{ x }")).toEqual({ ok: false, reason: "operation mismatch" });
  });
});
