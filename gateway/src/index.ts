import { fileURLToPath } from "node:url";
import path from "node:path";
import { dataDir, logger, metricsOptions, parseConfig, repoRoot, safeError } from "@marugoto/shared/core";
import { loadOrCreateDevKeys, mintDevToken } from "./dev-keys.js";
import { createTokenVerifier, parsePrivilegedRoleOrgs, type TokenVerifier } from "./auth.js";
import { gatewayEnvSchema, type GatewayEnv } from "./config.js";
import type { GatewayOptions } from "./gateway-options.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { loadTrustedDocuments, type SecuritySettings } from "./security.js";
import { loadSupergraph, startGateway } from "./server.js";
import { stopOnSignals } from "./shutdown.js";

/** Client tokens: the OIDC provider's in production, the local development key otherwise. */
function verifierOf(config: GatewayEnv, production: boolean): Promise<TokenVerifier> {
  return createTokenVerifier({
    production,
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    orgClaim: config.JWT_ORG_CLAIM,
    rolesClaim: config.JWT_ROLES_CLAIM,
    clockToleranceSec: config.JWT_CLOCK_TOLERANCE_SEC,
    maxLifetimeSec: config.JWT_MAX_LIFETIME_SEC,
    privilegedRoleOrgs: parsePrivilegedRoleOrgs(config.PRIVILEGED_ROLE_ORGS),
    dataDir: config.DATA_DIR ?? dataDir(),
  });
}

/** Every limit as the environment sets it (its defaults are `SECURITY_DEFAULTS`). */
async function securityOf(config: GatewayEnv): Promise<Partial<SecuritySettings>> {
  return {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxCost: config.MAX_COST,
    maxListCost: config.MAX_LIST_COST,
    listSizeEstimate: config.LIST_SIZE_ESTIMATE,
    maxBodyBytes: config.MAX_BODY_BYTES,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
    socketLimits: {
      operationsPerSocket: config.WS_MAX_OPERATIONS_PER_SOCKET,
      operationsPerIdentity: config.WS_MAX_OPERATIONS_PER_IDENTITY,
      socketsPerIdentity: config.WS_MAX_SOCKETS_PER_IDENTITY,
    },
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    corsOrigins: config.CORS_ORIGINS,
    trustedProxies: config.TRUSTED_PROXIES,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    trustedDocuments: config.TRUSTED_DOCUMENTS_PATH ? await loadTrustedDocuments(config.TRUSTED_DOCUMENTS_PATH) : undefined,
  };
}

/** Development only: the built board and its sign-in's token minting. */
function developmentOptions(config: GatewayEnv): Pick<GatewayOptions, "webRoot" | "devToken"> {
  return {
    webRoot: path.join(repoRoot, "web", "dist"),
    devToken: async (org: string, role: string) =>
      mintDevToken(await loadOrCreateDevKeys(config.DATA_DIR ?? dataDir()), { sub: `board-${org}`, org, roles: [role] }),
  };
}

/** Where the per-identity rate limit is counted (RATE_LIMIT_STORE); in memory when absent. */
function rateLimitStoreOf(config: GatewayEnv): RateLimitStore | undefined {
  if (config.RATE_LIMIT_STORE === "postgres") return { databaseUrl: config.DATABASE_URL! };
  if (config.RATE_LIMIT_STORE === "redis") return { redisUrl: config.RATE_LIMIT_REDIS_URL! };
  return undefined;
}

/** The gateway's options from its environment. */
async function gatewayOptionsOf(config: GatewayEnv): Promise<GatewayOptions> {
  const production = config.NODE_ENV === "production";
  const verifier = await verifierOf(config, production);
  const subgraphUrls = { directory: config.DIRECTORY_URL, meetings: config.MEETINGS_URL, cases: config.CASES_URL, hubs: config.HUBS_URL };
  return {
    supergraph: await loadSupergraph(config.SUPERGRAPH_PATH),
    subgraphUrls,
    verifier,
    identitySecret: config.IDENTITY_SECRET,
    production,
    host: config.HOST,
    port: config.PORT,
    mergeSubscriptions: config.MERGE_SUBSCRIPTIONS,
    queryPlanner: config.QUERY_PLANNER,
    keptAnswers: config.KEEP_ANSWERS,
    batchSubscriptionCalls: config.BATCH_SUBSCRIPTION_CALLS,
    metrics: metricsOptions(config),
    rateLimitStore: rateLimitStoreOf(config),
    ...(production ? {} : developmentOptions(config)),
    security: await securityOf(config),
  };
}

async function run(): Promise<void> {
  process.env.SERVICE_NAME ??= "gateway";
  const config = parseConfig(gatewayEnvSchema);
  const gateway = await startGateway(await gatewayOptionsOf(config));
  stopOnSignals(gateway);
}

/** Runs the gateway as a process (`npm start` calls it from a compiled bundle). */
export function main(): Promise<void> {
  return run().catch((error) => {
    logger.error("gateway failed to start", { error: safeError(error) });
    process.exit(1);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
