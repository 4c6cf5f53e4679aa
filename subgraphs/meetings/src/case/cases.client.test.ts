import { describe, expect, it } from "vitest";
import { caseDisclosuresFrom } from "./cases.client.js";

describe("the meetings subgraph's link to the cases subgraph", () => {
  it("is required in production, optional (nothing told) elsewhere, and read when used", () => {
    const secret = { IDENTITY_SECRET: "a-production-secret-of-some-length" };
    expect(() => caseDisclosuresFrom({ NODE_ENV: "production", ...secret })).toThrow(/CASES_URL must be set in production/);
    expect(caseDisclosuresFrom({ NODE_ENV: "production", CASES_URL: "http://cases:4003/graphql", ...secret })()).not.toBeNull();
    // A test stack names the cases subgraph once it is up, after the meetings subgraph booted.
    const env: NodeJS.ProcessEnv = { NODE_ENV: "test" };
    const link = caseDisclosuresFrom(env);
    expect(link()).toBeNull();
    env.CASES_URL = "http://127.0.0.1:4003/graphql";
    expect(link()).not.toBeNull();
  });
});
