import { readFileSync } from "node:fs";
import { Kind, parse, visit, type ConstDirectiveNode } from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_SUPERGRAPH_PATH } from "./server.js";

const supergraph = parse(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));

/** The value of a directive's enum or string argument. */
function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.ENUM || value.kind === Kind.STRING) ? value.value : undefined;
}

describe("what the gateway's kept directory calls are keyed on", () => {
  it("holds no other subgraph's data: no directory field requires another subgraph's fields", () => {
    // A kept call is keyed on its variables, the `_entities` representations included. Were a directory
    // field to `@requires` a field of another subgraph (a case's, say), that field's values would travel
    // in the representations and stay in the gateway's memory as part of a key.
    const directoryFields: string[] = [];
    const requiring: string[] = [];
    visit(supergraph, {
      FieldDefinition(field, _key, _parent, _path, ancestors) {
        const type = ancestors[ancestors.length - 1] as { name?: { value: string } };
        for (const directive of field.directives ?? []) {
          if (directive.name.value !== "join__field" || argument(directive, "graph") !== "DIRECTORY") continue;
          directoryFields.push(`${type.name?.value}.${field.name.value}`);
          if (argument(directive, "requires")) requiring.push(`${type.name?.value}.${field.name.value}`);
        }
      },
    });
    expect(directoryFields).toContain("Organization.name");
    expect(requiring).toEqual([]);
  });
});
