import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { isAsyncIterable, isPromise, type ExecutionRequest, type Executor } from "@graphql-tools/utils";
import { metrics, operationLabel } from "@marugoto/shared/core";
import { interrupted } from "./interruptions.js";
import type { SharedUpstreams } from "./shared-upstreams.js";
import { fanOutOf, recorded, replayOf, type FanOutHandle } from "./personal-fanout.js";
import { isPersonalSubgraph } from "./sharing-scope.js";
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type GraphQLFormattedError } from "graphql";

/** The client's operation name, by the request's context object (set when its execution starts). */
const clientOperations = new WeakMap<object, string>();

/** How many client operation names one upstream document keeps renamed copies for. */
const NAMES_PER_DOCUMENT = 64;

/** The same upstream document under the client's operation name: built once per document and name. */
const namedDocuments = new WeakMap<DocumentNode, Map<string, DocumentNode>>();

/** The client's operation name for an upstream call, by the call's context (the client request's). */
export function clientOperationOf(context: unknown): string | undefined {
  return context && typeof context === "object" ? clientOperations.get(context) : undefined;
}

function rememberClientOperation(args: { document: DocumentNode; operationName?: string | null; contextValue: unknown }): void {
  const name = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value;
  if (name && args.contextValue && typeof args.contextValue === "object") clientOperations.set(args.contextValue, name);
}

export function documentNamed(document: DocumentNode, name: string): DocumentNode | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.name) return undefined;
  let byName = namedDocuments.get(document);
  if (!byName) namedDocuments.set(document, (byName = new Map()));
  let named = byName.get(name);
  if (!named) {
    named = {
      ...document,
      definitions: document.definitions.map((d) =>
        d.kind === Kind.OPERATION_DEFINITION ? { ...d, name: { kind: Kind.NAME, value: name } } : d,
      ),
    };
    // A plan's documents live as long as the plan does; the names kept for one are bounded all the same.
    if (byName.size < NAMES_PER_DOCUMENT) byName.set(name, named);
  }
  return named;
}

function isFormattedError(error: unknown): error is GraphQLFormattedError {
  return !!error && typeof (error as GraphQLFormattedError).message === "string";
}

/** A subgraph's error as read off the socket (plain JSON), as the GraphQLError the runtime passes on. */
function asGraphQLError(error: GraphQLFormattedError | GraphQLError): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

/** graphql-ws rejects a refused subscription with the subgraph's formatted errors (an array). */
function upstreamErrors(error: unknown): GraphQLError[] | undefined {
  if (!Array.isArray(error) || !error.length || !error.every(isFormattedError)) return undefined;
  return error.map(asGraphQLError);
}

/**
 * A result read off an upstream socket carries its errors as plain JSON; the runtime masks anything
 * that is not a GraphQLError as "Unexpected error.", which would hide the subgraph's code (NOT_FOUND,
 * FORBIDDEN) from the client.
 */
function withGraphQLErrors<T>(result: T): T {
  const errors = (result as { errors?: unknown[] } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.every((e) => e instanceof GraphQLError) || !errors.every(isFormattedError)) return result;
  return { ...result, errors: errors.map(asGraphQLError) };
}

/**
 * An upstream stream whose end by error arrives as its last result instead of an exception the
 * runtime would mask or code as its own: a refusal (NOT_FOUND, FORBIDDEN, …) with the subgraph's
 * codes, a broken stream as SUBSCRIPTION_INTERRUPTED (retryable: resume from the last cursor).
 * Closing it closes the upstream at once.
 */
export function refusalsAsResults<T>(source: AsyncIterable<T>): AsyncIterableIterator<T | { errors: GraphQLError[] }> {
  const upstream = source[Symbol.asyncIterator]();
  let finished = false;
  const end = async (): Promise<IteratorReturnResult<undefined>> => {
    finished = true;
    await upstream.return?.();
    return { done: true, value: undefined };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        const step = await upstream.next();
        return step.done ? step : { done: false, value: withGraphQLErrors(step.value) };
      } catch (error) {
        // A refusal keeps its codes; anything else is the stream breaking (a crash, a restart, a network cut).
        finished = true;
        void upstream.return?.()?.catch(() => undefined);
        return { done: false, value: { errors: upstreamErrors(error) ?? [interrupted()] } };
      }
    },
    return: end,
    throw: async (error?: unknown) => {
      await end();
      throw error;
    },
  };
}

