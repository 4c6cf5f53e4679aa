import { readFile } from "node:fs/promises";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { logger, repoRoot, startMetricsServer } from "@marugoto/shared/core";
import type { GatewayOptions, KeptSubgraph, RunningGateway } from "./gateway-options.js";
import { createRequestLimiter } from "./rate-limit-store.js";
import { createHttpServer } from "./routes.js";
import { KEPT_SUBGRAPHS, KeptAnswers } from "./kept-answers.js";
import { createRuntime } from "./runtime.js";
import { validProxyEntry } from "./client-address.js";
import { defaultSecurity, RateLimiter, type SecuritySettings } from "./security.js";
import { EarlyAuthentication } from "./authenticate-first.js";
import { closer } from "./shutdown.js";
import { startWebSockets } from "./ws.js";
import { SharedUpstreams } from "./shared-upstreams.js";

export type { GatewayIdentityContext, GatewayOptions, RunningGateway } from "./gateway-options.js";
export { defaultSecurity } from "./security.js";

/** The committed supergraph. */
export const DEFAULT_SUPERGRAPH_PATH = path.join(repoRoot, "schema", "supergraph.graphql");

export function loadSupergraph(file = DEFAULT_SUPERGRAPH_PATH): Promise<string> {
  return readFile(file, "utf8");
}

/** The defaults, what the caller sets, and the caller's `production`; production runs only registered documents. */
function securityOf(options: GatewayOptions): SecuritySettings {
  const security: SecuritySettings = { ...defaultSecurity(options.production), ...options.security, production: options.production };
  if (options.production && !security.trustedDocuments)
    throw new Error("production requires a trusted-documents manifest (TRUSTED_DOCUMENTS_PATH)");
  const invalid = security.trustedProxies.filter((entry) => !validProxyEntry(entry));
  if (invalid.length) throw new Error(`TRUSTED_PROXIES: not an address or range: ${invalid.join(", ")}`);
  return security;
}

/** Listens on `host:port` (port 0: any free one); the URL of its /graphql. */
async function listen(server: http.Server, host: string, requestedPort: number): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/graphql` };
}

/** The gateway: the Hive runtime inside our own HTTP server, graphql-ws on the same path. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const security = securityOf(options);
  const limiter = createRequestLimiter(security.rateLimitPerMinute, options.rateLimitStore);
  await limiter.ready?.();
  const authFailures = new RateLimiter(security.authFailuresPerMinute);
  const kept = (options.keptAnswers ?? (Object.keys(KEPT_SUBGRAPHS) as KeptSubgraph[])).filter((s) => options.subgraphUrls[s]);
  const keptAnswers = kept.length
    ? new KeptAnswers(Object.fromEntries(kept.map((s) => [s, options.subgraphUrls[s]!])), options.identitySecret)
    : undefined;
  keptAnswers?.start();
  // Subscriptions of one scope share their upstream part where the subgraph does not decide on the person.
  const sharedUpstreams = options.mergeSubscriptions !== false ? new SharedUpstreams() : undefined;
  const authentication = new EarlyAuthentication(
    options.verifier,
    authFailures,
    security.trustedProxies,
    security.trustedProxyHops,
    limiter,
  );
  const runtime = createRuntime(options, security, limiter, authentication, keptAnswers, sharedUpstreams);
  const server = createHttpServer({ options, security, runtime, authFailures, limiter, authentication });
  const webSockets = await startWebSockets({ server, runtime, options, security, authFailures, limiter, sharedUpstreams });
  const { port, url } = await listen(server, options.host, options.port);
  const metricsServer = options.metrics ? await startMetricsServer(options.metrics) : undefined;
  logger.info("gateway ready", { url });
  return {
    url,
    wsUrl: url.replace(/^http/, "ws"),
    port,
    runtime,
    metricsUrl: metricsServer?.url,
    subscriptionStats: () => webSockets.groups.stats(),
    fanOutStats: () => webSockets.fanOut.stats(),
    sharedUpstreamStats: () => sharedUpstreams?.stats() ?? { upstreams: 0, subscribers: 0, joined: 0 },
    keptAnswers: () => ({ watched: keptAnswers?.isWatched ?? false, watching: keptAnswers?.watching ?? {}, size: keptAnswers?.size ?? 0 }),
    close: closer({ webSockets, server, runtime, metricsServer, limiter, keptAnswers }),
  };
}
