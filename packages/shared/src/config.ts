import { z } from "zod";

/** The environments the graph knows. Production refuses development conveniences. */
export const nodeEnvSchema = z.enum(["development", "test", "production"]).default("development");
export type NodeEnv = z.infer<typeof nodeEnvSchema>;

/** A TCP port; 0 asks the OS for a free one (tests). */
export const portSchema = z.coerce.number().int().min(0).max(65535);

/** Development-only secret; production must set IDENTITY_SECRET. */
export const DEVELOPMENT_IDENTITY_SECRET = "development-only-identity-secret-change-me";

/** The development default, and the placeholders the examples show (`.env.example`, the Secret's example, docker-compose). */
const PLACEHOLDER_SECRET = /change-?me|replace-with|local-compose|development-only|example/i;
/** Shortest identity secret production accepts: 32 characters (`openssl rand -base64 32` gives 44). */
export const PRODUCTION_SECRET_MIN_LENGTH = 32;

/** Production: the identity secret is neither the development value nor a placeholder, and is long enough. */
export function productionIdentitySecret(c: { NODE_ENV: string; IDENTITY_SECRET: string }): boolean {
  return (
    c.NODE_ENV !== "production" || (c.IDENTITY_SECRET.length >= PRODUCTION_SECRET_MIN_LENGTH && !PLACEHOLDER_SECRET.test(c.IDENTITY_SECRET))
  );
}
export const IDENTITY_SECRET_REQUIRED = `IDENTITY_SECRET must be set in production: at least ${PRODUCTION_SECRET_MIN_LENGTH} random characters, not the development value or an example's placeholder`;

/** Production: a metrics token, when set, is not a placeholder. */
export function productionMetricsToken(c: { NODE_ENV: string; METRICS_TOKEN?: string }): boolean {
  return c.NODE_ENV !== "production" || c.METRICS_TOKEN === undefined || !PLACEHOLDER_SECRET.test(c.METRICS_TOKEN);
}
export const METRICS_TOKEN_PLACEHOLDER = "METRICS_TOKEN must not be an example's placeholder in production";

/**
 * Parses the environment once at boot with a zod schema and fails fast with every problem listed.
 * Secrets with development defaults are refused in production by the caller's schema refinements.
 */
export function parseConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Where a process serves Prometheus metrics: a port of its own, off when METRICS_PORT is unset. */
export const metricsEnvFields = z.object({
  METRICS_PORT: portSchema.optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** When set, a scrape must send `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
});

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** Production: metrics reachable beyond the machine need a token. */
export function metricsProtected(c: { NODE_ENV: string; METRICS_PORT?: number; METRICS_HOST: string; METRICS_TOKEN?: string }): boolean {
  return c.NODE_ENV !== "production" || c.METRICS_PORT === undefined || LOOPBACK.has(c.METRICS_HOST) || !!c.METRICS_TOKEN;
}
export const METRICS_TOKEN_REQUIRED = "METRICS_TOKEN must be set in production when METRICS_HOST is not a loopback address";

/** The metrics listener's options from parsed settings; undefined when metrics are off. */
export function metricsOptions(c: { METRICS_PORT?: number; METRICS_HOST: string; METRICS_TOKEN?: string }) {
  return c.METRICS_PORT === undefined ? undefined : { host: c.METRICS_HOST, port: c.METRICS_PORT, token: c.METRICS_TOKEN };
}

/**
 * The longest a graphql-ws socket from the gateway stays open after its identity was signed, in ms:
 * 24 h, the longest token lifetime the gateway accepts by default (`JWT_MAX_LIFETIME_SEC`), so a
 * subscriber's socket ends at its token's expiry first (the end the gateway signs into the socket).
 */
export const DEFAULT_IDENTITY_SOCKET_MAX_AGE_MS = 86_400_000;

/** Settings every subgraph process shares, as read (before the production rules and defaults). */
export const subgraphEnvFields = z.object({
  NODE_ENV: nodeEnvSchema,
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  IDENTITY_SECRET: z.string().min(16).default(DEVELOPMENT_IDENTITY_SECRET),
  /** How old a signed identity may be, in ms (replay window). */
  IDENTITY_MAX_AGE_MS: z.coerce.number().int().positive().default(30_000),
  /** The longest a graphql-ws socket from the gateway stays open after its identity was signed, in ms. */
  IDENTITY_SOCKET_MAX_AGE_MS: z.coerce.number().int().positive().default(DEFAULT_IDENTITY_SOCKET_MAX_AGE_MS),
  /**
   * Seed at boot (idempotent). Default: true, except in production where it is false. Whatever it
   * says, production seeds reference data only, never fictional people or cases (see `SeedOptions`).
   */
  SEED: z.enum(["true", "false"]).optional(),
  HOST: z.string().default("127.0.0.1"),
  ...metricsEnvFields.shape,
});

/** Settings every subgraph process shares. */
export const subgraphEnvSchema = subgraphEnvFields
  .refine(productionIdentitySecret, { message: IDENTITY_SECRET_REQUIRED, path: ["IDENTITY_SECRET"] })
  .refine(metricsProtected, { message: METRICS_TOKEN_REQUIRED, path: ["METRICS_TOKEN"] })
  .refine(productionMetricsToken, { message: METRICS_TOKEN_PLACEHOLDER, path: ["METRICS_TOKEN"] })
  .transform((c) => ({ ...c, SEED: c.SEED === undefined ? c.NODE_ENV !== "production" : c.SEED === "true" }));
export type SubgraphEnv = z.infer<typeof subgraphEnvSchema>;

/**
 * One subgraph's environment in a process of several: the process's own, without its METRICS_PORT
 * (the supervisor's, which is the gateway's), plus the subgraph's entries. Only the subgraph given a
 * metrics port of its own serves the (shared) registry; the others would bind the gateway's port.
 */
export function subgraphProcessEnv(processEnv: NodeJS.ProcessEnv, own: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { METRICS_PORT: _supervisors, ...inherited } = processEnv;
  return { ...inherited, ...own };
}
