import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST, getVariableValues, GraphQLError, type ExecutionArgs } from "graphql";

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

/** The request's variables refused, coded, or none when they fit the operation (or no operation is chosen). */
function variableErrors(args: Pick<ExecutionArgs, "schema" | "document" | "operationName" | "variableValues">) {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined; // the runtime says which operation is missing or ambiguous
  const result = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, {
    maxErrors: MAX_ERRORS,
  });
  return "errors" in result && result.errors ? result.errors.map(coded) : undefined;
}

/**
 * Variables that do not fit their operation (missing, of the wrong type, an unknown input field or
 * enum value) come back as `BAD_USER_INPUT` naming the variable, over HTTP and graphql-ws alike,
 * before anything runs. graphql-js reports them without a code, which over graphql-ws was taken for
 * a lost connection (SUBSCRIPTION_INTERRUPTED, "subscribe again") and over HTTP told a client's
 * error handling nothing it could branch on.
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
