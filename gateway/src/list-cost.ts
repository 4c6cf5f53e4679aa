import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DefinitionNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import { SECURITY_DEFAULTS } from "./config.js";

/**
 * Estimated size of a list whose length the query does not state (README: Security). Pagination
 * arguments (`first`, `limit`, `last`) given as literals are used instead; a connection's page
 * defaults to `DEFAULT_PAGE_SIZE`, as the subgraphs do.
 */
const DEFAULT_LIST_SIZE = SECURITY_DEFAULTS.listSizeEstimate;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
const PAGE_ARGS = ["first", "limit", "last"];
/**
 * Most selections the estimate visits in one document, all its operations together. Fragments spread
 * twice in each of many levels make a small document of exponentially many visits, and spreads that
 * cost nothing (unknown, cyclic, on no type) would never reach the cost limit: past this many visits
 * the operation being priced is unbounded. The board's largest operation visits 52.
 */
const MAX_SELECTION_VISITS = 20_000;

export interface ListCostOptions {
  maxCost: number;
  defaultListSize?: number;
}

/**
 * A literal page size, bounded as the subgraphs bound it; a variable counts as the largest page it
 * could carry (its value is not known at validation); `undefined` when absent.
 */
function pageArgument(node: FieldNode): number | undefined {
  const arg = node.arguments?.find((a) => PAGE_ARGS.includes(a.name.value));
  const value: ValueNode | undefined = arg?.value;
  if (value?.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
  if (value?.kind !== Kind.INT) return undefined;
  return Math.max(0, Math.min(MAX_PAGE_SIZE, Number(value.value)));
}

/**
 * The number of objects and fields an operation may resolve: every field counts once per parent
 * object, and a list multiplies what is below it by its (estimated) size. A query that nests lists
 * (`meetingBodies { members { organization { meetingBodies … } } }`) is refused before execution,
 * however short its text.
 */
export function listCostRule(options: ListCostOptions): ValidationRule {
  return (context: ValidationContext) => {
    const estimate = listCostEstimator(
      context.getSchema(),
      context.getDocument().definitions,
      options.defaultListSize ?? DEFAULT_LIST_SIZE,
      options.maxCost,
    );
    return {
      OperationDefinition(node) {
        const cost = estimate(node);
        if (cost > options.maxCost) {
          context.reportError(
            new GraphQLError(
              `クエリの負荷が上限を超えています（推定 ${cost > Number.MAX_SAFE_INTEGER ? "∞" : cost} > 上限 ${options.maxCost}）。`,
              {
                nodes: [node],
                extensions: { code: "QUERY_TOO_COSTLY", http: { status: 400 }, cost, maxCost: options.maxCost },
              },
            ),
          );
        }
      },
    };
  };
}

/**
 * The cost of an operation of `definitions`; counting stops soon after `stopAbove`, or after
 * `MAX_SELECTION_VISITS` selections of the whole document, all its operations together (then the cost
 * is Infinity): a fragment bomb costs no more time than it takes to see it is too dear.
 */
export function listCostEstimator(schema: GraphQLSchema, definitions: readonly DefinitionNode[], listSize: number, stopAbove = Infinity) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let visits = 0;

  /** Cost of `selectionSet` resolved `count` times on `type`. */
  const costOf = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    count: number,
    page: number | undefined,
    spreads: Set<string>,
    sofar: number,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (sofar + total > stopAbove) return total;
      if (++visits > MAX_SELECTION_VISITS) return Infinity;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) total += costOf(selection.selectionSet, on, count, page, spreads, sofar + total);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spreads.has(fragment.name.value)) continue; // unknown or cyclic: other rules refuse it
        const on = schema.getType(fragment.typeCondition.name.value);
        if (on && isCompositeType(on))
          total += costOf(fragment.selectionSet, on, count, page, new Set([...spreads, fragment.name.value]), sofar + total);
        continue;
      }
      total += count;
      if (!selection.selectionSet) continue;
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      if (!field) continue; // __typename, or an unknown field (FieldsOnCorrectType refuses it)
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const literal = pageArgument(selection);
      let childCount = count;
      for (let t: GraphQLOutputType = getNullableType(field.type); isListType(t); t = getNullableType(t.ofType))
        childCount *= literal ?? page ?? listSize;
      // A connection takes its page size from its own arguments; its lists (edges, nodes) use it.
      const childPage = named.name.endsWith("Connection") ? (literal ?? DEFAULT_PAGE_SIZE) : undefined;
      total += costOf(selection.selectionSet, named, childCount, childPage, spreads, sofar + total);
    }
    return total;
  };

  return (operation: OperationDefinitionNode): number => {
    const root =
      operation.operation === "query"
        ? schema.getQueryType()
        : operation.operation === "mutation"
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    // The visits are the document's, not each operation's: a hundred operations spreading one bomb share one budget.
    return root ? costOf(operation.selectionSet, root, 1, undefined, new Set(), 0) : 0;
  };
}