/** Counts an upstream subscription where it is made (a subscription that joins a shared one makes no call). */
function counted(subgraphName: string, executor: Executor): Executor {
  return ((request: ExecutionRequest) => {
    metrics.subgraphRequests.inc({ subgraph: operationLabel(subgraphName), operation: operationLabel(request.operationName) });
    return executor(request);
  }) as Executor;
}

function withRefusalsAsResults(executor: Executor): Executor {
  const wrapped = (request: ExecutionRequest) => {
    const result = executor(request);
    const wrap = (value: unknown) => (isAsyncIterable(value) ? refusalsAsResults(value) : value);
    return isPromise(result) ? result.then(wrap) : wrap(result);
  };
  return wrapped as Executor;
}

/**
 * The upstream subscription of a fan-out run (`personal-fanout.ts`): for the group's own run, the
 * organisation's stream (shared when it may be), each payload told to the group as it comes; for a
 * replay, the one payload it replays. Never a personal subgraph's stream: that would be one person's,
 * handed to everyone of the group.
 */
function fanOutExecutor(
  subgraphName: string,
  request: ExecutionRequest,
  own: Executor,
  fan: FanOutHandle,
  shared?: SharedUpstreams,
): Executor {
  if (isPersonalSubgraph(subgraphName))
    return (() => ({
      errors: [new GraphQLError("この購読は一人ずつしか実行できません。", { extensions: { code: "INTERNAL_SERVER_ERROR" } })],
    })) as Executor;
  if (fan.replay) {
    const payload = fan.replay;
    return (() => replayOf(payload)) as Executor;
  }
  const executor = shared?.executorFor(subgraphName, request, own) ?? own;
  return (async (r: ExecutionRequest) => {
    const result = await executor(r);
    return isAsyncIterable(result) ? recorded(result as AsyncIterable<never>, fan) : result;
  }) as Executor;
}

/**
 * What every upstream request carries whichever planner made it:
 * - the client's operation name, so each subgraph logs, counts and audits a read under the
 *   operation that asked for it (a planner's own entity fetches are anonymous otherwise);
 * - a refused or broken subscription's errors as a result, so the client reads the subgraph's code,
 *   or SUBSCRIPTION_INTERRUPTED;
 * - with `shared`, a subscription to a subgraph that decides on organisation and roles only runs
 *   once per scope, each subscription reading its own copy of its events (`shared-upstreams.ts`);
 * - in a fan-out run, the upstream subscription its group reads (`fanOutExecutor`).
 */
export function upstreamRequestsPlugin(shared?: SharedUpstreams): GatewayPlugin {
  return {
    onExecute({ args }) {
      rememberClientOperation(args);
    },
    onSubscribe({ args }) {
      rememberClientOperation(args);
    },
    onSubgraphExecute({ subgraphName, executionRequest, setExecutionRequest, executor, setExecutor }) {
      const context = executionRequest.context as object | undefined;
      const name = context ? clientOperations.get(context) : undefined;
      const document = name && !executionRequest.operationName ? documentNamed(executionRequest.document, name) : undefined;
      const request = document ? { ...executionRequest, document, operationName: name } : executionRequest;
      if (document) setExecutionRequest(request);
      if ((executionRequest.operationType ?? getOperationAST(executionRequest.document)?.operation) === "subscription") {
        const fan = fanOutOf(executionRequest.context);
        // A replay makes no call upstream, so counts none.
        const own = fan?.replay ? executor : counted(subgraphName, withRefusalsAsResults(executor));
        setExecutor(
          fan ? fanOutExecutor(subgraphName, request, own, fan, shared) : (shared?.executorFor(subgraphName, request, own) ?? own),
        );
      }
    },
  };
}
