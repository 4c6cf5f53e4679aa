import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { bootSubgraph, DEVELOPMENT_IDENTITY_SECRET, repoRoot, type RunningSubgraph } from "@marugoto/shared";
import { createTokenVerifier, type TokenVerifier } from "../../gateway/src/auth.js";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import { loadTrustedDocuments } from "../../gateway/src/security.js";
import { loadSupergraph, startGateway, type GatewayOptions, type RunningGateway } from "../../gateway/src/server.js";
import { SUBGRAPHS } from "../../scripts/subgraphs.js";
import { freshDatabase, type TestDatabase } from "./database.js";

export const TEST_SECRET = DEVELOPMENT_IDENTITY_SECRET;

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  database: TestDatabase;
  /** The folder of the development keys the gateway verifies (removed at close). */
  dataDir: string;
  /** The development-key verifier the gateway uses (for a second gateway over the same subgraphs). */
  verifier: TokenVerifier;
  /** A development token for an organisation (code) and roles; `expiresIn` in seconds. */
  token(org: string, roles?: string[], sub?: string, expiresIn?: number): Promise<string>;
  /** Stops and starts one subgraph again on the same port and database. */
  restartSubgraph(name: string): Promise<void>;
  /** Stops one subgraph (an outage), until `startSubgraph` brings it back on the same port. */
  stopSubgraph(name: string): Promise<void>;
  startSubgraph(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  webRoot?: string;
  /** A gateway in production mode: persisted documents only (the board's manifest unless `trustedDocuments` says otherwise). */
  production?: boolean;
  /** The trusted-documents manifest of a production gateway. */
  trustedDocuments?: string;
  /** Serve Prometheus metrics on ephemeral ports (gateway and every subgraph). */
  metrics?: boolean;
  /** Extra gateway options (e.g. a shared rate-limit store). */
  gateway?: Partial<GatewayOptions>;
  /** Run on this database (e.g. one restored from a backup) instead of a fresh one; dropped at close. */
  database?: TestDatabase;
}

export function subgraphEnv(
  databaseUrl: string,
  port: number,
  subgraphs: Record<string, RunningSubgraph> = {},
  options: StackOptions = {},
): NodeJS.ProcessEnv {
  // The cases subgraph checks disclosures with the meetings subgraph (booted before it); the meetings
  // subgraph tells the cases subgraph of an organisation leaving a case meeting (once cases is up).
  const meetings = subgraphs.meetings ? { MEETINGS_URL: subgraphs.meetings.url } : {};
  const cases = subgraphs.cases ? { CASES_URL: subgraphs.cases.url } : {};
  const metrics = options.metrics ? { METRICS_PORT: "0" } : {};
  return {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    IDENTITY_SECRET: TEST_SECRET,
    SEED: "true",
    ...meetings,
    ...cases,
    ...metrics,
  };
}

/**
 * Another gateway over `stack`'s subgraphs, with its verifier and signing secret: `subgraphUrls`
 * replaces some of their URLs (e.g. one reached through a relay), the rest of `options` are the
 * gateway's own (a planner, a deadline). The caller closes it.
 */
export async function anotherGateway(
  stack: Stack,
  { subgraphUrls = {}, ...options }: Partial<GatewayOptions> = {},
): Promise<RunningGateway> {
  return startGateway({
    supergraph: await loadSupergraph(),
    subgraphUrls: { ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])), ...subgraphUrls },
    verifier: stack.verifier,
    identitySecret: TEST_SECRET,
    production: false,
    host: "127.0.0.1",
    port: 0,
    ...options,
  });
}

/** The manifest codegen writes for the board's operations; a production gateway runs these only. */
export const BOARD_MANIFEST = path.join(repoRoot, "web", "src", "gql", "persisted-documents.json");

/**
 * The whole graph in this process on ephemeral ports: every subgraph (own database, migrated and
 * seeded), and the gateway reading the committed supergraph with the real subgraph URLs.
 * `production`: the gateway runs in production mode (registered operations only — the board's
 * manifest unless `trustedDocuments` says otherwise; no introspection, GraphiQL, board or
 * development sign-in), still verifying the development tokens that `token()` mints.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database = options.database ?? (await freshDatabase("stack"));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-stack-"));
  const subgraphs: Record<string, RunningSubgraph> = {};
  const envs: Record<string, NodeJS.ProcessEnv> = {};
  for (const def of SUBGRAPHS)
    subgraphs[def.name] = await bootSubgraph(def, (envs[def.name] = subgraphEnv(database.url, 0, subgraphs, options)));
  // The meetings subgraph (booted before it) tells the cases subgraph when an organisation leaves a case meeting.
  if (envs.meetings && subgraphs.cases) envs.meetings.CASES_URL = subgraphs.cases.url;
  const verifier = await createTokenVerifier({
    production: false,
    orgClaim: "org",
    rolesClaim: "roles",
    clockToleranceSec: 5,
    dataDir,
  });
  const gateway = await startGateway({
    supergraph: await loadSupergraph(),
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])),
    verifier,
    identitySecret: TEST_SECRET,
    production: options.production ?? false,
    host: "127.0.0.1",
    port: 0,
    security: options.production ? { trustedDocuments: await loadTrustedDocuments(options.trustedDocuments ?? BOARD_MANIFEST) } : undefined,
    webRoot: options.webRoot,
    devToken: async (org, role) => mintDevToken(await loadOrCreateDevKeys(dataDir), { sub: `board-${org}`, org, roles: [role] }),
    ...(options.metrics ? { metrics: { host: "127.0.0.1", port: 0 } } : {}),
    ...options.gateway,
  });
  const keys = await loadOrCreateDevKeys(dataDir);
  const stopped = new Map<string, number>();
  const stack: Stack = {
    gateway,
    subgraphs,
    database,
    dataDir,
    verifier,
    token: (org, roles = ["staff"], sub = `user-${org}`, expiresIn) => mintDevToken(keys, { sub, org, roles, expiresIn }),
    async restartSubgraph(name) {
      await stack.stopSubgraph(name);
      await stack.startSubgraph(name);
    },
    async stopSubgraph(name) {
      stopped.set(name, subgraphs[name]!.port);
      await subgraphs[name]!.close();
    },
    async startSubgraph(name) {
      const def = SUBGRAPHS.find((s) => s.name === name)!;
      subgraphs[name] = await bootSubgraph(def, subgraphEnv(database.url, stopped.get(name)!, subgraphs, options));
      stopped.delete(name);
    },
    async close() {
      await gateway.close();
      for (const [name, s] of Object.entries(subgraphs)) if (!stopped.has(name)) await s.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
