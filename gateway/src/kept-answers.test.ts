import { readFileSync } from "node:fs";
import { Kind, parse, visit, type ConstDirectiveNode } from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_SUPERGRAPH_PATH } from "./server.js";
import { KEPT_SUBGRAPHS, KeptAnswers, KeptStore } from "./kept-answers.js";

const supergraph = parse(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));

/** The value of a directive's enum or string argument. */
function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
}

describe("what the gateway's kept calls are keyed on", () => {
  it("holds no other subgraph's data: no field of a kept subgraph requires another subgraph's fields", () => {
    // A kept call is keyed on its variables, the `_entities` representations included. Were a field of
    // the directory or the meetings subgraph to `@requires` a field of another subgraph (a case's,
    // say), that field's values would travel in the representations and stay in the gateway's memory
    // as part of a key.
    const graphs = Object.keys(KEPT_SUBGRAPHS).map((name) => name.toUpperCase());
    expect(graphs).toEqual(["DIRECTORY", "MEETINGS"]);
    const keptFields: string[] = [];
    const requiring: string[] = [];
    visit(supergraph, {
      FieldDefinition(field, _key, _parent, _path, ancestors) {
        const type = ancestors[ancestors.length - 1] as { name?: { value: string } };
        for (const directive of field.directives ?? []) {
          if (directive.name.value !== "join__field" || !graphs.includes(argument(directive, "graph") ?? "")) continue;
          keptFields.push(`${type.name?.value}.${field.name.value}`);
          if (argument(directive, "requires")) requiring.push(`${type.name?.value}.${field.name.value}`);
        }
      },
    });
    expect(keptFields).toContain("Organization.name");
    expect(keptFields).toContain("Meeting.title");
    expect(requiring).toEqual([]);
  });
});

describe("a store of kept answers", () => {
  it("lets the oldest go when full by count or by size, and gives nothing older than its age", () => {
    let now = 0;
    const store = new KeptStore<string>(3, 1_000, () => now);
    for (const key of ["a", "b", "c"]) store.put(key, key, 10);
    store.put("d", "d", 10);
    expect([store.get("a"), store.get("b"), store.get("d"), store.size]).toEqual([undefined, "b", "d", 3]);
    // A value too large alone is not kept, and takes nothing out.
    store.put("huge", "x", 256 * 1024 + 1);
    expect([store.get("huge"), store.size]).toEqual([undefined, 3]);
    // By size: 16 Mi characters in all, keys included; a large value pushes out as many of the oldest as it needs.
    const big = new KeptStore<string>(100, 1_000, () => now);
    const key = (name: string) => name.padEnd(16, "-");
    for (let i = 0; i < 64; i++) big.put(key(`k${i}`), "v", 256 * 1024 - 16);
    expect(big.size).toBe(64);
    big.put(key("one-more"), "v", 256 * 1024 - 16);
    expect([big.size, big.get(key("k0")), big.get(key("k1")), big.get(key("one-more"))]).toEqual([64, undefined, "v", "v"]);
    // Replacing a key counts its size once.
    big.put(key("k1"), "w", 256 * 1024 - 16);
    expect([big.size, big.get(key("k1"))]).toEqual([64, "w"]);
    // A key as long as a large answer (a declared variable's long value) counts as one: it is not kept with
    // a value that would have fit alone, and 64 such keys with one-character answers fill the store.
    const longKey = "x".repeat(256 * 1024);
    big.put(longKey, "v", 1);
    expect(big.get(longKey)).toBeUndefined();
    const keys = new KeptStore<string>(1_000, 1_000, () => now);
    for (let i = 0; i < 65; i++) keys.put(`${i}`.padEnd(256 * 1024 - 8, "x"), "v", 1);
    expect(keys.size).toBe(64);
    // By age.
    now = 1_000;
    expect(store.get("b")).toBe("b");
    now = 1_001;
    expect([store.get("b"), store.size]).toEqual([undefined, 2]);
  });
});

describe("the age of a kept answer", () => {
  it("is that of the oldest thing it was made from: a store takes the time given, and nothing already too old", () => {
    let now = 10_000;
    const store = new KeptStore<string>(10, 1_000, () => now);
    store.put("made-earlier", "v", 1, 9_500);
    store.put("too-old", "v", 1, 8_999);
    expect([store.get("made-earlier"), store.get("too-old")]).toEqual(["v", undefined]);
    now = 10_500;
    expect(store.get("made-earlier")).toBe("v");
    now = 10_501;
    expect(store.get("made-earlier")).toBeUndefined();
  });

  it("a whole answer made from a kept call is let go when that call would be, not a full age after it was made", () => {
    let now = 0;
    const answers = new KeptAnswers({ directory: "http://directory.invalid/graphql" }, "secret", 10, () => now);
    // As when the directory's change stream says every change is heard.
    (answers as unknown as { watches: Map<string, { drop(watched: boolean): void }> }).watches.get("directory")!.drop(true);
    type Hook = (payload: unknown) => unknown;
    const fetches = answers.fetchPlugin() as unknown as { onSubgraphExecute: Hook };
    const whole = answers.plugin() as unknown as { onExecute: Hook; onSubgraphExecute: Hook };
    const identity = { sub: "liaison-1", org: "seikatsu-fukushi", roles: ["staff"] };
    const call = parse("{ organizations { code name } }");
    const data = { organizations: [{ code: "seikatsu-fukushi", name: "生活福祉課" }] };
    /** A query of the same caller: answered whole from what is kept, or run (its one call to the directory the same whatever its text). */
    const query = (text: string) => {
      const context = { identity, params: { query: text } };
      let answered: unknown;
      const running = whole.onExecute({
        args: { document: parse(text), contextValue: context },
        setResultAndStopExecution: (result: unknown) => (answered = result),
      }) as { onExecuteDone?: Hook } | undefined;
      if (answered) return "kept whole";
      whole.onSubgraphExecute({ subgraphName: "directory", executionRequest: { context } });
      let fromKeptCall = false;
      const done = fetches.onSubgraphExecute({
        subgraphName: "directory",
        executionRequest: { document: call, context, operationType: "query" },
        executor: () => ({ data }),
        setExecutor: () => (fromKeptCall = true),
      }) as Hook | undefined;
      done?.({ result: { data } });
      running?.onExecuteDone?.({ result: { data } });
      return fromKeptCall ? "run from a kept call" : "run";
    };
    // The first query's call is kept at 0. Just before a minute is up, another query makes the same
    // call: answered from the kept one, its whole answer is kept as made at 0, and let go with it.
    expect(query("{ organizations { code name } }")).toBe("run");
    now = 59_000;
    const other = "query Sections { organizations { code name } }";
    expect(query(other)).toBe("run from a kept call");
    now = 59_500;
    expect(query(other)).toBe("kept whole");
    now = 60_001;
    expect(query(other)).toBe("run");
  });
});
