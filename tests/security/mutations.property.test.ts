import fc from "fast-check";
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_IDS, type SubgraphDefinition } from "@marugoto/shared";
import { SUBGRAPHS } from "../../scripts/subgraphs.js";
import { startSubgraph, type TestSubgraph } from "../helpers/subgraph.js";

/**
 * Property-based bad input over every mutation of every subgraph: whatever the arguments, no
 * INTERNAL_SERVER_ERROR, the server keeps answering, and a refused mutation changes nothing.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);

const uuid = fc.uuid();
// Ids that exist in the seed, so that mutations also get past "not found" into their rules.
const known = fc.constantFrom(SEED_IDS.supportMeeting, ...Object.values(SEED_IDS.cases));
const ids = fc.oneof(known, uuid, fc.constantFrom("", "x", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "' or 1=1 --"));
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom("", " ", "山田さん", "\u0000", "x".repeat(5000), "<script>alert(1)</script>", "'; drop table x; --"),
);
const dates = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date("1900-01-01"), max: new Date("2100-01-01") }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("2024-02-30", "0000-00-00", "2025-13-01"),
);
const instants = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date("1990-01-01"), max: new Date("2100-01-01") }).map((d) => d.toISOString()),
  fc.constantFrom("2025-01-01T00:00:00+09:00"),
);
// Page cursors: garbage, and well-encoded keys of the wrong shape (what a forger would send).
const forgedKey = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
const cursors = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "x",
    "",
    "e:1",
    Buffer.from("e:99999999999999999999999").toString("base64url"),
    forgedKey([]),
    forgedKey(["x"]),
    forgedKey([1e300]),
    forgedKey(["not-a-date", "x"]),
    forgedKey([null, null]),
    forgedKey({ a: 1 }),
  ),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null)), { maxLength: 3 }).map(forgedKey),
);
const months = fc.oneof(
  fc.constantFrom("2025-01", "2025-1", "2025-13", "2025-00", "0000-01", "9999-12", "x", ""),
  fc.string(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 7)),
);
const codes = fc.oneof(
  fc.constantFrom("nozei", "shakyo", "seikatsu-fukushi", "marugoto-council", "support-meeting", "NOT A CODE", ""),
  fc.string(),
);

/** An arbitrary for a GraphQL input type: well-typed (so resolvers run), null only where allowed. */
function arbitraryFor(type: GraphQLInputType, name: string, depth = 0, required = false): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return arbitraryFor(type.ofType, name, depth, true);
  const nullable = (a: fc.Arbitrary<unknown>) =>
    required ? a : fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  if (type instanceof GraphQLList) return nullable(fc.array(arbitraryFor(type.ofType, name, depth + 1), { maxLength: depth > 1 ? 2 : 5 }));
  if (type instanceof GraphQLEnumType) return nullable(fc.constantFrom(...type.getValues().map((v) => v.value)));
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 3 && !required) return fc.constant(null);
    const fields = Object.values(type.getFields());
    return nullable(fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryFor(f.type, f.name, depth + 1)]))));
  }
  const scalar = (type as GraphQLScalarType).name;
  const lower = name.toLowerCase();
  switch (scalar) {
    case "ID":
      return nullable(ids);
    case "Int":
      return nullable(fc.oneof(fc.integer({ min: -5, max: 20 }), fc.integer(), fc.constantFrom(0, -1, 2 ** 31 - 1)));
    case "Float":
      return nullable(fc.double({ noNaN: true }));
    case "Boolean":
      return nullable(fc.boolean());
    case "LocalDate":
      return nullable(dates);
    case "DateTimeISO":
      return nullable(instants);
    default:
      if (lower.includes("code")) return nullable(codes);
      if (lower === "after" || lower.endsWith("cursor")) return nullable(cursors);
      if (lower === "month" || lower === "from" || lower === "to") return nullable(months);
      return nullable(text);
  }
}

/** Roles a caller may hold: the mutation is tried as chair, as staff, as an auditor. */
const callers: [string, string[]][] = [
  ["fukushi-suishin-bu", ["chair"]],
  ["seikatsu-fukushi", ["chair", "secretary"]],
  ["self-reliance-support-agency", ["staff"]],
  ["shakyo", ["staff"]],
  ["nozei", ["auditor"]],
];

