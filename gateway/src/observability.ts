import { Logger as HiveLogger } from "@graphql-hive/logger";
import { PinoLogWriter } from "@graphql-hive/logger/writers/pino";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST, type DocumentNode } from "graphql";
import { isKeptFetch } from "./kept-answers.js";
import { clientOperationOf } from "./upstream-requests.js";
import { countErrors, logLevel, metrics, operationLabel, pinoLogger, requestContext } from "@marugoto/shared/core";
import { fanOutOf } from "./personal-fanout.js";
import { isPersonalSubgraph } from "./sharing-scope.js";

/**
 * The runtime's own logger writes through the process's pino logger (same JSON lines, same
 * redaction, the request id). It stays at warn: its info and debug lines describe every request,
 * the debug ones with their variables.
 */
export function runtimeLogger(): HiveLogger | false {
  const level = logLevel();
  if (level === false) return false;
  return new HiveLogger({
    level: level === "error" ? "error" : "warn",
    writers: [new PinoLogWriter(pinoLogger.child({ component: "runtime" }))],
  });
}

function operationOf(document: DocumentNode | undefined, name: string | null | undefined) {
  const ast = document ? getOperationAST(document, name ?? undefined) : null;
  return { type: ast?.operation ?? "unknown", operation: operationLabel(name ?? ast?.name?.value) };
}

/**
 * Requests and latency per operation, errors by code, and every subgraph call by subgraph. The
 * operation's name joins the request's log context.
 */
export function metricsPlugin(): GatewayPlugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const labels = operationOf(args.document, args.operationName);
      const context = requestContext.getStore();
      if (context) context.operation = labels.operation;
      return {
        onExecuteDone() {
          metrics.requests.inc(labels);
          metrics.duration.observe(labels, (performance.now() - started) / 1000);
        },
      };
    },
    // Every HTTP answer, refusals before execution included (401, 429, validation limits).
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        if (one && typeof one === "object" && "errors" in one) countErrors(one.errors as never);
      }
    },
    onSubscribe({ args }) {
      // A fan-out replay runs an event again for subscribers already counted.
      if (fanOutOf(args.contextValue)?.replay) return;
      metrics.requests.inc(operationOf(args.document, args.operationName));
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      // Answered from the gateway's kept answers: no call was made (counted as kept instead).
      if (isKeptFetch(executionRequest)) return undefined;
      // A subscription is counted where its call is made (`upstream-requests.ts`): one joining a shared upstream makes none.
      if ((executionRequest.operationType ?? getOperationAST(executionRequest.document)?.operation) === "subscription") return undefined;
      // A fan-out run's personal call is made once for each of its people, and counted there (`identity.ts`).
      if (fanOutOf(executionRequest.context) && isPersonalSubgraph(subgraphName)) return undefined;
      const started = performance.now();
      const subgraph = operationLabel(subgraphName);
      // Under the client's operation, as the subgraph logs and audits it (a planner's own fetches are anonymous).
      const operation = operationLabel(executionRequest.operationName ?? clientOperationOf(executionRequest.context));
      metrics.subgraphRequests.inc({ subgraph, operation });
      return ({ result }) => {
        if (Symbol.asyncIterator in result) return;
        metrics.subgraphDuration.observe({ subgraph }, (performance.now() - started) / 1000);
        if (result.errors?.length) metrics.subgraphErrors.inc({ subgraph });
      };
    },
  };
}
