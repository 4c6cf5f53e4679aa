import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { listCostEstimator, listCostRule } from "./list-cost.js";

const schema = buildSchema(`
  type Query { bodies: [Body!]! log(first: Int, after: String): EntryConnection! }
  type Body { code: String! members: [Org!]! }
  type Org { code: String! bodies: [Body!]! }
  type EntryConnection { edges: [EntryEdge!]! }
  type EntryEdge { node: Entry! }
  type Entry { id: ID! tags: [String!]! }
`);
const cost = (query: string) => {
  const document = parse(query);
  return listCostEstimator(schema, document.definitions, 20)(document.definitions.find((d) => d.kind === "OperationDefinition")!);
};

describe("list cost", () => {
  it("multiplies by the estimated size of each list", () => {
    expect(cost(`{ bodies { code } }`)).toBe(1 + 20);
    expect(cost(`{ bodies { members { code } } }`)).toBe(1 + 20 + 400);
    expect(cost(`{ bodies { members { bodies { members { code } } } } }`)).toBe(1 + 20 + 400 + 8_000 + 160_000);
  });

  it("takes a connection's literal page size (bounded), or its default page", () => {
    expect(cost(`{ log(first: 5) { edges { node { id } } } }`)).toBe(1 + 1 + 5 + 5);
    expect(cost(`{ log(first: 100000) { edges { node { id } } } }`)).toBe(1 + 1 + 500 + 500);
    // A page size in a variable is unknown at validation: it counts as the largest page (500).
    expect(cost(`query ($n: Int) { log(first: $n) { edges { node { id } } } }`)).toBe(1 + 1 + 500 + 500);
    expect(cost(`{ log { edges { node { id } } } }`)).toBe(1 + 1 + 50 + 50);
  });

  it("follows fragments, and counts __typename", () => {
    expect(cost(`{ bodies { ...B } } fragment B on Body { code __typename members { ... on Org { code } } }`)).toBe(1 + 20 + 20 + 20 + 400);
  });

  it("stops counting a fragment bomb soon after the limit", () => {
    const bomb = `{ ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ${i === 29 ? "bodies { code }" : `...F${i + 1} a${i}: bodies { code } ...F${i + 1}`} }`).join(" ")}`;
    const document = parse(bomb);
    const started = Date.now();
    expect(listCostEstimator(schema, document.definitions, 20, 1000)(document.definitions[0] as never)).toBeGreaterThan(1000);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it("prices as unbounded a bomb of spreads that cost nothing, after a bounded number of visits", () => {
    // 40 levels, each spreading the next twice, ending in a fragment that does not exist: 2^40 spreads, no field.
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const document = parse(`{ ...F0 } ${levels} fragment F40 on Query { ...Missing }`);
    expect(listCostEstimator(schema, document.definitions, 20, 200_000)(document.definitions[0] as never)).toBe(Infinity);
    const errors = validate(schema, document, [listCostRule({ maxCost: 200_000 })]);
    expect(errors.map((e) => e.extensions?.code)).toEqual(["QUERY_TOO_COSTLY"]);
  });

  it("counts the visits of the whole document: operations spreading one bomb share one budget", () => {
    // About 12,000 visits each: one operation alone stays within the 20,000, two together do not.
    const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const fragments = `${levels} fragment F12 on Query { ...Missing }`;
    const costly = (document: string) =>
      validate(schema, parse(document), [listCostRule({ maxCost: 200_000 })]).map((e) => e.extensions?.code);
    expect(costly(`query A { ...F0 } ${fragments}`)).toEqual([]);
    expect(costly(`query A { ...F0 } query B { ...F0 } ${fragments}`)).toEqual(["QUERY_TOO_COSTLY"]);
  });

  it("refuses over the limit with a code", () => {
    const errors = validate(schema, parse(`{ bodies { members { code } } }`), [listCostRule({ maxCost: 100 })]);
    expect(errors[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(validate(schema, parse(`{ bodies { code } }`), [listCostRule({ maxCost: 100 })])).toEqual([]);
  });
});
