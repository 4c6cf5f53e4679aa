import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { GraphQLError } from "graphql";
import { NUL_MESSAGE, writesNul } from "@marugoto/shared/core";
import { readFile } from "node:fs/promises";
import type { TrustedProxies } from "./client-address.js";
import { SECURITY_DEFAULTS } from "./config.js";
import { listCostRule } from "./list-cost.js";
import { MAX_FIELDS_PER_SELECTION, widestSelection } from "./selection-width.js";
import type { SocketLimitSettings } from "./socket-limits.js";
import { withoutSuggestions } from "./suggestions.js";

/** Every limit and switch of the gateway's defences, with its default (README: Security). */
export interface SecuritySettings {
  production: boolean;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Most objects and fields a query may resolve, lists multiplied by their size (`listCostRule`). */
  maxListCost: number;
  /** Assumed size of a list without a literal `first`/`limit`. */
  listSizeEstimate: number;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  /** Failed authentications per client address and minute before it is refused (429) unverified. */
  authFailuresPerMinute: number;
  /** graphql-ws: operations per socket and identity, sockets per identity. */
  socketLimits: SocketLimitSettings;
  corsOrigins: string[];
  /** Proxies whose `X-Forwarded-For` names the client address failed authentications count under (`client-address.ts`). */
  trustedProxies: TrustedProxies;
  /** How many proxies in a row are believed, the peer first (`TRUSTED_PROXY_HOPS`). */
  trustedProxyHops: number;
  /** Hash → document; when set (always in production), only these operations run. */
  trustedDocuments?: Map<string, string>;
  requestDeadlineMs: number;
}

/** The defaults of every defence (README: Security), as `SECURITY_DEFAULTS` (config.ts) sets them. */
export function defaultSecurity(production: boolean): SecuritySettings {
  return { production, ...SECURITY_DEFAULTS, socketLimits: { ...SECURITY_DEFAULTS.socketLimits }, corsOrigins: [], trustedProxies: [] };
}

/** The code and Japanese message of each limit, recognised by the message the limit raises. */
const LIMITS: [RegExp, string, string][] = [
  [/Query depth limit/, "QUERY_TOO_DEEP", "クエリの入れ子が深すぎます。"],
  [/Aliases limit/, "TOO_MANY_ALIASES", "エイリアスが多すぎます。"],
  [/Token limit/, "TOO_MANY_TOKENS", "クエリが長すぎます。"],
  [/Directives limit/, "TOO_MANY_DIRECTIVES", "ディレクティブが多すぎます。"],
  [/Query Cost limit/, "QUERY_TOO_COSTLY", "クエリの負荷が上限を超えています。"],
];

function coded(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const hit = LIMITS.find(([pattern]) => pattern.test(error.message));
  if (!hit) return error;
  return new GraphQLError(`${hit[2]} (${error.message.replace(/^Syntax Error: /, "")})`, {
    extensions: { code: hit[1], http: { status: 400 } },
  });
}

function tooWide(fields: number): GraphQLError {
  return new GraphQLError(`一つの選択にフィールドが多すぎます（${fields} > 上限 ${MAX_FIELDS_PER_SELECTION}）。`, {
    extensions: { code: "QUERY_TOO_WIDE", http: { status: 400 } },
  });
}

/**
 * The token limit refuses while parsing: give its refusal a code there (its plugin must come first).
 * A parsed document whose widest selection set holds too many fields is refused here too, before
 * validation compares them pairwise, and one that writes NUL in a string.
 */
