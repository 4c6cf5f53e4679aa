/**
 * Prometheus metrics of one process (prom-client), served on a listener of their own (METRICS_PORT),
 * never on the public GraphQL port. Labels hold operation names, subgraph names, event kinds and
 * error codes only: never an id or anything a person typed.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import client from "prom-client";
import { logger, safeError } from "./logger.js";

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: "marugoto_" });

type Source = () => number | Promise<number>;

/** A gauge read at scrape time from every source registered for it (e.g. each running server). */
function sampledGauge(name: string, help: string) {
  const sources = new Set<Source>();
  const gauge = new client.Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      let total = 0;
      for (const source of sources) {
        try {
          total += await source();
        } catch (error) {
          logger.warn("metric source failed", { metric: name, error: safeError(error) });
        }
      }
      this.set(total);
    },
  });
  return {
    gauge,
    /** Adds a source; returns a function that removes it (on close). */
    add(source: Source): () => void {
      sources.add(source);
      return () => void sources.delete(source);
    },
  };
}

const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const metrics = {
  requests: new client.Counter({
    name: "marugoto_graphql_requests_total",
    help: "GraphQL operations served, by operation name and type",
    labelNames: ["operation", "type"] as const,
    registers: [registry],
  }),
  duration: new client.Histogram({
    name: "marugoto_graphql_request_duration_seconds",
    help: "Time to serve a GraphQL query or mutation, by operation name and type",
    labelNames: ["operation", "type"] as const,
    buckets: durationBuckets,
    registers: [registry],
  }),
  answersAlike: new client.Counter({
    name: "marugoto_graphql_answers_alike_total",
    help: "Calls of a batch answered with the answer of another person's call run for them (same body, organisation, roles and grounds), by operation name",
    labelNames: ["operation"] as const,
    registers: [registry],
  }),
  errors: new client.Counter({
    name: "marugoto_graphql_errors_total",
    help: "GraphQL errors returned, by extensions.code",
    labelNames: ["code"] as const,
    registers: [registry],
  }),
  subgraphRequests: new client.Counter({
    name: "marugoto_gateway_subgraph_requests_total",
    help: "Calls from the gateway to a subgraph, by subgraph and operation name",
    labelNames: ["subgraph", "operation"] as const,
    registers: [registry],
  }),
  subgraphDuration: new client.Histogram({
    name: "marugoto_gateway_subgraph_request_duration_seconds",
    help: "Time a subgraph took to answer the gateway, by subgraph",
    labelNames: ["subgraph"] as const,
    buckets: durationBuckets,
    registers: [registry],
  }),
  upstreamBatches: new client.Counter({
    name: "marugoto_gateway_upstream_batches_total",
    help: "Requests that carried a subscription event's calls for many people to a subgraph together (each call still counted in marugoto_gateway_subgraph_requests_total)",
    registers: [registry],
  }),
  fanOutRuns: new client.Counter({
    name: "marugoto_gateway_fan_out_runs_total",
    help: "Executions of a personal live subscription's event for a group of people: `event` once per event and group, `replay` once more for each further set of people the personal subgraphs answered differently",
    labelNames: ["kind"] as const,
    registers: [registry],
  }),
  subscriptionsConverged: new client.Counter({
    name: "marugoto_gateway_subscriptions_converged_total",
    help: "Resumed subscriptions (with `after`) moved onto the live stream their scope shares once their replay reached it",
    registers: [registry],
  }),
  upstreamBatchedCalls: new client.Counter({
    name: "marugoto_gateway_upstream_batched_calls_total",
    help: "Calls sent inside those batches, each signed for its own person and body and answered alone",
    registers: [registry],
  }),
  keptAnswers: new client.Counter({
    name: "marugoto_gateway_kept_answers_total",
    help: "Answers given from the gateway's kept answers, by kind (answer: a whole query; fetch: one call not made) and subgraph (for a whole query: those it came from, joined by +)",
    labelNames: ["kind", "subgraph"] as const,
    registers: [registry],
  }),
  subgraphErrors: new client.Counter({
    name: "marugoto_gateway_subgraph_errors_total",
    help: "Subgraph calls that failed or answered with errors, by subgraph",
    labelNames: ["subgraph"] as const,
    registers: [registry],
  }),
  openSockets: sampledGauge("marugoto_websocket_open_sockets", "graphql-ws sockets open now"),
  subscriptions: sampledGauge("marugoto_graphql_subscriptions_active", "GraphQL subscriptions running now"),
  subscriptionGroups: sampledGauge("marugoto_gateway_subscription_groups", "Merged subscription groups (one upstream subscription each)"),
  subscriptionGroupClients: sampledGauge("marugoto_gateway_subscription_group_clients", "Clients served by merged subscription groups"),
  sharedUpstreams: sampledGauge(
    "marugoto_gateway_shared_upstream_subscriptions",
    "Upstream subscriptions to subgraphs that decide on organisation and roles only, each shared by the subscriptions of one scope",
  ),
  sharedUpstreamSubscribers: sampledGauge(
    "marugoto_gateway_shared_upstream_subscribers",
    "Subscriptions reading a copy of a shared upstream subscription's events",
  ),
  eventsPublished: new client.Counter({
    name: "marugoto_events_published_total",
    help: "Events written to the outbox, by event kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  }),
  eventsDelivered: new client.Counter({
    name: "marugoto_events_delivered_total",
    help: "Events handed to subscribers of this process (one per subscriber), by event kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  }),
  outboxLag: sampledGauge("marugoto_outbox_lag_events", "Newest outbox sequence minus the last one this process delivered"),
  poolTotal: sampledGauge("marugoto_db_pool_connections", "Database connections open in the ORM pool"),
  poolIdle: sampledGauge("marugoto_db_pool_idle_connections", "Idle database connections in the ORM pool"),
  poolWaiting: sampledGauge("marugoto_db_pool_waiting_requests", "Queries waiting for a database connection"),
  auditRows: new client.Counter({
    name: "marugoto_audit_rows_written_total",
    help: "Rows written to the case audit log",
    registers: [registry],
  }),
};

const MAX_OPERATION_LABELS = 500;
const seenOperations = new Set<string>();

/**
 * An operation name as a label value: names a client chose, bounded in shape and number, so a client
 * sending random names cannot grow the metrics without end.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "other";
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return "other";
  seenOperations.add(name);
  return name;
}

/** Counts errors of a result by their code. */
export function countErrors(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): void {
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    metrics.errors.inc({ code: typeof code === "string" && /^[A-Z_]{1,64}$/.test(code) ? code : "INTERNAL_SERVER_ERROR" });
  }
}

/**
 * Wraps a subscription's async iterator so the active-subscriptions gauge counts it while it runs.
 * Anything that is not an iterator (an error result) passes through.
 */
export function countSubscription<T>(result: T, active: { value: number }): T {
  const source = result as unknown as AsyncIterator<unknown> & AsyncIterable<unknown>;
  if (!source || typeof source !== "object" || typeof source.next !== "function") return result;
  active.value++;
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      active.value--;
    }
  };
  const iterator: AsyncIterableIterator<unknown> = {
    async next() {
      try {
        const step = await source.next();
        if (step.done) end();
        return step;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return(value?: unknown) {
      end();
      return (await source.return?.(value)) ?? { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      end();
      if (source.throw) return source.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator as unknown as T;
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

export interface RunningMetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `GET /metrics` on a port of its own (not reachable through the gateway's Ingress). */
export async function startMetricsServer(options: MetricsServerOptions): Promise<RunningMetricsServer> {
  const server: Server = createServer(async (req, res) => {
    const pathname = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || pathname !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (options.token && !tokenMatches(req.headers.authorization, options.token)) {
      res.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(body);
    } catch (error) {
      logger.error("metrics failed", { error: safeError(error) });
      res.writeHead(500).end();
    }
  });
  // Every sample names its process (gateway, directory, …), wherever it is scraped from.
  if (process.env.SERVICE_NAME) registry.setDefaultLabels({ service: process.env.SERVICE_NAME });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === "0.0.0.0" ? "127.0.0.1" : options.host;
  logger.info("metrics listening", { url: `http://${host}:${port}/metrics` });
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