async function snapshot(sg: TestSubgraph, schema: string): Promise<string> {
  const em = sg.running.em.fork();
  const tables = await em.execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = ? and table_name <> 'mikro_orm_migrations' order by 1`,
    [schema],
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await em.execute<{ h: string | null; n: string }[]>(
      `select md5(string_agg(t::text, '|' order by t::text)) as h, count(*) as n from "${schema}"."${table_name}" t`,
    );
    parts.push(`${table_name}:${row!.n}:${row!.h}`);
  }
  return parts.join("\n");
}

function selectionFor(schema: GraphQLSchema, field: string): string {
  const type = getNamedType(schema.getMutationType()!.getFields()[field]!.type);
  const fields = "getFields" in type ? Object.keys((type as { getFields(): Record<string, unknown> }).getFields()) : [];
  return fields.includes("userErrors") ? "{ userErrors { code message } }" : fields.length ? "{ __typename }" : "";
}

// Which subgraphs have mutations is decided here, when the tests are collected, so that none is
// left out silently inside a test (the directory has none: it is reference data).

const withMutations: [string, SubgraphDefinition<any, any>][] = [];
for (const def of SUBGRAPHS)
  if (Object.keys((await def.buildSchema()).getMutationType()?.getFields() ?? {}).length) withMutations.push([def.name, def]);

it("tries the mutations of every subgraph that writes", () => {
  expect(withMutations.map(([name]) => name).sort()).toEqual(["cases", "hubs", "meetings"]);
});

describe.each(withMutations)("every %s mutation under random input", (name, def) => {
  let sg: TestSubgraph;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    sg = await startSubgraph(def);
    schema = await def.buildSchema();
  });
  afterAll(() => sg?.close());

  it("never fails internally, and writes nothing when it refuses", async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const refusalsChecked = new Map<string, number>();
    for (const mutation of mutations) {
      const args: readonly GraphQLArgument[] = mutation.args;
      const variables = fc.record(Object.fromEntries(args.map((a) => [a.name, arbitraryFor(a.type, a.name)])));
      const signature = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
      const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
      const document = `mutation${signature ? `(${signature})` : ""} { ${mutation.name}${call ? `(${call})` : ""} ${selectionFor(schema, mutation.name)} }`;
      await fc.assert(
        fc.asyncProperty(variables, fc.constantFrom(...callers), async (vars, [org, roles]) => {
          const before = await snapshot(sg, name);
          const res = await sg.query<Record<string, { userErrors?: unknown[] } | null>>(document, vars, org, roles);
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          expect(codes, `${mutation.name} ${JSON.stringify(vars).slice(0, 300)}`).not.toContain("INTERNAL_SERVER_ERROR");
          expect(res.status).toBeLessThan(500);
          const payload = res.data?.[mutation.name];
          const refused = (res.errors?.length ?? 0) > 0 || !payload || (payload.userErrors?.length ?? 0) > 0;
          if (refused) {
            expect(await snapshot(sg, name), `${mutation.name} refused but wrote`).toBe(before);
            refusalsChecked.set(mutation.name, (refusalsChecked.get(mutation.name) ?? 0) + 1);
          }
        }),
        { numRuns: RUNS },
      );
    }
    // Random input is refused often enough that the "writes nothing" check ran for most mutations.
    expect(refusalsChecked.size, JSON.stringify([...refusalsChecked])).toBeGreaterThanOrEqual(Math.ceil(mutations.length / 2));
    // Still answering afterwards.
    expect((await sg.query(`{ __typename }`)).data).toEqual({ __typename: "Query" });
  }, 300_000);
});

/** The smallest selection that runs a query field's resolver. */
function querySelection(schema: GraphQLSchema, field: string): string {
  const type = getNamedType(schema.getQueryType()!.getFields()[field]!.type);
  return "getFields" in type || "getTypes" in type ? "{ __typename }" : "";
}

// Query arguments too (cursors, dates, months, ids): bad input is BAD_USER_INPUT, never an internal error.

describe.each(SUBGRAPHS.map((s) => [s.name, s] as [string, SubgraphDefinition<any, any>]))(
  "every %s query under random arguments",
  (_name, def) => {
    let sg: TestSubgraph;
    let schema: GraphQLSchema;
    beforeAll(async () => {
      sg = await startSubgraph(def);
      schema = await def.buildSchema();
    });
    afterAll(() => sg?.close());

    it("never fails internally", async () => {
      const queries = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((q) => q.args.length && !q.name.startsWith("_"));
      for (const query of queries) {
        const args: readonly GraphQLArgument[] = query.args;
        const variables = fc.record(Object.fromEntries(args.map((a) => [a.name, arbitraryFor(a.type, a.name)])));
        const signature = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
        const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
        const document = `query(${signature}) { ${query.name}(${call}) ${querySelection(schema, query.name)} }`;
        await fc.assert(
          fc.asyncProperty(variables, fc.constantFrom(...callers), async (vars, [org, roles]) => {
            const res = await sg.query(document, vars, org, roles);
            const codes = (res.errors ?? []).map((e) => e.extensions?.code);
            expect(
              codes,
              `${query.name} ${JSON.stringify(vars).slice(0, 300)} ${JSON.stringify(res.errors ?? []).slice(0, 300)}`,
            ).not.toContain("INTERNAL_SERVER_ERROR");
            expect(res.status).toBeLessThan(500);
          }),
          { numRuns: RUNS },
        );
      }
      expect((await sg.query(`{ __typename }`)).data).toEqual({ __typename: "Query" });
    }, 300_000);
  },
);
