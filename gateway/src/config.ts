import { z } from "zod";
import {
  DEVELOPMENT_IDENTITY_SECRET,
  IDENTITY_SECRET_REQUIRED,
  METRICS_TOKEN_PLACEHOLDER,
  METRICS_TOKEN_REQUIRED,
  metricsEnvFields,
  metricsProtected,
  nodeEnvSchema,
  portSchema,
  productionIdentitySecret,
  productionMetricsToken,
  ROLES,
  type Role,
} from "@marugoto/shared/core";
import { validProxyEntry } from "./client-address.js";

/**
 * The defaults of every defence (README: Security), written here only: the environment's defaults
 * below and `defaultSecurity` (security.ts) both read them.
 */
export const SECURITY_DEFAULTS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 250_000,
  // The liaison's query of 500 shared cases with their action items and meetings (estimated at 20 per
  // unsized list) stays well within; the nested-list attack estimates 5 × 10^10.
  maxListCost: 200_000,
  listSizeEstimate: 20,
  maxBodyBytes: 1_048_576,
  rateLimitPerMinute: 600,
  authFailuresPerMinute: 60,
  socketLimits: { operationsPerSocket: 50, operationsPerIdentity: 200, socketsPerIdentity: 10 },
  requestDeadlineMs: 30_000,
  trustedProxyHops: 1,
} as const;

/** Tolerated clock skew when checking a token's times, seconds. */
const DEFAULT_CLOCK_TOLERANCE_SEC = 30;

/** Default longest token lifetime: a working day and then some (README: Security). */
export const DEFAULT_MAX_LIFETIME_SEC = 86_400;

/** graphql-ws: a socket that sends no connection_init within this is closed (4408). */
export const CONNECTION_INIT_WAIT_MS = 3_000;

/** Privileged roles and the organisations allowed to hold them (README: Security, `PRIVILEGED_ROLE_ORGS`). */
/**
 * `emergency` (break-glass on any case) belongs to the sections that answer emergencies: 生活福祉課
 * (生活困窮), 長寿支援課 (高齢者虐待), こども家庭支援課 (児童虐待), 障がい福祉課 (障がい者虐待).
 */
export const DEFAULT_PRIVILEGED_ROLE_ORGS =
  "auditor:seikatsu-fukushi;analyst:seikatsu-fukushi,fukushi-suishin-bu;emergency:seikatsu-fukushi,choju-shien,kodomo-katei-shien,shogai-fukushi";

/**
 * The roles that count only for the organisations `PRIVILEGED_ROLE_ORGS` names for them: the audit
 * log, small counts in statistics, break-glass on any case. An identity provider may let anyone
 * claim them, so the gateway decides who holds them.
 */
export const PRIVILEGED_ROLES: readonly Role[] = [ROLES.auditor, ROLES.analyst, ROLES.emergency];

/** `auditor:a,b;analyst:c` → role → organisation codes, or what is wrong with the text. */
function readPrivilegedRoleOrgs(text: string): { map: Map<Role, Set<string>> } | { problem: string } {
  const entries = text
    .split(";")
    .map((e) => e.trim())
    .filter(Boolean);
  // Set but empty (a template's `PRIVILEGED_ROLE_ORGS=`): zod's default applies only when unset.
  if (entries.length === 0)
    return {
      problem: "set but empty; leave it unset for the default, or name each privileged role's organisations (role:org,org;role:org)",
    };
  const map = new Map<Role, Set<string>>();
  for (const entry of entries) {
    const parts = entry.split(":");
    if (parts.length !== 2) return { problem: `"${entry}" is not role:org,org` };
    const name = parts[0]!.trim();
    const role = PRIVILEGED_ROLES.find((r) => r === name);
    if (!role) return { problem: `"${name}" is not a privileged role (${PRIVILEGED_ROLES.join(", ")})` };
    if (map.has(role)) return { problem: `${role} is named twice` };
    const orgs = parts[1]!
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean);
    // Leaving a role out already grants it to nobody: a role with no organisation is a mistake.
    if (orgs.length === 0) return { problem: `${role} names no organisation (leave the role out to grant it to nobody)` };
    map.set(role, new Set(orgs));
  }
  return { map };
}

