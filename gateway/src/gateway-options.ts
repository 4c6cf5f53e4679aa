import type { GatewayRuntime } from "@graphql-hive/gateway-runtime";
import type { Identity, MetricsServerOptions, SignedIdentity } from "@marugoto/shared/core";
import type { TokenVerifier } from "./auth.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import type { SecuritySettings } from "./security.js";
import type { GroupStats } from "./subscription-groups.js";
import type { SharedUpstreamStats } from "./shared-upstreams.js";

/** The subgraphs whose answers the gateway may keep (gateway/src/kept-answers.ts, `KEPT_SUBGRAPHS`). */
export type KeptSubgraph = "directory" | "meetings";

export interface GatewayOptions {
  /** The composed supergraph SDL. */
  supergraph: string;
  /** Where each subgraph really is, by subgraph name; overrides the URLs composed into the supergraph. */
  subgraphUrls: Record<string, string>;
  verifier: TokenVerifier;
  identitySecret: string;
  production: boolean;
  host: string;
  port: number;
  /** Merge identical subscriptions per scope (default). Off only to measure the difference. */
  mergeSubscriptions?: boolean;
  /** The subgraphs whose answers the gateway keeps (`KeptAnswers`; default: directory and meetings); none only to measure the difference. */
  keptAnswers?: readonly KeptSubgraph[];
  /** A subscription event's calls for many people sent to each subgraph together (`UpstreamBatches`; default). Off only to measure the difference. */
  batchSubscriptionCalls?: boolean;
  /** Which query planner runs: the Rust one (default) or the runtime's JavaScript stitching planner. */
  queryPlanner?: "router" | "stitching";
  /** Limits, rate limits, CORS, trusted documents; defaults from `defaultSecurity`. */
  security?: Partial<SecuritySettings>;
  /** Development only: the built meeting board, served under /board/. */
  webRoot?: string;
  /** Development only: mints a token for the board's sign-in (`GET /dev/token?org=&role=`). */
  devToken?: (org: string, role: string) => Promise<string>;
  /** Prometheus metrics on a port of their own; none when absent. */
  metrics?: MetricsServerOptions;
  /** Count the per-identity rate limit in this PostgreSQL database or Redis, shared by every gateway replica; in memory when absent. */
  rateLimitStore?: RateLimitStore;
}

export interface RunningGateway {
  url: string;
  wsUrl: string;
  port: number;
  runtime: GatewayRuntime<GatewayIdentityContext>;
  /** Where `/metrics` answers, when metrics are on. */
  metricsUrl?: string;
  /** Merged subscriptions: upstream groups and the clients they serve. */
  subscriptionStats(): GroupStats;
  /** Personal live subscriptions run together (`personal-fanout.ts`): groups and the subscribers they serve. */
  fanOutStats(): GroupStats;
  /** Upstream subscriptions shared between subscriptions of one scope, the subscriptions they serve, and how many joined one already running. */
  sharedUpstreamStats(): SharedUpstreamStats;
  /** Answers kept here: whether every kept subgraph's are kept now (its change stream is up), each one's, and how many in all. */
  keptAnswers(): { watched: boolean; watching: Record<string, boolean>; size: number };
  close(): Promise<void>;
}

/** What the gateway adds to each operation's context once the client's token is verified. */
export interface GatewayIdentityContext {
  identity?: Identity;
  /** When the client's token expires (ms since the epoch): an upstream socket opened for the operation ends then. */
  identityExpiresAt?: number;
  /**
   * A subscription's signed identity for the connection parameters of an upstream graphql-ws socket,
   * by subgraph name (each subgraph's ws transport interpolates its own: runtime.ts); each signed when
   * first read, for that subgraph only (`socketSignatures` in identity.ts).
   */
  socketSignatures?: Readonly<Record<string, SignedIdentity>>;
}

/** The Hive runtime as the gateway runs it. */
export type Runtime = GatewayRuntime<GatewayIdentityContext>;
