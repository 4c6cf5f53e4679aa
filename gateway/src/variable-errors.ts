import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

/** Bounds the errors one request's variables can produce (graphql-js stops at 50 too). */
const MAX_ERRORS = 50;

/** The variable a graphql-js coercion message names (`Variable "$id" …`), if any. */
const variableNamed = (message: string): string | undefined => /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(message)?.[1];

/** One coercion error as the client reads it: what went wrong in Japanese, graphql-js's detail kept, coded. */
function coded(error: GraphQLError): GraphQLError {
  const variable = variableNamed(error.message);
  return new GraphQLError(`変数${variable ? ` $${variable} ` : ""}の値が正しくありません（${error.message}）`, {
    nodes: error.nodes,
    extensions: { code: "BAD_USER_INPUT", ...(variable ? { variable } : {}) },
  });
}

/** At most this many undeclared variables are named in the refusal; a name is never longer than `MAX_NAMED_LENGTH`. */
const MAX_NAMED = 3;
const MAX_NAMED_LENGTH = 64;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** The names the client sent that the operation does not declare, in the order sent. */
function undeclaredNames(operation: OperationDefinitionNode, variables: unknown): string[] {
  if (!variables || typeof variables !== "object") return [];
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  return Object.keys(variables).filter((name) => !declared.has(name));
}

/**
 * One refusal for every variable the operation does not declare: a few named (only names that could
 * be a variable's, and short), never a value.
 */
function undeclared(names: readonly string[]): GraphQLError {
  const named = names.filter((n) => n.length <= MAX_NAMED_LENGTH && GRAPHQL_NAME.test(n)).slice(0, MAX_NAMED);
  const others = names.length - named.length;
  const list = named.map((n) => `$${n}`).join("、");
  const message = named.length
    ? `操作で宣言されていない変数 ${list}${others ? ` ほか${others}個` : ""} は受け付けません。`
    : `操作で宣言されていない変数（${others}個）は受け付けません。`;
  // Refused as the request it is, like an unregistered document: 400 over HTTP (no status over graphql-ws, ws.ts).
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", undeclaredVariables: named, http: { status: 400 } } });
}

/**
 * The request's variables refused, coded, or none when they fit the operation (or no operation is
 * chosen). Variables the operation does not declare are refused too, their values never looked at
 * (graphql-js ignores them, but whatever keys on the request's variables — kept answers, merged
 * subscriptions — or keeps them — a live subscription's parameters — would carry them); a name sent
 * mistyped is then named both as undeclared and as the declared one missing.
 */
export function variableErrors(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
}): GraphQLError[] | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined; // the runtime says which operation is missing or ambiguous
  const names = undeclaredNames(operation, args.variableValues);
  const result = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    (args.variableValues ?? {}) as Record<string, unknown>,
    { maxErrors: MAX_ERRORS },
  );
  const errors = [...(names.length ? [undeclared(names)] : []), ...("errors" in result && result.errors ? result.errors.map(coded) : [])];
  return errors.length ? errors : undefined;
}

/**
 * Variables that do not fit their operation (missing, of the wrong type, an unknown input field or
 * enum value, or not declared by it at all) come back as `BAD_USER_INPUT` naming the variable, over
 * HTTP and graphql-ws alike, before anything runs: before the kept answers (the plugin after this
 * one) key on them; over graphql-ws `subscription-merging.ts` checks them before it groups the
 * subscription. graphql-js reports them without a code, which over graphql-ws was taken for a lost
 * connection (SUBSCRIPTION_INTERRUPTED, "subscribe again") and over HTTP told a client's error
 * handling nothing it could branch on.
 */
export function codedVariableErrors(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
