import {
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type InterfaceTypeDefinitionNode,
} from "graphql";
import type { Identity } from "@marugoto/shared/core";

/**
 * The subgraphs whose answers depend on the organisation and roles only, never on the person: the
 * directory (reference data; its `me` is a query, out of any subscription's reach), the meetings
 * (membership and pledges are organisations') and the hubs. Every other subgraph is personal — the
 * cases subgraph decides every `Case` field on grounds that include break-glass, and a subgraph added
 * later is personal until it is named here: what is not known to be shareable is never shared.
 */
const ORGANISATION_GRAPHS = ["DIRECTORY", "MEETINGS", "HUBS"];

/** Whether a subgraph, by its name in the supergraph (`cases`), may decide on grounds that include the person. */
export const isPersonalSubgraph = (name: string): boolean => !ORGANISATION_GRAPHS.includes(name.toUpperCase());

type TypeNode = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, name: string): { graph: string; external: boolean }[] =>
  (directives ?? [])
    .filter((d) => d.name.value === name)
    .map((d) => {
      const arg = (n: string) => d.arguments?.find((a) => a.name.value === n)?.value;
      const graph = arg("graph");
      const external = arg("external");
      return {
        graph: graph && graph.kind === Kind.ENUM ? graph.value : "",
        external: !!external && external.kind === Kind.BOOLEAN && external.value,
      };
    });

/**
 * The fields of the supergraph that only a personal subgraph resolves (`Type.field`): the fields
 * whose answer may differ between two people of one organisation with the same roles.
 */
export function personalFields(supergraphSdl: string, organisationGraphs: string[] = ORGANISATION_GRAPHS): Set<string> {
  const result = new Set<string>();
  const document = parse(supergraphSdl);
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    const type = definition as TypeNode;
    const typeGraphs = graphsOf(type.directives, "join__type").map((g) => g.graph);
    for (const field of type.fields ?? []) {
      const joins = graphsOf(field.directives, "join__field");
      // A field without join__field is resolvable by every subgraph that defines its type.
      const resolvers = joins.length ? joins.filter((j) => !j.external).map((j) => j.graph) : typeGraphs;
      if (resolvers.length && resolvers.every((g) => !organisationGraphs.includes(g))) result.add(`${type.name.value}.${field.name.value}`);
    }
  }
  return result;
}

/** Whether an operation's selection (fragments included) reaches any personal field. */
export function reachesPersonalData(schema: GraphQLSchema, document: DocumentNode, personal: Set<string>): boolean {
  const info = new TypeInfo(schema);
  let reaches = false;
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        // An unknown parent (invalid document) is treated as personal: never share what cannot be judged.
        if (!parent || personal.has(`${parent.name}.${node.name.value}`)) reaches = true;
      },
    }),
  );
  return reaches;
}

/**
 * The authorisation scope under which two subscriptions may share one upstream stream: organisation
 * and roles when the selection reaches no personal field, else also the person. Decided from the
 * selection set, whatever the root field.
 */
export function sharingScope(identity: Identity, personal: boolean): string {
  // Each part whole, as JSON: roles and `sub` are the token's strings, and with separators of their own
  // ["chair,staff"] read as ["chair", "staff"], and sub "b|c" with role "a" as role "a|b" with sub "c".
  return JSON.stringify([identity.org, [...new Set(identity.roles)].sort(), personal ? identity.sub : null]);
}