const tokenCode: GatewayPlugin = {
  onParse({ parseFn, setParseFn }) {
    setParseFn((...args: Parameters<typeof parseFn>) => {
      let document: ReturnType<typeof parseFn>;
      try {
        document = parseFn(...args);
      } catch (error) {
        throw coded(error);
      }
      const widest = widestSelection(document);
      if (widest > MAX_FIELDS_PER_SELECTION) throw tooWide(widest);
      // NUL written as an escape in a string (`"a\u0000b"`): no subgraph can store it, and none is asked.
      const source = args[0];
      if (writesNul(typeof source === "string" ? source : source.body, document))
        throw new GraphQLError(NUL_MESSAGE, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
      return document;
    });
  },
};

/** The validation limits report (rather than throw) a coded error, so every violation is listed. */
const reportCoded = {
  propagateOnRejection: false,
  onReject: [
    (context: { reportError(e: GraphQLError): void } | null, error: GraphQLError) => context?.reportError(coded(error) as GraphQLError),
  ],
};

/** The validation-time defences: size and shape limits, and (in production) no suggestion in any error. */
export function limitPlugins(s: SecuritySettings): GatewayPlugin[] {
  return [
    maxTokensPlugin({ n: s.maxTokens }) as GatewayPlugin,
    tokenCode,
    maxDepthPlugin({ n: s.maxDepth, ...reportCoded }) as GatewayPlugin,
    // Every alias counts, `__typename` too (graphql-armor allows that one by default): 600
    // `a1: __typename` aliases would otherwise turn 10 KB of query into a 1.8 MB answer.
    maxAliasesPlugin({ n: s.maxAliases, allowList: [], ...reportCoded }) as GatewayPlugin,
    maxDirectivesPlugin({ n: s.maxDirectives, ...reportCoded }) as GatewayPlugin,
    costLimitPlugin({ maxCost: s.maxCost, ...reportCoded }) as GatewayPlugin,
    // graphql-armor's cost has no list multiplier: this one estimates what a query may resolve.
    {
      onValidate: ({ addValidationRule }) =>
        addValidationRule(listCostRule({ maxCost: s.maxListCost, defaultListSize: s.listSizeEstimate })),
    } as GatewayPlugin,
    // In production no "Did you mean …?" names the schema's fields, types or enum values: cut, not
    // replaced, from validation errors here and from every answer's errors (variables' included) there.
    ...(s.production ? [blockFieldSuggestionsPlugin({ mask: "" }) as GatewayPlugin, withoutSuggestions()] : []),
    // A "simple" cross-site request (form post, plain GET) carries no JSON content type and no custom header.
    useCSRFPrevention({ requestHeaders: ["x-graphql-csrf", "graphql-preflight", "apollo-require-preflight"] }) as GatewayPlugin,
  ];
}

/** A manifest key or a client's document id, without graphql-codegen's `sha256:` prefix. */
export const documentKey = (key: string) => key.replace(/^sha256:/, "");

/** Where a request may name its registered document: Apollo's hash, Hive's and graphql-codegen's `documentId`. */
export interface DocumentIdCarrier {
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } | null;
}

/**
 * Every document id a request names, in body, extensions or (HTTP) the URL's `documentId`, each
 * without its `sha256:` prefix. More than one distinct id is refused by both transports: otherwise
 * the one that ran depended on the runtime's order of looking.
 */
export function documentIdsOf(params: DocumentIdCarrier, url?: string): Set<string> {
  const named = [params.extensions?.persistedQuery?.sha256Hash, params.documentId];
  if (url) named.push(new URL(url).searchParams.get("documentId"));
  return new Set(named.filter((id): id is string => typeof id === "string" && id !== "").map(documentKey));
}

/** Two document ids that disagree, or a text beside an id that is not that id's document. */
export function documentMismatch(http?: { status: number }): GraphQLError {
  return new GraphQLError("操作の識別子と内容が一致しません。", {
    extensions: { code: "PERSISTED_DOCUMENT_MISMATCH", ...(http ? { http } : {}) },
  });
}

/**
 * Loads the trusted-documents manifest: `{ "<sha256 hex>": "<document>" }`, as `npm run
 * trusted-documents` writes it, or graphql-codegen's `persisted-documents.json` (`sha256:` keys).
 */
export async function loadTrustedDocuments(file: string): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
  return new Map(Object.entries(manifest).map(([key, document]) => [documentKey(key), document]));
}

