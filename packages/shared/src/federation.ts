import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from "type-graphql";

/** Federation directives every subgraph may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

// The resolver map of `@apollo/subgraph` is loosely typed; so is ours.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export interface FederatedSchemaOptions {
  /** type-graphql resolver classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for resolver classes
  resolvers: NonEmptyArray<Function>;
  /** Types that no resolver returns directly but the schema must contain (entity stubs, union members). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for classes
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name: how `_entities` finds one of ours. */
  referenceResolvers?: ReferenceResolvers;
}

/** The same words in every subgraph, so the composed graph has one description for each root type. */
const ROOT_DESCRIPTIONS = {
  query: "Reads. What a case or a person shows depends on the caller's grounds (DOMAIN.md); every read of case data is audited.",
  mutation: "Writes. Each validates its input and answers rule violations as `userErrors` (code and Japanese message), writing nothing.",
  subscription:
    "Live streams over graphql-ws. Each event stream takes `after:` (the cursor of the last event received, or an `eventCursor` read beforehand) and resumes from there without a gap; `referenceDataChanged` is a state, given now and at every change.",
} as const;

/** type-graphql cannot describe the root types; they are described here. */
function describeRootTypes(schema: GraphQLSchema): void {
  const roots = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() };
  for (const [kind, type] of Object.entries(roots))
    if (type && !type.description) type.description = ROOT_DESCRIPTIONS[kind as keyof typeof roots];
}

/**
 * Builds a federation 2 subgraph schema from type-graphql classes.
 *
 * type-graphql knows nothing of federation, so its schema is printed with directives, given the
 * federation @link, and rebuilt by `buildSubgraphSchema` with type-graphql's own resolvers (which keep
 * subscribe functions) merged with the reference resolvers.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  // Parameter decorators run last to first, so type-graphql would list a field's arguments in
  // reverse; in declaration order the SDL reads as the code does (resolvers place values by index).
  getMetadataStorage().params.sort((a, b) => a.index - b.index);
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    validate: false,
    // Every subscription brings its own `subscribe` (the outbox); type-graphql still insists on a
    // PubSub being present, so it gets one that refuses to be used.
    pubSub: {
      publish: () => {
        throw new Error("subscriptions publish through the outbox");
      },
      subscribe: () => {
        throw new Error("subscriptions read through the outbox");
      },
    },
  });
  describeRootTypes(schema);
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  // The array form: the object form breaks on @apollo/subgraph 2.15.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]);
}
