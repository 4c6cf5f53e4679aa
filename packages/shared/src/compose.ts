import { printSubgraphSchema } from "@apollo/subgraph";
import { composeServices } from "@theguild/federation-composition";
import { parse, type GraphQLSchema } from "graphql";

export interface SubgraphForComposition {
  name: string;
  schema: GraphQLSchema;
  /** The URL written into the supergraph; the gateway can override it per subgraph at run time. */
  url: string;
}

export interface Composition {
  /** `schema/<name>.graphql` contents, by subgraph name. */
  subgraphs: Record<string, string>;
  supergraph: string;
}

/** Composes the supergraph from built subgraph schemas: no running server, no database. */
export function composeSupergraph(subgraphs: SubgraphForComposition[]): Composition {
  const sdls = Object.fromEntries(subgraphs.map((s) => [s.name, printSubgraphSchema(s.schema)]));
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(sdls[s.name]!), url: s.url })));
  if (result.errors?.length) {
    throw new AggregateError(result.errors, `Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join("\n")}`);
  }
  return { subgraphs: sdls, supergraph: result.supergraphSdl! };
}