/**
 * `auditor:a,b;analyst:c` → role → organisation codes. A privileged role the text does not name is
 * held by no organisation. Throws on an empty or malformed text or an unknown role: a setting that
 * cannot be read as meant must stop the gateway, not open (or silently close) a role.
 */
export function parsePrivilegedRoleOrgs(text: string): Map<Role, Set<string>> {
  const read = readPrivilegedRoleOrgs(text);
  if ("problem" in read) throw new Error(`PRIVILEGED_ROLE_ORGS: ${read.problem}`);
  return read.map;
}

const optionalUrl = z.string().url().optional();

/** A comma-separated list, each entry trimmed, empty ones dropped; empty by default. */
const commaList = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  );

/** Gateway settings, parsed once at boot. Every variable is in the README's configuration table. */
export const gatewayEnvSchema = z
  .object({
    NODE_ENV: nodeEnvSchema,
    HOST: z.string().default("127.0.0.1"),
    PORT: portSchema.default(4000),
    IDENTITY_SECRET: z.string().min(16).default(DEVELOPMENT_IDENTITY_SECRET),
    SUPERGRAPH_PATH: z.string().optional(),
    DIRECTORY_URL: z.string().url().default("http://127.0.0.1:4001/graphql"),
    MEETINGS_URL: z.string().url().default("http://127.0.0.1:4002/graphql"),
    CASES_URL: z.string().url().default("http://127.0.0.1:4003/graphql"),
    HUBS_URL: z.string().url().default("http://127.0.0.1:4004/graphql"),
    JWT_JWKS_URL: optionalUrl,
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
    JWT_ORG_CLAIM: z.string().default("org"),
    JWT_ROLES_CLAIM: z.string().default("roles"),
    JWT_CLOCK_TOLERANCE_SEC: z.coerce.number().int().min(0).max(300).default(DEFAULT_CLOCK_TOLERANCE_SEC),
    JWT_MAX_LIFETIME_SEC: z.coerce.number().int().positive().default(DEFAULT_MAX_LIFETIME_SEC),
    /** Kept as written (the README's table shows the default); checked here, so a bad value stops the gateway at start. */
    PRIVILEGED_ROLE_ORGS: z
      .string()
      .default(DEFAULT_PRIVILEGED_ROLE_ORGS)
      .superRefine((text, ctx) => {
        const read = readPrivilegedRoleOrgs(text);
        if ("problem" in read) ctx.addIssue({ code: "custom", message: read.problem });
      }),
    AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.authFailuresPerMinute),
    WS_MAX_OPERATIONS_PER_SOCKET: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.socketLimits.operationsPerSocket),
    WS_MAX_OPERATIONS_PER_IDENTITY: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.socketLimits.operationsPerIdentity),
    WS_MAX_SOCKETS_PER_IDENTITY: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.socketLimits.socketsPerIdentity),
    DATA_DIR: z.string().optional(),
    MAX_DEPTH: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxDepth),
    MAX_ALIASES: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxAliases),
    MAX_TOKENS: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxTokens),
    MAX_DIRECTIVES: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxDirectives),
    MAX_COST: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxCost),
    MAX_LIST_COST: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxListCost),
    LIST_SIZE_ESTIMATE: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.listSizeEstimate),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.maxBodyBytes),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.rateLimitPerMinute),
    REQUEST_DEADLINE_MS: z.coerce.number().int().positive().default(SECURITY_DEFAULTS.requestDeadlineMs),
    CORS_ORIGINS: commaList,
    TRUSTED_DOCUMENTS_PATH: z.string().optional(),
    /** Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client; none by default. */
    TRUSTED_PROXIES: commaList.refine((entries) => entries.every(validProxyEntry), {
      message: "TRUSTED_PROXIES: each entry must be an address or a CIDR range",
    }),
    /** Proxies in a row in front of the gateway whose X-Forwarded-For entries are believed; 1 for one Ingress. */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(SECURITY_DEFAULTS.trustedProxyHops),
    ...metricsEnvFields.shape,
    /** memory (one replica; default), postgres (shared by every replica; needs DATABASE_URL) or redis (shared; needs RATE_LIMIT_REDIS_URL). */
    RATE_LIMIT_STORE: z.enum(["memory", "postgres", "redis"]).default("memory"),
    /** Redis for RATE_LIMIT_STORE=redis (redis://[user:password@]host:port[/db], or rediss:// for TLS). */
    RATE_LIMIT_REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, "RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL")
      .optional(),
    /** The graph's database: read by the gateway only for RATE_LIMIT_STORE=postgres. */
    DATABASE_URL: z.string().url().optional(),
    /** router: the Rust query planner, plans cached per document (default); stitching: the runtime's JavaScript planner. */
    QUERY_PLANNER: z.enum(["router", "stitching"]).default("router"),
    /** Merge identical subscriptions per scope and share upstream ones per organisation and roles where the subgraph does not decide on the person; false only to compare. */
    MERGE_SUBSCRIPTIONS: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    /**
     * The subgraphs whose answers the gateway keeps by caller scope, dropped at every change of their
     * tables: comma-separated, of `directory` and `meetings` (default: both); `none` only to compare.
     */
    KEEP_ANSWERS: z
      .string()
      .default("directory,meetings")
      .transform((v) => (v.trim() === "none" ? [] : v.split(",").map((s) => s.trim())))
      .pipe(z.array(z.enum(["directory", "meetings"]))),
    /** Send a subscription event's calls for many people to a subgraph in one request, each signed and answered on its own (default); false only to compare. */
    BATCH_SUBSCRIPTION_CALLS: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
  })
  .refine(productionIdentitySecret, { message: IDENTITY_SECRET_REQUIRED, path: ["IDENTITY_SECRET"] })
  .refine((c) => c.NODE_ENV !== "production" || !!c.TRUSTED_DOCUMENTS_PATH, {
    message: "TRUSTED_DOCUMENTS_PATH must be set in production (only registered operations run there)",
    path: ["TRUSTED_DOCUMENTS_PATH"],
  })
  .refine((c) => !c.JWT_JWKS_URL || !!c.JWT_ISSUER, {
    message: "JWT_ISSUER must be set when JWT_JWKS_URL is set (tokens of another issuer would be accepted)",
    path: ["JWT_ISSUER"],
  })
  .refine((c) => !c.JWT_JWKS_URL || !!c.JWT_AUDIENCE, {
    message: "JWT_AUDIENCE must be set when JWT_JWKS_URL is set (tokens minted for another application would be accepted)",
    path: ["JWT_AUDIENCE"],
  })
  .refine(metricsProtected, { message: METRICS_TOKEN_REQUIRED, path: ["METRICS_TOKEN"] })
  .refine(productionMetricsToken, { message: METRICS_TOKEN_PLACEHOLDER, path: ["METRICS_TOKEN"] })
  .refine((c) => c.RATE_LIMIT_STORE !== "postgres" || !!c.DATABASE_URL, {
    message: "DATABASE_URL must be set when RATE_LIMIT_STORE=postgres",
    path: ["DATABASE_URL"],
  })
  .refine((c) => c.RATE_LIMIT_STORE !== "redis" || !!c.RATE_LIMIT_REDIS_URL, {
    message: "RATE_LIMIT_REDIS_URL must be set when RATE_LIMIT_STORE=redis",
    path: ["RATE_LIMIT_REDIS_URL"],
  })
  .refine((c) => c.NODE_ENV !== "production" || !!c.JWT_JWKS_URL, {
    message: "JWT_JWKS_URL must be set in production (the development key is never accepted there)",
    path: ["JWT_JWKS_URL"],
  });
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
