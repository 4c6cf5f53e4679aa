import { describe, expect, it } from "vitest";
import { verifyIdentity } from "@marugoto/shared/core";
import { socketSignatures } from "./identity.js";

const SECRET = "identity-plugin-test-secret-0123456789";
const identity = { sub: "u1", org: "nozei", roles: ["staff"] };

describe("an upstream socket's connection parameters", () => {
  it("are signed for each subgraph apart, when first read, the same at every later read, to end at the token's expiry", () => {
    const until = Date.now() + 60_000;
    const signatures = socketSignatures(identity, until, SECRET, ["meetings", "cases"]);
    // Listing or copying the context signs nothing.
    expect(Object.keys(signatures)).toEqual([]);
    const meetings = signatures.meetings!;
    expect(signatures.meetings).toBe(meetings);
    expect(verifyIdentity(meetings, SECRET, 30_000, { kind: "ws", subgraph: "meetings" })).toMatchObject({ ok: true, identity, until });
    expect(verifyIdentity(meetings, SECRET, 30_000, { kind: "ws", subgraph: "cases" })).toEqual({ ok: false, reason: "wrong subgraph" });
    expect(signatures.cases!.signature).not.toBe(meetings.signature);
    expect(verifyIdentity(signatures.cases, SECRET, 30_000, { kind: "ws", subgraph: "cases" })).toMatchObject({ ok: true, until });
    // A subgraph the gateway does not know of is given no signature at all.
    expect(signatures.hubs).toBeUndefined();
  });
});
