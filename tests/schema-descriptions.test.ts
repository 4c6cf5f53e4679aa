import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, type DefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared/paths";

/**
 * Every type, field, input field, enum value and argument a subgraph defines carries a description:
 * the SDL is what front-end teams read (GraphiQL, codegen comments). Federation's own machinery
 * (`_entities`, `_service`, `link__*`, `federation__*`, directive definitions) is not ours to describe.
 * The files read are the committed SDL, which the schema drift test keeps equal to the code.
 */
const SUBGRAPHS = ["directory", "meetings", "cases", "hubs"];
const federationBuiltIn = (name: string) => name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__");

function undescribed(sdl: string): string[] {
  const missing: string[] = [];
  const check = (node: object, where: string) => {
    const description = "description" in node ? (node.description as { value: string } | undefined) : undefined;
    if (!description?.value.trim()) missing.push(where);
  };
  for (const definition of parse(sdl).definitions as DefinitionNode[]) {
    if (!("name" in definition) || !definition.name || definition.kind === "DirectiveDefinition") continue;
    const type = definition.name.value;
    if (federationBuiltIn(type)) continue;
    check(definition, type);
    const members = ("fields" in definition ? definition.fields : "values" in definition ? definition.values : undefined) ?? [];
    for (const member of members) {
      if (federationBuiltIn(member.name.value)) continue;
      check(member, `${type}.${member.name.value}`);
      for (const argument of ("arguments" in member ? member.arguments : undefined) ?? [])
        check(argument, `${type}.${member.name.value}(${argument.name.value})`);
    }
  }
  return missing;
}

describe("the SDL describes itself", () => {
  for (const name of SUBGRAPHS) {
    it(`${name}: every type, field, enum value and argument has a description`, () => {
      expect(undescribed(readFileSync(path.join(repoRoot, "schema", `${name}.graphql`), "utf8"))).toEqual([]);
    });
  }

  it("names what is missing (the check itself)", () => {
    const sdl = `"""A thing."""\ntype Thing { """Its name."""\nname(upper: Boolean): String\nsize: Int }\nenum Kind { """First."""\nA B }\ntype Query { _service: String }`;
    expect(undescribed(sdl)).toEqual(["Thing.name(upper)", "Thing.size", "Kind", "Kind.B", "Query"]);
  });
});
