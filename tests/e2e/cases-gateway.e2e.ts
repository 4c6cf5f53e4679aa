import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";

/** What the cases subgraph answers through the gateway when it refuses, and how it audits entity reads. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("refusals through the gateway", () => {
  it("answers FORBIDDEN for each of two refused root fields in one document, never INTERNAL_SERVER_ERROR", async () => {
    const token = await stack.token("koho");
    for (const query of [
      `query Both { a: auditLog { edges { node { ground } } } b: breakGlassReviews { id } }`,
      `query BothReversed { b: breakGlassReviews { id } a: auditLog { edges { node { ground } } } }`,
    ]) {
      const res = await post(stack.gateway.url, query, {}, bearer(token));
      expect(res.data).toEqual(expect.objectContaining({ a: null, b: null }));
      const codes = Object.fromEntries(res.errors!.map((e) => [e.path![0], e.extensions!.code]));
      expect(codes).toEqual({ a: "FORBIDDEN", b: "FORBIDDEN" });
    }
  });
});