/** Response headers every answer carries. */
export function securityHeaders(production: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    ...(production
      ? {
          "strict-transport-security": "max-age=31536000; includeSubDomains",
          "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        }
      : {}),
  };
}

/**
 * Requests per identity and minute, as a token bucket (a burst of a minute's worth, refilled
 * continuously). Answers how long to wait when empty. Memory is bounded: over `maxKeys`, buckets
 * that have refilled (they hold nothing a new one would not) go first, then those not refusing,
 * least recently taken from first; a key still being refused goes only when more than `maxKeys`
 * keys are refused at once (a flood of new keys does not set a refused one free).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Without taking: 0 when `key` has a token left, else the seconds to wait. */
  peek(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const rate = this.perMinute / 60_000;
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
  }

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    // Re-inserted: the map's order is the order keys were last taken from.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.evict(now, key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
  }

  /**
   * Waits until an attempt of `key` may be tried: no more attempts are under way at once than `key` has
   * tokens left, so that the failures of a burst sent at once are counted before more of it is tried —
   * a burst of forged tokens is verified at most the tokens' worth, and genuine ones sent at once from one
   * address (a city hall behind one NAT, every board reconnecting after a restart) wait a moment instead
   * of being refused. Resolves to the function that ends the attempt (call it once its failure, if any,
   * is taken), or to the seconds to wait when `key` has no token left or too many already wait.
   */
  async turn(key: string, now = Date.now): Promise<(() => void) | number> {
    let entry = this.underWay.get(key);
    if (!entry) this.underWay.set(key, (entry = { holders: 0, waiting: [] }));
    const own = entry;
    for (;;) {
      const wait = this.peek(key, now());
      if (wait) return this.leave(key, own, wait);
      if (own.holders < this.left(key, now())) break;
      // A hundred minutes' worth may wait; more are refused at once.
      if (own.waiting.length >= this.perMinute * 100) return this.leave(key, own, 1);
      await new Promise<void>((resolve) => own.waiting.push(resolve));
    }
    own.holders += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      own.holders -= 1;
      // As many of those waiting as there is room for look again, in order (a success leaves room, a
      // failure may leave none); when no token is left, all of them, to be refused. Waking only those
      // keeps a crowd of thousands reconnecting at once from being woken once per attempt that ends.
      const room = this.peek(key, now()) ? own.waiting.length : this.left(key, now()) - own.holders;
      for (const wake of own.waiting.splice(0, Math.max(0, room))) wake();
      this.leave(key, own, 0);
    };
  }

  private readonly underWay = new Map<string, { holders: number; waiting: (() => void)[] }>();

  private leave(key: string, entry: { holders: number; waiting: (() => void)[] }, wait: number): number {
    if (entry.holders === 0 && entry.waiting.length === 0 && this.underWay.get(key) === entry) this.underWay.delete(key);
    return wait;
  }

  /** Whole tokens `key` has left. */
  private left(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.perMinute;
    return Math.floor(Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000));
  }

  /** Down to 99 % of the bound (so this runs once per 1 % of it): refilled buckets, then those not refusing, then the oldest. */
  private evict(now: number, keep: string): void {
    const target = this.maxKeys - Math.max(1, Math.floor(this.maxKeys / 100));
    const rate = this.perMinute / 60_000;
    const tokensOf = (bucket: { tokens: number; at: number }) => bucket.tokens + (now - bucket.at) * rate;
    const passes: ((bucket: { tokens: number; at: number }) => boolean)[] = [
      (bucket) => tokensOf(bucket) >= this.perMinute,
      (bucket) => tokensOf(bucket) >= 1,
      () => true,
    ];
    for (const drop of passes) {
      for (const [key, bucket] of this.buckets) {
        if (this.buckets.size <= target) return;
        if (key !== keep && drop(bucket)) this.buckets.delete(key);
      }
    }
  }
}
