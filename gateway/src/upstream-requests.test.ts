import { GraphQLError, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { documentNamed, refusalsAsResults } from "./upstream-requests.js";

/** An upstream stream that yields `results`, then throws `failure` (if any); records whether it was closed. */
function upstream(results: unknown[], failure?: unknown) {
  const state = { closed: 0 };
  const iterator: AsyncIterableIterator<unknown> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () => {
      if (results.length) return { done: false, value: results.shift() };
      if (failure !== undefined) throw failure;
      return new Promise<IteratorResult<unknown>>(() => {}); // waits for an event that never comes
    },
    return: async () => {
      state.closed += 1;
      return { done: true, value: undefined };
    },
  };
  return { iterator, state };
}

describe("upstream documents under the client's operation name", () => {
  const entities = parse(`query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }`);

  it("names an anonymous upstream operation after the client's, once per document and name", () => {
    const named = documentNamed(entities, "AgendaWithCase")!;
    expect(print(named)).toContain("query AgendaWithCase($representations");
    expect(documentNamed(entities, "AgendaWithCase")).toBe(named);
    expect(print(entities)).not.toContain("AgendaWithCase");
  });

  it("leaves a named operation, and a document of several, as they are", () => {
    expect(documentNamed(parse(`query Own { a }`), "Client")).toBeUndefined();
    expect(documentNamed(parse(`query A { a } query B { b }`), "Client")).toBeUndefined();
  });

  it("keeps a bounded number of names per document", () => {
    const doc = parse(`query { a }`);
    const first = Array.from({ length: 200 }, (_, i) => documentNamed(doc, `Op${i}`)!);
    const again = Array.from({ length: 200 }, (_, i) => documentNamed(doc, `Op${i}`)!);
    const kept = first.filter((d, i) => again[i] === d).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(200);
    expect(print(again[199]!)).toContain("query Op199");
  });
});

describe("an upstream subscription that ends by error", () => {
  it("passes a refusal on as its last result, with the subgraph's codes, as GraphQLErrors", async () => {
    const refusal = [{ message: "会議が見つかりません。", path: ["agendaChanged"], extensions: { code: "NOT_FOUND" } }];
    const { iterator } = upstream([], refusal);
    const stream = refusalsAsResults(iterator);
    const first = await stream.next();
    const errors = (first.value as { errors: GraphQLError[] }).errors;
    expect(errors[0]).toBeInstanceOf(GraphQLError);
    expect(errors[0]!.extensions.code).toBe("NOT_FOUND");
    expect(errors[0]!.path).toEqual(["agendaChanged"]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("turns a broken stream into SUBSCRIPTION_INTERRUPTED (retryable), and closes the upstream", async () => {
    const { iterator, state } = upstream([{ data: { n: 1 } }], new Error("socket closed"));
    const stream = refusalsAsResults(iterator);
    expect((await stream.next()).value).toEqual({ data: { n: 1 } });
    const broken = (await stream.next()).value as { errors: GraphQLError[] };
    expect(broken.errors.map((e) => [e.extensions.code, e.extensions.retryable])).toEqual([["SUBSCRIPTION_INTERRUPTED", true]]);
    expect((await stream.next()).done).toBe(true);
    expect(state.closed).toBe(1);
  });

  it("gives the errors of a result read off the socket as GraphQLErrors, codes kept", async () => {
    const { iterator } = upstream([{ data: null, errors: [{ message: "x", extensions: { code: "FORBIDDEN" } }] }]);
    const result = (await refusalsAsResults(iterator).next()).value as { errors: GraphQLError[] };
    expect(result.errors[0]).toBeInstanceOf(GraphQLError);
    expect(result.errors[0]!.extensions.code).toBe("FORBIDDEN");
  });

  it("closes the upstream at once when the client leaves, even while waiting for an event", async () => {
    const { iterator, state } = upstream([]);
    const stream = refusalsAsResults(iterator);
    void stream.next(); // pending: no event comes
    await stream.return!();
    expect(state.closed).toBe(1);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});
