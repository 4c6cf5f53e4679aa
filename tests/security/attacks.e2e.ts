import { createHash } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTokenVerifier } from "../../gateway/src/auth.js";
import { loadSupergraph, startGateway, type RunningGateway } from "../../gateway/src/server.js";
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity } from "@marugoto/shared";
import { bearer, post, signedConnectionParams, signedHeaders, wsClient, wsExecute } from "../helpers/client.js";
import { anotherGateway, startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";

/**
 * The attack suite: every case asserts the exact refusal, and the gateway still answers afterwards.
 * A development gateway (the stack's) and a production one (JWKS, trusted documents) over the same subgraphs.
 */
const ISSUER = "https://idp.example.test/";
const AUDIENCE = "marugoto-graph";
const REGISTERED = `query Directory { organizations(kinds: [CITY_SECTION]) { code name } }`;
const REGISTERED_HASH = createHash("sha256").update(REGISTERED).digest("hex");
// Registered on purpose: introspection must be refused in production even as a trusted document.
const INTROSPECTION = `query Schema { __schema { types { name } } }`;
const INTROSPECTION_HASH = createHash("sha256").update(INTROSPECTION).digest("hex");
const HUB_EVENTS = `subscription HubEvents($id: ID!) { hubEvents(hubId: $id) { kind } }`;
const HUB_EVENTS_HASH = createHash("sha256").update(HUB_EVENTS).digest("hex");

let stack: Stack;
let prod: RunningGateway;
let strict: RunningGateway;
let jwks: http.Server;
let privateKey: CryptoKey;
let kid: string;

async function idpToken(
  claims: Record<string, unknown> = {},
  opts: { audience?: string; issuer?: string; expiresIn?: string; key?: CryptoKey; sub?: string } = {},
) {
  return new SignJWT({ org: "nozei", roles: ["staff"], ...claims })
    .setProtectedHeader({ alg: "ES256", kid })
    .setSubject(opts.sub ?? "idp-user")
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? "10m")
    .sign(opts.key ?? privateKey);
}

/**
 * The whole stack (gateway, a production and a strict gateway, four subgraphs) runs in this process:
 * its resident memory is sampled through the suite, and the last test bounds it.
 */
const MEMORY_BOUND_MB = 1_024;
const MEMORY_GROWTH_BOUND_MB = 400;
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);
const memory = { baseline: 0, peak: 0, timer: undefined as NodeJS.Timeout | undefined };

beforeAll(async () => {
  stack = await startStack();
  const pair = await generateKeyPair("ES256", { extractable: true });
  privateKey = pair.privateKey;
  kid = "idp-key-1";
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: "ES256", use: "sig" };
  jwks = http.createServer((_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] })),
  );
  await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  const subgraphUrls = Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url]));
  prod = await startGateway({
    supergraph: await loadSupergraph(),
    subgraphUrls,
    verifier: await createTokenVerifier({
      production: true,
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      orgClaim: "org",
      rolesClaim: "roles",
      clockToleranceSec: 0,
      dataDir: "/nonexistent",
    }),
    identitySecret: TEST_SECRET,
    production: true,
    host: "127.0.0.1",
    port: 0,
    security: {
      trustedDocuments: new Map([
        [REGISTERED_HASH, REGISTERED],
        [INTROSPECTION_HASH, INTROSPECTION],
        [HUB_EVENTS_HASH, HUB_EVENTS],
      ]),
    },
  });
  strict = await startGateway({
    supergraph: await loadSupergraph(),
    subgraphUrls,
    verifier: stack.verifier,
    identitySecret: TEST_SECRET,
    production: false,
    host: "127.0.0.1",
    port: 0,
    security: { rateLimitPerMinute: 5, authFailuresPerMinute: 3 },
  });
  memory.baseline = memory.peak = rssMb();
  memory.timer = setInterval(() => (memory.peak = Math.max(memory.peak, rssMb())), 50);
});
afterAll(async () => {
  clearInterval(memory.timer);
  await prod?.close();
  await strict?.close();
  jwks?.close();
  await stack?.close();
});

const dev = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token("nozei")}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json().catch(() => ({}))) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
};
const codeOf = (r: { body: { errors?: { extensions?: { code?: string } }[] } }) => r.body.errors?.[0]?.extensions?.code;

function closeCode(url: string, connectionParams: Record<string, unknown> | undefined, query: string, variables = {}): Promise<number> {
  return new Promise((resolve) => {
    const client = wsClient(url, undefined, { connectionParams, on: { closed: (e) => resolve((e as { code: number }).code) } });
    client.subscribe({ query, variables }, { next: () => {}, error: () => {}, complete: () => {} });
  });
}

/** POSTs with `transfer-encoding: chunked` (no content-length): `size` bytes of a JSON string in 64 KiB chunks, or `text`. */
function chunkedPost(
  url: string,
  size: number,
  headers: Record<string, string>,
  text?: string,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let stop = false;
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked", ...headers } },
      (res) => {
        stop = true;
        let body = "";
        res
          .setEncoding("utf8")
          .on("data", (c: string) => (body += c))
          .on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }))
          .on("error", () => resolve({ status: res.statusCode ?? 0, body, sent }));
      },
    );
    req.on("error", (error) => (stop ? undefined : reject(error)));
    if (text !== undefined) {
      req.end(text);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, "x");
    req.write('{"query":"{ __typename }","variables":{"p":"');
    const pump = () => {
      while (!stop && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!stop) req.end('"}}');
    };
    pump();
  });
}

/** How long the gateway's health check takes to answer. */
async function healthMs(graphqlUrl: string): Promise<number> {
  const started = Date.now();
  const res = await fetch(graphqlUrl.replace("/graphql", "/healthcheck"), { signal: AbortSignal.timeout(5000) });
  expect(res.status).toBe(200);
  return Date.now() - started;
}

describe("attack suite", () => {
  it("refuses a query 20 levels deep", async () => {
    const deep = `{ organizations { ${"children { ".repeat(19)}code${" }".repeat(19)} } }`;
    const r = await dev({ query: deep });
    expect(codeOf(r)).toBe("QUERY_TOO_DEEP");
    expect(r.body.data ?? null).toBeNull();
  });

  it("refuses 100 aliases", async () => {
    const r = await dev({ query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: organizations { code }`).join(" ")} }` });
    expect(codeOf(r)).toBe("TOO_MANY_ALIASES");
  });

  it("counts __typename aliases too: 90 of them are refused, 600 already as too wide", async () => {
    const r = await dev({ query: `{ ${Array.from({ length: 90 }, (_, i) => `t${i}: __typename`).join(" ")} }` });
    expect(codeOf(r)).toBe("TOO_MANY_ALIASES");
    expect(r.body.data ?? null).toBeNull();
    const wide = await dev({ query: `{ ${Array.from({ length: 600 }, (_, i) => `t${i}: __typename`).join(" ")} }` });
    expect(codeOf(wide)).toBe("QUERY_TOO_WIDE");
    expect(await healthMs(stack.gateway.url)).toBeLessThan(1000);
  });

  it("multiplies cost by list sizes: nested lists are refused before execution, health answers meanwhile", async () => {
    // Depth 12 (within the depth limit), 150 bytes; 20^8 estimated objects.
    const nest = (n: number): string =>
      n === 0 ? "meetingBodies { members { code } }" : `meetingBodies { members { organization { ${nest(n - 1)} } } }`;
    const query = `{ ${nest(3)} }`;
    expect(query.length).toBeLessThan(200);
    const started = Date.now();
    const attack = dev({ query });
    const health = await healthMs(stack.gateway.url);
    const r = await attack;
    expect(codeOf(r)).toBe("QUERY_TOO_COSTLY");
    expect(r.body.data ?? null).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(health).toBeLessThan(1000);
    // A literal page size is believed (bounded), and an ordinary query still runs.
    expect(codeOf(await dev({ query: `{ meetingBodies { members { organization { code } } } }` }))).toBeUndefined();
  });

  it("answers a fragment bomb whose spreads cost nothing (2^40 of them in 1,000 tokens) at once, and health answers meanwhile", async () => {
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const attack = dev({ query: `{ ...F0 } ${levels} fragment F40 on Query { ...Missing }` });
    const health = await healthMs(stack.gateway.url);
    const r = await attack;
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors!.map((e) => e.extensions?.code)).toContain("QUERY_TOO_COSTLY");
    expect(health).toBeLessThan(1000);
  });

  it("refuses one selection of 500 fields (each pair compared by validation) within the token limit, before validating it", async () => {
    const r = await dev({ query: `{ ${Array.from({ length: 490 }, () => "organizations { code }").join(" ")} }` });
    expect(codeOf(r)).toBe("QUERY_TOO_WIDE");
    expect(r.body.data ?? null).toBeNull();
    // Inline fragments count into the set they sit in.
    const inline = await dev({ query: `{ ${Array.from({ length: 200 }, () => "... on Query { organizations { code } }").join(" ")} }` });
    expect(codeOf(inline)).toBe("QUERY_TOO_WIDE");
    // Named fragments count into the set that spreads them: 90 fields beside four fragments of 100.
    const fragments = ["A", "B", "C", "D"].map((name) => `fragment ${name} on Query { ${"__typename ".repeat(100)}}`).join(" ");
    const named = await dev({ query: `{ ${"__typename ".repeat(90)} ...A ...B ...C ...D } ${fragments}` });
    expect(codeOf(named)).toBe("QUERY_TOO_WIDE");
  });

  it("refuses 10,000 tokens", async () => {
    const r = await dev({ query: `{ organizations { ${Array.from({ length: 5000 }, () => "code").join(" ")} } }` });
    expect(codeOf(r)).toBe("TOO_MANY_TOKENS");
  });

  it("refuses 21 directives, and runs 20", async () => {
    const directives = (n: number) =>
      `{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { ${Array.from({ length: n }, () => "code @include(if: true)").join(" ")} } }`;
    const refused = await dev({ query: directives(21) });
    expect(codeOf(refused)).toBe("TOO_MANY_DIRECTIVES");
    expect(refused.body.data ?? null).toBeNull();
    expect((await dev({ query: directives(20) })).body).toEqual({ data: { organizations: [{ code: "shakyo" }] } });
  });

  it("refuses a query over graphql-armor's cost limit (MAX_COST) even when its lists are small", async () => {
    const cheap = await anotherGateway(stack, { security: { maxCost: 12 } });
    try {
      const nozei = bearer(await stack.token("nozei"));
      const query = `{ meetingBodies { members { organization { code name kind } } } }`;
      const refused = await post(cheap.url, query, {}, nozei);
      expect(refused.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
      expect(refused.data ?? null).toBeNull();
      // The same query is within the default limit, and a cheaper one within this gateway's.
      expect((await post(stack.gateway.url, query, {}, nozei)).errors).toBeUndefined();
      expect((await post(cheap.url, `{ organizations { code } }`, {}, nozei)).errors).toBeUndefined();
    } finally {
      await cheap.close();
    }
  });

  it("allows no cross-origin caller by default, and only the listed origins with CORS_ORIGINS", async () => {
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
      }).then((r) => r.headers.get("access-control-allow-origin"));
    expect(await preflight(stack.gateway.url, "https://evil.example")).toBeNull();
    expect(await preflight(stack.gateway.url, "https://board.example.jp")).toBeNull();
    const board = await anotherGateway(stack, { security: { corsOrigins: ["https://board.example.jp"] } });
    try {
      expect(await preflight(board.url, "https://board.example.jp")).toBe("https://board.example.jp");
      expect(await preflight(board.url, "https://evil.example")).not.toBe("https://evil.example");
      expect(await preflight(board.url, "https://evil.example")).not.toBe("*");
    } finally {
      await board.close();
    }
  });

  it("refuses a batch of operations, of 50 or of 2, with 400 BAD_REQUEST and runs none", async () => {
    for (const n of [50, 2]) {
      const r = await dev(Array.from({ length: n }, () => ({ query: "{ organizations { code } }" })));
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe("BAD_REQUEST");
      expect(JSON.stringify(r.body)).not.toContain('"organizations"');
    }
  });

  it("refuses a 5 MB body before reading it", async () => {
    const r = await dev({ query: "{ organizations { code } }", variables: { padding: "x".repeat(5 * 1024 * 1024) } });
    expect(r.status).toBe(413);
    expect(codeOf(r)).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a chunked body over the limit as it arrives, and one without a token before reading any of it", async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ authorization: `Bearer ${await stack.token("nozei")}` }, 413, "PAYLOAD_TOO_LARGE"],
      [{}, 401, "UNAUTHENTICATED"],
    ];
    for (const [auth, status, code] of cases) {
      const started = Date.now();
      const r = await chunkedPost(stack.gateway.url, 10 * 1024 * 1024, auth);
      expect(r.status).toBe(status);
      expect(JSON.parse(r.body).errors[0].extensions.code).toBe(code);
      // Reading stopped at the limit (1 MiB), or never began, not at the end of the 10 MiB.
      expect(r.sent).toBeLessThan(10 * 1024 * 1024);
      expect(Date.now() - started).toBeLessThan(5000);
    }
    expect(await healthMs(stack.gateway.url)).toBeLessThan(1000);
    // A chunked body within the limit still runs.
    const small = await chunkedPost(
      stack.gateway.url,
      0,
      { authorization: `Bearer ${await stack.token("nozei")}` },
      JSON.stringify({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" }),
    );
    expect(JSON.parse(small.body)).toEqual({ data: { organizations: [{ code: "shakyo" }] } });
  });

  it("refuses a body that is not a JSON object with 400 BAD_REQUEST, and runs one that is (the body parsed from the buffer the gateway read)", async () => {
    const auth = { authorization: `Bearer ${await stack.token("nozei")}` };
    for (const [text, message] of [
      ['{"query": "{ __typename }"', "POST body sent invalid JSON."],
      ["null", "POST body is expected to be object but received null"],
      ["42", "POST body is expected to be object but received number"],
      ['"{ __typename }"', "POST body is expected to be object but received string"],
    ] as const) {
      const r = await chunkedPost(stack.gateway.url, 0, auth, text);
      expect(r.status).toBe(400);
      const error = JSON.parse(r.body).errors[0];
      expect(error.message).toBe(message);
      expect(error.extensions.code).toBe("BAD_REQUEST");
    }
    const query = JSON.stringify({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" });
    for (const contentType of ["application/json; charset=utf-8", "application/graphql+json"]) {
      const r = await chunkedPost(stack.gateway.url, 0, { ...auth, "content-type": contentType }, query);
      expect(JSON.parse(r.body)).toEqual({ data: { organizations: [{ code: "shakyo" }] } });
    }
    expect(await healthMs(stack.gateway.url)).toBeLessThan(1000);
  });

  it("refuses NUL in a variable through the gateway as bad input, and writes nothing", async () => {
    const MUTATION = `mutation ($l: String!) { createCalendarFeed(label: $l) { feed { id } userErrors { code } } }`;
    const before = (await dev({ query: `{ calendarFeeds { id } }` })).body;
    const http = await dev({ query: MUTATION, variables: { l: "a\u0000b" } });
    expect(codeOf(http)).toBe("BAD_USER_INPUT");
    // Written in the operation's own text as an escape (the body itself holds no NUL), plain or braced.
    for (const escaped of ["a\\u0000b", "a\\u{0}b", "a\\u{00000}b"]) {
      const inline = await dev({ query: `mutation { createCalendarFeed(label: "${escaped}") { feed { id } userErrors { code } } }` });
      expect(codeOf(inline), escaped).toBe("BAD_USER_INPUT");
    }
    expect((await dev({ query: `{ calendarFeeds { id } }` })).body).toEqual(before);
  });

  it('refuses a "simple" cross-site request (text/plain POST, plain GET)', async () => {
    const token = await stack.token("nozei");
    const form = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ organizations { code } }" }),
    });
    expect(form.status).toBe(403);
    const get = await fetch(`${stack.gateway.url}?query=${encodeURIComponent("{ organizations { code } }")}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.status).toBe(403);
    const preflighted = await fetch(`${stack.gateway.url}?query=${encodeURIComponent("{ organizations { code } }")}`, {
      headers: { authorization: `Bearer ${token}`, "x-graphql-csrf": "1" },
    });
    expect(preflighted.status).toBe(200);
    // A mutation never runs from a URL, preflight header or not: a link or an image could carry it.
    const mutation = `mutation { createCalendarFeed(label: "GETで作られた配信") { feed { id } userErrors { code } } }`;
    const feedsBefore = await dev({ query: `{ calendarFeeds { id } }` });
    const viaGet = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(mutation)}`, {
      headers: { authorization: `Bearer ${token}`, "x-graphql-csrf": "1" },
    });
    expect(viaGet.status).toBe(405);
    expect((await dev({ query: `{ calendarFeeds { id } }` })).body).toEqual(feedsBefore.body);
  });

  it("in production refuses a registered document's undeclared variables (1 MB of them) with 400 BAD_USER_INPUT, before they key a kept answer", async () => {
    const token = await idpToken({}, { sub: "undeclared-padding" });
    const call = (body: unknown) =>
      fetch(prod.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
    await vi.waitFor(() => expect(prod.keptAnswers().watched).toBe(true), { timeout: 10_000, interval: 50 });
    const documentId = `sha256:${REGISTERED_HASH}`;
    const ok = await call({ documentId });
    expect(JSON.parse(ok.text).data.organizations).toHaveLength(24);
    const kept = prod.keptAnswers().size;
    expect(kept).toBeGreaterThan(0);
    const padding = "x".repeat(1_000_000);
    for (const variables of [{ unused: padding }, { unused: padding, a: 1, b: 2, c: 3 }]) {
      const refused = await call({ documentId, variables });
      expect(refused.status).toBe(400);
      const { data, errors } = JSON.parse(refused.text) as { data?: unknown; errors: { message: string; extensions: object }[] };
      expect(data ?? null).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
      expect(errors[0]!.message).toContain("操作で宣言されていない変数 $unused");
      // A few named, never a value.
      expect(refused.text).not.toContain("xxxxxxxx");
      expect(refused.text.length).toBeLessThan(1_000);
    }
    // Nothing kept for them; the same document without them is still answered.
    expect(prod.keptAnswers().size).toBeLessThanOrEqual(kept);
    expect(JSON.parse((await call({ documentId })).text).data.organizations).toHaveLength(24);
  });

  it("refuses an undeclared variable 50,000 levels deep with 400 BAD_USER_INPUT, never an internal error, in production and development", async () => {
    const deep = '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000);
    const prodToken = await idpToken({}, { sub: "undeclared-deep" });
    const sent = [
      { url: prod.url, token: prodToken, body: `{"documentId":"sha256:${REGISTERED_HASH}","variables":{"zz":${deep}}}` },
      {
        url: stack.gateway.url,
        token: await stack.token("nozei"),
        body: `{"query":"{ organizations(kinds: [CITY_SECTION]) { code } }","variables":{"zz":${deep}}}`,
      },
    ];
    for (const { url, token, body } of sent) {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      const answer = (await r.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect([r.status, answer.errors?.map((e) => e.extensions?.code)], url).toEqual([400, ["BAD_USER_INPUT"]]);
    }
    expect(await healthMs(prod.url)).toBeLessThan(1000);
  });

  it("refuses a subscription's undeclared variable over graphql-ws for that operation alone: no merged group for it, the socket still serves", async () => {
    const hubId = ((await dev({ query: `{ hubs { id } }` })).body.data as { hubs: { id: string }[] }).hubs[0]!.id;
    const padding = "x".repeat(100_000);
    const cases = [
      {
        gateway: prod,
        client: wsClient(prod.wsUrl, await idpToken({ org: "shakyo" }, { sub: "undeclared-ws" })),
        documentId: `sha256:${HUB_EVENTS_HASH}`,
      },
      { gateway: stack.gateway, client: wsClient(stack.gateway.wsUrl, await stack.token("shakyo")), query: HUB_EVENTS },
    ];
    try {
      for (const { gateway, client, documentId, query } of cases) {
        const before = gateway.subscriptionStats();
        const answer = await new Promise<{ errors: { message: string; extensions?: Record<string, unknown> }[]; ended: string }>(
          (resolve) => {
            const errors: { message: string; extensions?: Record<string, unknown> }[] = [];
            client.subscribe(
              { query: query ?? "", ...(documentId ? { documentId } : {}), variables: { id: hubId, unused: padding } } as never,
              {
                next: (v) => errors.push(...((v as { errors?: typeof errors }).errors ?? [])),
                error: () => resolve({ errors, ended: "error" }),
                complete: () => resolve({ errors, ended: "complete" }),
              },
            );
            // Refused, it ends at once; one let through would run on (and fail the test here, not at its timeout).
            setTimeout(() => resolve({ errors, ended: "still running" }), 5_000);
          },
        );
        expect(answer.ended).toBe("complete");
        expect(answer.errors.map((e) => e.extensions)).toEqual([{ code: "BAD_USER_INPUT", undeclaredVariables: ["unused"] }]);
        expect(answer.errors[0]!.message).toBe("操作で宣言されていない変数 $unused は受け付けません。");
        expect(gateway.subscriptionStats()).toEqual(before);
        // The same socket still runs what fits: the subscription joins a group.
        client.subscribe({ query: query ?? "", ...(documentId ? { documentId } : {}), variables: { id: hubId } } as never, {
          next: () => {},
          error: () => {},
          complete: () => {},
        });
        await vi.waitFor(() => expect(gateway.subscriptionStats().members).toBe(before.members + 1), { timeout: 5_000, interval: 20 });
      }
      // One 50,000 levels deep (no client library can send it: sent as text), refused before the merging
      // key is made of it (its JSON would overflow the stack there), and the socket serves on.
      const socket = new WebSocket(prod.wsUrl, "graphql-transport-ws");
      const messages: { id?: string; type: string; payload?: unknown }[] = [];
      socket.on("message", (m) => messages.push(JSON.parse(String(m))));
      const closed = new Promise((resolve) => socket.on("close", resolve));
      await new Promise((resolve) => socket.on("open", resolve));
      socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${await idpToken({ org: "shakyo" })}` } }));
      await vi.waitFor(() => expect(messages.map((m) => m.type)).toEqual(["connection_ack"]), { timeout: 5_000, interval: 20 });
      const deep = '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000);
      socket.send(
        `{"id":"deep","type":"subscribe","payload":{"query":"","documentId":"sha256:${HUB_EVENTS_HASH}","variables":{"id":"${hubId}","zz":${deep}}}}`,
      );
      await vi.waitFor(() => expect(messages.at(-1)).toEqual({ id: "deep", type: "complete" }), { timeout: 5_000, interval: 20 });
      expect(messages.slice(1, -1)).toEqual([
        {
          id: "deep",
          type: "next",
          payload: {
            errors: [
              {
                message: "操作で宣言されていない変数 $zz は受け付けません。",
                extensions: { code: "BAD_USER_INPUT", undeclaredVariables: ["zz"] },
              },
            ],
          },
        },
      ]);
      socket.send(JSON.stringify({ id: "ok", type: "subscribe", payload: { query: "{ __typename }" } }));
      // Production runs registered documents only: the socket answers, with that refusal.
      await vi.waitFor(() => expect(messages.at(-1)).toEqual({ id: "ok", type: "complete" }), { timeout: 5_000, interval: 20 });
      expect(socket.readyState).toBe(WebSocket.OPEN);
      socket.close();
      await closed;
    } finally {
      await Promise.all(cases.map((c) => c.client.dispose()));
    }
  });

  it("refuses a mutation over graphql-ws with its own code and a Japanese message, writes nothing, and still answers queries there", async () => {
    const mutation = `mutation { createCalendarFeed(label: "ソケットで作られた配信") { feed { id } userErrors { code } } }`;
    const feedsBefore = await dev({ query: `{ calendarFeeds { id } }` });
    const client = wsClient(stack.gateway.wsUrl, await stack.token("nozei"));
    try {
      const refused = (await wsExecute(client, mutation)) as { data?: unknown; errors?: { message: string; extensions?: object }[] };
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors).toEqual([
        {
          message: "変更（mutation）はHTTPのPOSTで送ってください。graphql-wsでは購読と照会を受け付けます。",
          extensions: { code: "MUTATION_OVER_HTTP_ONLY" },
        },
      ]);
      // Named among others, the one that would run is what counts.
      const named = (await wsExecute(
        client,
        `query Q { organizations { code } } ${mutation.replace("mutation", "mutation M")}`,
        {},
        "M",
      )) as {
        errors?: { extensions?: { code?: string } }[];
      };
      expect(named.errors?.map((e) => e.extensions?.code)).toEqual(["MUTATION_OVER_HTTP_ONLY"]);
      const query = (await wsExecute(client, `{ organization(code: "nozei") { name } }`)) as { data?: { organization?: { name: string } } };
      expect(query.data?.organization?.name).toBe("納税課");
    } finally {
      await client.dispose();
    }
    expect((await dev({ query: `{ calendarFeeds { id } }` })).body).toEqual(feedsBefore.body);
  });

  it("refuses a missing, forged, expired or wrong-audience token", async () => {
    const query = { extensions: { persistedQuery: { version: 1, sha256Hash: REGISTERED_HASH } } };
    const other = (await generateKeyPair("ES256")).privateKey;
    for (const token of [
      undefined,
      await idpToken({}, { key: other }),
      await idpToken({}, { expiresIn: "-1m" }),
      await idpToken({}, { audience: "another-api" }),
      await idpToken({}, { issuer: "https://evil.example/" }),
    ]) {
      const r = await fetch(prod.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(query),
      });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    }
    // A development token means nothing in production.
    const devToken = await stack.token("nozei");
    expect(
      (
        await fetch(prod.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${devToken}` },
          body: JSON.stringify(query),
        })
      ).status,
    ).toBe(401);
  });

  it("refuses a token without expiry, one living longer than 24 h, and one issued in the future", async () => {
    const query = { extensions: { persistedQuery: { version: 1, sha256Hash: REGISTERED_HASH } } };
    const now = Math.floor(Date.now() / 1000);
    const sign = (times: { iat?: number; exp?: number }) =>
      new SignJWT({ org: "nozei", roles: ["staff"], ...times })
        .setProtectedHeader({ alg: "ES256", kid })
        .setSubject("idp-user")
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .sign(privateKey);
    const cases: [string, string][] = [
      [await sign({ iat: now }), "トークンに有効期限 (exp) がありません。"],
      [await sign({ iat: now, exp: now + 30 * 24 * 3600 }), "トークンの有効期間が長すぎます（上限 86400 秒）。"],
      [await sign({ iat: now + 3600, exp: now + 7200 }), "トークンの発行時刻 (iat) が未来になっています。"],
    ];
    for (const [token, message] of cases) {
      const r = await fetch(prod.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(query),
      });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
        message,
        extensions: { code: "UNAUTHENTICATED" },
      });
    }
    // A 30-day token cannot open a socket either (and its expiry timer no longer fires at once).
    expect(
      await closeCode(prod.wsUrl, { authorization: `Bearer ${cases[1]![0]}` }, `subscription { hubEvents(hubId: "x") { kind } }`),
    ).toBe(4403);
    const ok = await fetch(prod.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await idpToken()}` },
      body: JSON.stringify(query),
    });
    expect(ok.status).toBe(200);
  });

  it("refuses an anonymous request before parsing or validating it: no field suggestions", async () => {
    for (const body of [
      JSON.stringify({ query: "{ organizatio { code } }" }),
      "{ not json",
      JSON.stringify({ query: "{ organizations { code " }),
    ]) {
      const r = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const text = await r.text();
      expect(r.status).toBe(401);
      expect(JSON.parse(text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(text).not.toContain("Did you mean");
      expect(text).not.toContain("organization");
    }
    // Authenticated, the same mistake is a validation error as before.
    expect(codeOf(await dev({ query: "{ organizatio { code } }" }))).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("honours privileged roles only for the organisations configured for them", async () => {
    const AUDIT = `{ auditLog { edges { node { caseId } } } }`;
    const foreign = await post(stack.gateway.url, AUDIT, {}, bearer(await stack.token("koho", ["auditor"], "self-made-auditor")));
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const auditor = await post(stack.gateway.url, AUDIT, {}, bearer(await stack.token("seikatsu-fukushi", ["auditor"], "real-auditor")));
    expect(auditor.errors).toBeUndefined();
    // `emergency` (break-glass on any case) too: claimed by 広報課 it is dropped, and the glass stays shut.
    const opened = await post(
      stack.gateway.url,
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } } }`,
      {
        i: {
          receivedOn: "2025-01-10",
          takenBy: "相談員",
          sourceKind: "AGENCY",
          problemAreas: ["DEBT"],
          mainProblemArea: "DEBT",
          consentAnswer: "GIVEN",
        },
      },
      bearer(await stack.token("self-reliance-support-agency")),
    );
    const id = opened.data!.receiveConsultation.case.id;
    const GLASS = `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "夜間の救急対応で服薬情報が必要なため") { userErrors { code } } }`;
    const claimed = await post(
      stack.gateway.url,
      GLASS,
      { id },
      bearer(await stack.token("koho", ["staff", "emergency"], "self-made-emergency")),
    );
    expect(claimed.data!.breakGlass.userErrors.map((e: { code: string }) => e.code)).toEqual(["BREAK_GLASS_NOT_ALLOWED"]);
    const designated = await post(
      stack.gateway.url,
      GLASS,
      { id },
      bearer(await stack.token("choju-shien", ["staff", "emergency"], "designated-emergency")),
    );
    expect(designated.data!.breakGlass.userErrors).toEqual([]);
  });

  it("refuses a subscription whose document ids disagree, rather than group it under one and run the other", async () => {
    const client = wsClient(prod.wsUrl, await idpToken({ org: "shakyo" }, { sub: "mixer" }));
    const codesOf = (documentId: string, sha256Hash: string) =>
      new Promise<unknown[]>((resolve) => {
        const got: unknown[] = [];
        client.subscribe(
          { query: "", documentId, extensions: { persistedQuery: { version: 1, sha256Hash } }, variables: { id: "x" } } as never,
          {
            next: (v) =>
              got.push(...((v as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code)),
            error: (e) =>
              resolve([
                ...got,
                ...(Array.isArray(e) ? e.map((x) => (x as { extensions?: { code?: string } }).extensions?.code) : ["closed"]),
              ]),
            complete: () => resolve(got),
          },
        );
      });
    try {
      const codes = await codesOf(`sha256:${HUB_EVENTS_HASH}`, REGISTERED_HASH);
      // Whether the first is registered or not, as over HTTP.
      expect(await codesOf(`sha256:${"0".repeat(64)}`, REGISTERED_HASH)).toEqual(["PERSISTED_DOCUMENT_MISMATCH"]);
      expect(codes).toEqual(["PERSISTED_DOCUMENT_MISMATCH"]);
      // One id named twice, with and without graphql-codegen's prefix, is one id: the subscription runs.
      const hubId = ((await dev({ query: `{ hubs { id } }` })).body.data as { hubs: { id: string }[] }).hubs[0]!.id;
      const before = prod.subscriptionStats().members;
      const refused: unknown[] = [];
      client.subscribe(
        {
          query: "",
          documentId: `sha256:${HUB_EVENTS_HASH}`,
          extensions: { persistedQuery: { version: 1, sha256Hash: HUB_EVENTS_HASH } },
          variables: { id: hubId },
        } as never,
        { next: (v) => refused.push(...((v as { errors?: unknown[] }).errors ?? [])), error: (e) => refused.push(e), complete: () => {} },
      );
      await vi.waitFor(() => expect(prod.subscriptionStats().members).toBe(before + 1), { timeout: 5_000, interval: 20 });
      expect(refused).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it("refuses a subscription's text beside an id the manifest does not hold, before parsing the text", async () => {
    const client = wsClient(prod.wsUrl, await idpToken({ org: "shakyo" }, { sub: "unregistered-id" }));
    try {
      const codes = await new Promise<unknown[]>((resolve) => {
        const got: unknown[] = [];
        client.subscribe(
          // A text that would take the runtime's limits to refuse; refused by its id, it is never parsed.
          { query: `subscription { ${"a ".repeat(20_000)}}`, documentId: `sha256:${"0".repeat(64)}` } as never,
          {
            next: (v) =>
              got.push(...((v as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code)),
            error: () => resolve([...got, "error"]),
            complete: () => resolve(got),
          },
        );
      });
      expect(codes).toEqual(["PERSISTED_DOCUMENT_NOT_FOUND"]);
    } finally {
      await client.dispose();
    }
  });

  it("refuses a subscription's text without its id in production, even when a group of that registered document runs", async () => {
    const hubId = ((await dev({ query: `{ hubs { id } }` })).body.data as { hubs: { id: string }[] }).hubs[0]!.id;
    const token = await idpToken({ org: "shakyo" }, { sub: "registered-subscriber" });
    const first = wsClient(prod.wsUrl, token);
    const second = wsClient(prod.wsUrl, await idpToken({ org: "shakyo" }, { sub: "text-sender" }));
    const before = prod.subscriptionStats().members;
    try {
      first.subscribe({ query: "", documentId: `sha256:${HUB_EVENTS_HASH}`, variables: { id: hubId } } as never, {
        next: () => {},
        error: () => {},
        complete: () => {},
      });
      await vi.waitFor(() => expect(prod.subscriptionStats().members).toBe(before + 1), { timeout: 5_000, interval: 20 });
      const codes = await new Promise<unknown[]>((resolve) => {
        const got: unknown[] = [];
        second.subscribe(
          { query: HUB_EVENTS, variables: { id: hubId } },
          {
            next: (v) =>
              got.push(...((v as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code)),
            error: () => resolve([...got, "error"]),
            complete: () => resolve(got),
          },
        );
      });
      expect(codes).toEqual(["PERSISTED_DOCUMENT_REQUIRED"]);
      expect(prod.subscriptionStats().members).toBe(before + 1);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it("in production names no address, port or cause of a subgraph it cannot reach, and still answers from the others", async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const HUBS = `query Hubs { hubs { id } }`;
    const cut = await anotherGateway(stack, {
      production: true,
      subgraphUrls: { directory: `http://127.0.0.1:${port}/graphql` },
      security: {
        trustedDocuments: new Map([
          [REGISTERED_HASH, REGISTERED],
          [createHash("sha256").update(HUBS).digest("hex"), HUBS],
        ]),
      },
    });
    try {
      const call = async (hash: string) => {
        const res = await fetch(cut.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token("nozei")}` },
          body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
        });
        return { status: res.status, text: await res.text() };
      };
      // Not by accident of the environment: the runtime's default shows the cause when NODE_ENV says development.
      vi.stubEnv("NODE_ENV", "development");
      const down = await call(REGISTERED_HASH).finally(() => vi.unstubAllEnvs());
      const body = JSON.parse(down.text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(down.text).not.toContain(String(port));
      expect(down.text).not.toContain("127.0.0.1");
      expect(down.text).not.toMatch(/ECONNREFUSED|directory|fetch failed|originalError|stack/i);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
      const others = await call(createHash("sha256").update(HUBS).digest("hex"));
      expect(others.status).toBe(200);
      expect((JSON.parse(others.text) as { data: { hubs: unknown[] } }).data.hubs.length).toBeGreaterThan(0);
    } finally {
      await cut.close();
    }
  });

  it("in production refuses a request whose document ids disagree, wherever it names them", async () => {
    const token = await idpToken();
    const call = (body: unknown, url = prod.url) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { data?: { organizations?: unknown[] } | null; errors?: { extensions?: { code?: string } }[] },
      }));
    const apollo = { extensions: { persistedQuery: { version: 1, sha256Hash: REGISTERED_HASH } } };
    // Both registered: the runtime alone ran Apollo's hash and ignored the other id.
    const inBody = await call({ ...apollo, documentId: `sha256:${INTROSPECTION_HASH}` });
    expect(inBody.status).toBe(400);
    expect(inBody.body.data ?? null).toBeNull();
    expect(inBody.body.errors?.map((e) => e.extensions?.code)).toEqual(["PERSISTED_DOCUMENT_MISMATCH"]);
    const inUrl = await call(apollo, `${prod.url}?documentId=${INTROSPECTION_HASH}`);
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.errors?.map((e) => e.extensions?.code)).toEqual(["PERSISTED_DOCUMENT_MISMATCH"]);
    // One id named twice, with and without graphql-codegen's prefix, is one id.
    const same = await call({ ...apollo, documentId: `sha256:${REGISTERED_HASH}` });
    expect(same.body.errors).toBeUndefined();
    expect(same.body.data?.organizations).toHaveLength(24);
  });

  it("in production runs registered operations only, without introspection", async () => {
    const token = await idpToken();
    const call = (body: unknown) =>
      fetch(prod.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { data?: { organizations?: unknown[] }; errors?: { extensions?: { code?: string } }[] },
      }));
    const ok = await call({ extensions: { persistedQuery: { version: 1, sha256Hash: REGISTERED_HASH } } });
    expect(ok.body.data?.organizations).toHaveLength(24);
    // graphql-codegen's client preset sends `documentId: "sha256:<hash>"`.
    const byId = await call({ documentId: `sha256:${REGISTERED_HASH}` });
    expect(byId.body.data?.organizations).toHaveLength(24);
    const unregistered = await call({ query: "{ organizations { code } }" });
    expect(unregistered.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
    const unknown = await call({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
    // Introspection is off even when someone registers it (and GraphiQL is not served).
    const schema = await call({ extensions: { persistedQuery: { version: 1, sha256Hash: INTROSPECTION_HASH } } });
    expect(JSON.stringify(schema.body.data ?? null)).not.toContain("__schema");
    expect(schema.body.errors?.length).toBeGreaterThan(0);
    const page = await fetch(prod.url, { headers: { accept: "text/html" } });
    expect(page.status).not.toBe(200);
    // A text beside a registered id runs neither: only the registered text runs.
    const textBeside = await call({
      documentId: `sha256:${REGISTERED_HASH}`,
      query: "{ organizations { code name kind parent { code } } }",
    });
    expect(textBeside.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
  });

  it("in production still merges identical registered subscriptions of one scope", async () => {
    const hubId = ((await dev({ query: "{ hubs { id } }" })).body.data as { hubs: { id: string }[] }).hubs[0]!.id;
    const before = prod.subscriptionStats();
    const received: string[][] = [[], [], []];
    const clients = await Promise.all(
      ["u1", "u2", "u3"].map(async (sub, i) => {
        const client = wsClient(prod.wsUrl, await idpToken({ org: "shakyo" }, { sub }));
        client.subscribe<{ hubEvents: { kind: string } }>(
          { query: "", extensions: { persistedQuery: { version: 1, sha256Hash: HUB_EVENTS_HASH } }, variables: { id: hubId } } as never,
          {
            next: (v) => v.data && received[i]!.push(v.data.hubEvents.kind),
            error: () => {},
            complete: () => {},
          },
        );
        return client;
      }),
    );
    try {
      const until = Date.now() + 5000;
      while (prod.subscriptionStats().members - before.members < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      const stats = prod.subscriptionStats();
      expect(stats.members - before.members).toBe(3);
      expect(stats.groups - before.groups).toBe(1);
      // And the one upstream stream reaches all three.
      await dev(
        {
          query: `mutation ($i: RecordActivityInput!) { recordActivity(input: $i) { userErrors { code } } }`,
          variables: {
            i: {
              hubId,
              startsAt: new Date().toISOString(),
              kind: "SALON",
              participants: 9,
              staff: { districtCouncil: 1, neighbourhoodOfficers: 0, welfareCommissioners: 0, professionals: 0 },
            },
          },
        },
        { authorization: `Bearer ${await stack.token("shakyo")}` },
      );
      const deadline = Date.now() + 5000;
      while (received.some((r) => !r.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(received).toEqual([["ACTIVITY_RECORDED"], ["ACTIVITY_RECORDED"], ["ACTIVITY_RECORDED"]]);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it("refuses a direct subgraph call without, or with a stale, signature", async () => {
    for (const [name, s] of Object.entries(stack.subgraphs)) {
      expect((await post(s.url, "{ __typename }")).status).toBe(401);
      expect(
        (
          await post(
            s.url,
            "{ __typename }",
            {},
            signedHeaders(name, { sub: "x", org: "nozei", roles: [] }, TEST_SECRET, "{ __typename }", {}, Date.now() - 60_000),
          )
        ).status,
      ).toBe(401);
    }
  });

  it("refuses a subgraph call that carries its operation in the URL (GET), even with a signature for an empty body", async () => {
    const identity = { sub: "get-user", org: "nozei", roles: ["auditor"] };
    const signed = signIdentity(identity, TEST_SECRET, { kind: "http", subgraph: "cases", body: "" });
    const url = `${stack.subgraphs.cases!.url}?query=${encodeURIComponent("{ breakGlassReviews { caseId } }")}`;
    const res = await fetch(url, {
      headers: { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature, "apollo-require-preflight": "true" },
    });
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(body.data ?? null)).not.toContain("caseId");
  });

  it("refuses a captured subgraph call replayed with other variables, another operation, or again", async () => {
    const cases = stack.subgraphs.cases!.url;
    const identity = { sub: "x", org: "self-reliance-support-agency", roles: ["staff"] };
    const AUDIT = `query Audit($c: ID) { auditLog(caseId: $c) { edges { node { caseId } } } }`;
    const headers = signedHeaders("cases", identity, TEST_SECRET, AUDIT, { c: "1" });
    const call = (query: string, variables: Record<string, unknown>) => post(cases, query, variables, headers);
    // Changed variables first (the signature is not yet used): the body is not the one signed.
    for (const replay of [await call(AUDIT, { c: "2" }), await call(`{ auditLog { edges { node { caseId } } } }`, {})]) {
      expect(replay.status).toBe(401);
      expect(replay.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(replay.errors?.[0]?.message).toContain("operation mismatch");
    }
    expect((await call(AUDIT, { c: "1" })).status).toBe(200);
    // The same call again, within the window: single use.
    const again = await call(AUDIT, { c: "1" });
    expect(again.status).toBe(401);
    expect(again.errors?.[0]?.message).toContain("replayed");
    // The gateway's own calls are unaffected (a fresh signature per call).
    expect((await dev({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" })).status).toBe(200);
  });

  it("refuses an HTTP signature as a subgraph's graphql-ws connection, and queries over a subgraph's socket", async () => {
    const url = stack.subgraphs.meetings!.url.replace(/^http/, "ws");
    const identity = { sub: "x", org: "nozei", roles: ["staff"] };
    const SUBSCRIPTION = `subscription { meetingsChanged(organizationCode: "nozei") { kind } }`;
    expect(await closeCode(url, signedHeaders("meetings", identity, TEST_SECRET, SUBSCRIPTION), SUBSCRIPTION)).toBe(4403);
    // A genuine connection signature (each used once): subscriptions only; a query or mutation is refused with a code.
    for (const query of [`{ meetingBodies { code } }`, `mutation { __typename }`]) {
      const client = wsClient(url, undefined, { connectionParams: signedConnectionParams("meetings", identity, TEST_SECRET) });
      try {
        const refused = await wsExecute(client, query);
        expect(refused.data ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions?.code).toBe("SUBSCRIPTION_ONLY");
      } finally {
        await client.dispose();
      }
    }
    expect((await dev({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" })).status).toBe(200);
  });

  it("closes a subscription without a token, and a connection that never says hello", async () => {
    expect(await closeCode(stack.gateway.wsUrl, undefined, `subscription { meetingsChanged(organizationCode: "nozei") { kind } }`)).toBe(
      4403,
    );
    const silent = new WebSocket(stack.gateway.wsUrl, "graphql-transport-ws");
    const started = Date.now();
    const code = await new Promise<number>((resolve) => silent.on("close", (c) => resolve(c)));
    expect(code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("closes a socket whose message is over the body limit (1009), and one that says hello twice", async () => {
    const token = await stack.token("nozei", ["staff"], "oversized-sender");
    const closeAfter = (send: (socket: WebSocket) => void) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(stack.gateway.wsUrl, "graphql-transport-ws");
        socket.on("open", () => send(socket));
        socket.on("error", () => {});
        socket.on("close", (code) => resolve(code));
      });
    const init = JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } });
    // 1 MiB is the limit: 2 MiB of subscribe message never reaches graphql-ws.
    const big = JSON.stringify({
      id: "1",
      type: "subscribe",
      payload: { query: `{ __typename }`, variables: { pad: "x".repeat(2 * 1024 * 1024) } },
    });
    expect(
      await closeAfter((socket) => {
        socket.send(init);
        socket.once("message", () => socket.send(big));
      }),
    ).toBe(1009);
    // A second connection_init: graphql-ws closes the socket (4429, its own reason text).
    expect(
      await closeAfter((socket) => {
        socket.send(init);
        socket.once("message", () => socket.send(init));
      }),
    ).toBe(4429);
    expect(await healthMs(stack.gateway.url)).toBeLessThan(1000);
  });

  it("ends a subscription when its token expires", async () => {
    const shortLived = await stack.token("nozei", ["staff"], "short-lived", 2);
    const started = Date.now();
    const code = await closeCode(
      stack.gateway.wsUrl,
      { authorization: `Bearer ${shortLived}` },
      `subscription { meetingsChanged(organizationCode: "nozei") { kind } }`,
    );
    expect(code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops a subscription's events once access is withdrawn", async () => {
    const lead = await stack.token("self-reliance-support-agency");
    const call = async (query: string, variables: Record<string, unknown>, token = lead) =>
      (await post(stack.gateway.url, query, variables, bearer(token))).data!;
    const opened = await call(`mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id eventCursor } } }`, {
      i: {
        receivedOn: "2025-01-10",
        takenBy: "相談員",
        sourceKind: "AGENCY",
        problemAreas: ["DEBT"],
        mainProblemArea: "DEBT",
        consentAnswer: "GIVEN",
      },
    });
    const { id, eventCursor } = opened.receiveConsultation.case;
    await call(
      `mutation ($id: ID!) { assignOrganization(caseId: $id, organizationCode: "kokuho", role: SUPPORT) { userErrors { code } } }`,
      { id },
    );
    const events: string[] = [];
    const leadEvents: string[] = [];
    const query = `subscription ($id: ID!, $after: String) { caseChanged(caseId: $id, after: $after) { kind } }`;
    const client = wsClient(stack.gateway.wsUrl, await stack.token("kokuho"));
    // The lead keeps its access: its stream shows when an event has been delivered to subscribers.
    const leadClient = wsClient(stack.gateway.wsUrl, lead);
    client.subscribe<{ caseChanged: { kind: string } }>(
      { query, variables: { id, after: eventCursor } },
      { next: (v) => events.push(v.data!.caseChanged.kind), error: () => {}, complete: () => {} },
    );
    leadClient.subscribe<{ caseChanged: { kind: string } }>(
      { query, variables: { id, after: eventCursor } },
      { next: (v) => leadEvents.push(v.data!.caseChanged.kind), error: () => {}, complete: () => {} },
    );
    const log = (content: string) =>
      call(
        `mutation ($id: ID!) { logProgress(input: { caseId: $id, date: "2025-01-11", method: PHONE, staff: "担当", content: "${content}" }) { userErrors { code } } }`,
        { id },
      );
    const waitFor = async (what: string, done: () => boolean) => {
      const until = Date.now() + 15_000;
      while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      if (!done()) throw new Error(`timed out waiting for ${what}`);
    };
    const recordsAdded = (list: string[]) => list.filter((k) => k === "RECORD_ADDED").length;
    try {
      await log("一回目");
      // Before the withdrawal the assigned organisation receives the event (the stream works).
      await waitFor("kokuho's first event", () => recordsAdded(events) === 1);
      const seen = events.length;
      await call(`mutation ($id: ID!) { endAssignment(caseId: $id, organizationCode: "kokuho") { userErrors { code } } }`, { id });
      await log("担当終了後");
      // The same notification wakes every subscriber's stream, and each takes its events in order:
      // once the lead has a later record still, kokuho's stream has decided on this one.
      await waitFor("the lead's second event", () => recordsAdded(leadEvents) === 2);
      await log("担当終了後の二回目");
      await waitFor("the lead's third event", () => recordsAdded(leadEvents) === 3);
      expect(events.length).toBe(seen);
      expect(recordsAdded(events)).toBe(1);
    } finally {
      await client.dispose();
      await leadClient.dispose();
    }
  });

  it("never shares one person's break-glass stream with a colleague of the same organisation", async () => {
    const lead = await stack.token("self-reliance-support-agency");
    const opened = await post(
      stack.gateway.url,
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id eventCursor } } }`,
      {
        i: {
          receivedOn: "2025-01-10",
          takenBy: "相談員",
          sourceKind: "AGENCY",
          problemAreas: ["DEBT"],
          mainProblemArea: "DEBT",
          consentAnswer: "GIVEN",
        },
      },
      bearer(lead),
    );
    const { id, eventCursor } = opened.data!.receiveConsultation.case;
    const glass = await stack.token("choju-shien", ["staff", "emergency"], "emergency-user");
    await post(
      stack.gateway.url,
      `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "深夜の救急対応で服薬情報が必要なため") { userErrors { code } } }`,
      { id },
      bearer(glass),
    );
    // Both ask for the mark: the break-glass stream's CAUGHT_UP shows it is in place before the colleague asks.
    const query = `subscription ($id: ID!, $after: String) { caseChanged(caseId: $id, after: $after, markCaughtUp: true) { kind } }`;
    const seen: Record<string, string[]> = { glass: [], colleague: [] };
    const errors: unknown[] = [];
    const a = wsClient(stack.gateway.wsUrl, glass);
    const b = wsClient(stack.gateway.wsUrl, await stack.token("choju-shien", ["staff"], "colleague"));
    a.subscribe<{ caseChanged: { kind: string } }>(
      { query, variables: { id, after: eventCursor } },
      { next: (v) => v.data && seen.glass!.push(v.data.caseChanged.kind), error: () => {}, complete: () => {} },
    );
    await vi.waitFor(() => expect(seen.glass).toContain("CAUGHT_UP"), { timeout: 5_000, interval: 20 });
    b.subscribe<{ caseChanged: { kind: string } }>(
      { query, variables: { id, after: eventCursor } },
      {
        next: (v) => (v.data ? seen.colleague!.push(v.data.caseChanged.kind) : errors.push(v.errors)),
        error: (e) => errors.push(e),
        complete: () => {},
      },
    );
    try {
      await post(
        stack.gateway.url,
        `mutation ($id: ID!) { logProgress(input: { caseId: $id, date: "2025-01-11", method: PHONE, staff: "担当", content: "確認" }) { userErrors { code } } }`,
        { id },
        bearer(lead),
      );
      // The glass stream has the record; the colleague's was refused when it subscribed (the refusal ends it).
      await vi.waitFor(
        () => {
          expect(seen.glass).toContain("RECORD_ADDED");
          expect(errors.length).toBeGreaterThan(0);
        },
        { timeout: 5_000, interval: 20 },
      );
      expect(seen.glass!.length).toBeGreaterThan(0);
      expect(seen.colleague).toEqual([]);
      expect(JSON.stringify(errors)).toContain("NOT_FOUND");
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("limits the rate per identity, with Retry-After", async () => {
    const token = await stack.token("koho", ["staff"], "rate-limited-user");
    const call = () =>
      fetch(strict.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ organizations { code } }" }),
      });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await call();
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another identity is not affected.
    const other = await fetch(strict.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token("koho", ["staff"], "someone-else")}` },
      body: JSON.stringify({ query: "{ organizations { code } }" }),
    });
    expect(other.status).toBe(200);
  });

  it("counts a document the limits refuse as a request of its sender, before parsing it", async () => {
    const token = await stack.token("koho", ["staff"], "refused-documents-sender");
    const deep = `{ organizations { ${"children { ".repeat(19)}code${" }".repeat(19)} } }`;
    const call = (query: string) =>
      fetch(strict.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await call(deep);
      codes.push(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code);
    }
    // Five a minute on this gateway: five refusals by the depth limit use the allowance up.
    expect(codes).toEqual(["QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "RATE_LIMITED"]);
    const valid = await call("{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }");
    expect(valid.status).toBe(429);
    expect(Number(valid.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits failed authentications per client address, with Retry-After, before verifying", async () => {
    const anonymous = () =>
      fetch(strict.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer forged" },
        body: JSON.stringify({ query: "{ organizations { code } }" }),
      });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await anonymous();
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const body = (await last!.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("RATE_LIMITED");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // The gateway still answers (its health, and other gateways' clients).
    expect(await healthMs(strict.url)).toBeLessThan(1000);
    expect((await dev({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" })).status).toBe(200);
  });

  it("does not count a genuine but expired token as a failed authentication: boards left open do not lock out their office", async () => {
    const gateway = await anotherGateway(stack, { security: { authFailuresPerMinute: 3, trustedProxies: ["127.0.0.0/8"] } });
    try {
      const office = "203.0.113.40"; // one address for a whole office behind its NAT
      const expired = await stack.token("nozei", ["staff"], "tab-left-open", -60);
      const valid = await stack.token("nozei", ["staff"], "colleague");
      const send = (token: string) =>
        fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-forwarded-for": office },
          body: JSON.stringify({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" }),
        });
      // Many more reconnections than the limit, over HTTP and over graphql-ws: each refused, none counted.
      for (let i = 0; i < 5; i++) {
        const res = await send(expired);
        expect(res.status).toBe(401);
        expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe("トークンの有効期限が切れています。");
      }
      const wsClose = () =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(gateway.wsUrl, "graphql-transport-ws", { headers: { "x-forwarded-for": office } });
          socket.on("open", () =>
            socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${expired}` } })),
          );
          socket.on("close", (code) => resolve(code));
        });
      for (let i = 0; i < 5; i++) expect(await wsClose()).toBe(4403);
      // A colleague at the same address is still served.
      expect((await send(valid)).status).toBe(200);
      // Forged tokens still count: over the limit the address is refused, without verifying.
      for (let i = 0; i < 3; i++) expect((await send("forged")).status).toBe(401);
      expect((await send(valid)).status).toBe(429);
    } finally {
      await gateway.close();
    }
  });

  it("counts failed authentications behind a trusted proxy per forwarded client, and believes no forwarded address otherwise", async () => {
    const behindProxy = await anotherGateway(stack, { security: { authFailuresPerMinute: 3, trustedProxies: ["127.0.0.0/8"] } });
    const direct = await anotherGateway(stack, { security: { authFailuresPerMinute: 3 } });
    try {
      const forged = (gateway: RunningGateway, forwardedFor: string) =>
        fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer forged", "x-forwarded-for": forwardedFor },
          body: JSON.stringify({ query: "{ organizations { code } }" }),
        }).then((r) => r.status);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push(await forged(behindProxy, "203.0.113.7"));
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Another client behind the same proxy is not refused for that one's failures.
      expect(await forged(behindProxy, "203.0.113.8")).toBe(401);
      // What the client wrote left of the proxy's own entry proves nothing: the proxy's entry counts.
      expect(await forged(behindProxy, "198.51.100.1, 203.0.113.7")).toBe(429);
      // Also when the client's own address lies in the trusted range: one proxy (TRUSTED_PROXY_HOPS=1) is believed, no more.
      const inside: number[] = [];
      for (let i = 0; i < 4; i++) inside.push(await forged(behindProxy, `198.51.100.${i + 20}, 127.0.0.5`));
      expect(inside).toEqual([401, 401, 401, 429]);
      // The download and calendar routes count under the same forwarded address.
      const base = behindProxy.url.replace(/\/graphql$/, "");
      const feed = (forwardedFor: string) =>
        fetch(`${base}/calendars/${"c".repeat(43)}.ics`, { headers: { "x-forwarded-for": forwardedFor } });
      expect((await feed("203.0.113.7")).status).toBe(429);
      expect((await feed("203.0.113.9")).status).toBe(404);
      // graphql-ws too: a valid token from the refused address is refused, from another it is accepted.
      const token = await stack.token("nozei", ["staff"], "proxied-client");
      const wsOutcome = (forwardedFor: string) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(behindProxy.wsUrl, "graphql-transport-ws", { headers: { "x-forwarded-for": forwardedFor } });
          socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
          socket.on("message", (data) => {
            resolve(JSON.parse(String(data)).type);
            socket.close();
          });
          socket.on("close", (code) => resolve(`closed ${code}`));
        });
      expect(await wsOutcome("203.0.113.7")).toBe("closed 4403");
      expect(await wsOutcome("203.0.113.10")).toBe("connection_ack");

      // A gateway that trusts no proxy counts the socket's address, whatever the header says.
      const direct3: number[] = [];
      for (let i = 0; i < 3; i++) direct3.push(await forged(direct, `192.0.2.${i + 1}`));
      expect(direct3).toEqual([401, 401, 401]);
      expect(await forged(direct, "192.0.2.99")).toBe(429);
    } finally {
      await behindProxy.close();
      await direct.close();
    }
  });

  it("refuses the 51st operation on one socket, and closes sockets over the identity's cap", async () => {
    const token = await stack.token("nozei", ["staff"], "socket-hoarder");
    const SUB = `subscription { meetingsChanged(organizationCode: "nozei") { kind } }`;
    const client = wsClient(stack.gateway.wsUrl, token);
    const refusals: { extensions?: { code?: string; scope?: string } }[] = [];
    const before = stack.gateway.subscriptionStats();
    /** How many subscriptions the gateway runs now beyond those it ran before. */
    const accepted = () => stack.gateway.subscriptionStats().members - before.members;
    try {
      for (let i = 0; i < 51; i++) {
        client.subscribe(
          { query: SUB },
          { next: (v) => v.errors && refusals.push(...(v.errors as never[])), error: (e) => refusals.push(e as never), complete: () => {} },
        );
      }
      // Every one of the 51 is answered: fifty run, and the refusal has come.
      await vi.waitFor(() => expect([accepted(), refusals.length > 0]).toEqual([50, true]), { timeout: 5_000, interval: 20 });
      expect(refusals).toHaveLength(1);
      expect(refusals[0]!.extensions).toMatchObject({ code: "TOO_MANY_OPERATIONS", scope: "socket" });
      expect(await healthMs(stack.gateway.url)).toBeLessThan(1000);

      // Ten sockets per identity (one open above): the eleventh is closed with 4429.
      const codes: number[] = [];
      const others = Array.from({ length: 10 }, () =>
        wsClient(stack.gateway.wsUrl, token, { on: { closed: (e) => codes.push((e as { code: number }).code) } }),
      );
      try {
        for (const other of others) other.subscribe({ query: SUB }, { next: () => {}, error: () => {}, complete: () => {} });
        // Every socket is answered: nine run their subscription, and the close has come.
        await vi.waitFor(() => expect([accepted(), codes.length > 0]).toEqual([59, true]), { timeout: 5_000, interval: 20 });
        expect(codes).toEqual([4429]);
      } finally {
        await Promise.all(others.map((c) => c.dispose()));
      }
    } finally {
      await client.dispose();
    }
    expect((await dev({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" })).status).toBe(200);
  });

  it("refuses an identity's operation over its limit across its sockets (WS_MAX_OPERATIONS_PER_IDENTITY)", async () => {
    const bounded = await anotherGateway(stack, {
      security: { socketLimits: { operationsPerSocket: 50, operationsPerIdentity: 3, socketsPerIdentity: 10 } },
    });
    const token = await stack.token("nozei", ["staff"], "identity-hoarder");
    const SUB = `subscription { meetingsChanged(organizationCode: "nozei") { kind } }`;
    const clients = [wsClient(bounded.wsUrl, token), wsClient(bounded.wsUrl, token)];
    const refusals: { extensions?: { code?: string; scope?: string } }[] = [];
    try {
      for (const client of clients)
        for (let i = 0; i < 2; i++)
          client.subscribe(
            { query: SUB },
            {
              next: (v) => v.errors && refusals.push(...(v.errors as never[])),
              error: (e) => refusals.push(e as never),
              complete: () => {},
            },
          );
      await vi.waitFor(() => expect([bounded.subscriptionStats().members, refusals.length]).toEqual([3, 1]), {
        timeout: 5_000,
        interval: 20,
      });
      expect(refusals[0]!.extensions).toMatchObject({ code: "TOO_MANY_OPERATIONS", scope: "identity" });
      // Another identity is not counted with it.
      const other = wsClient(bounded.wsUrl, await stack.token("nozei", ["staff"], "another-person"));
      try {
        other.subscribe({ query: SUB }, { next: () => {}, error: () => {}, complete: () => {} });
        await vi.waitFor(() => expect(bounded.subscriptionStats().members).toBe(4), { timeout: 5_000, interval: 20 });
      } finally {
        await other.dispose();
      }
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
      await bounded.close();
    }
  });

  it("refuses malformed cursors and months as bad input, in Japanese, never reaching the database", async () => {
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
    const auditor = await stack.token("seikatsu-fukushi", ["auditor"], "cursor-auditor");
    const attempts: [string, Record<string, unknown>, string?][] = [
      [`query ($a: String) { meetings(after: $a) { edges { cursor } } }`, { a: "x" }],
      [`query ($a: String) { meetings(after: $a) { edges { cursor } } }`, { a: forged(["not-a-date", "x"]) }],
      [`query ($a: String) { auditLog(after: $a) { edges { cursor } } }`, { a: forged(["1; drop table audit"]) }, auditor],
      [`query ($a: String) { auditLog(after: $a) { edges { cursor } } }`, { a: forged([1e300]) }, auditor],
      [`query ($m: String!) { hubCompliance(month: $m) { compliant } }`, { m: "2025-1" }],
      [`query ($m: String!) { hubCompliance(month: $m) { compliant } }`, { m: "2025-13" }],
      [`{ hubComplianceTrend(from: "0001-01", to: "9999-12") { month } }`, {}],
    ];
    for (const [query, variables, token] of attempts) {
      const r = await dev({ query, variables }, token ? { authorization: `Bearer ${token}` } : {});
      expect(codeOf(r), `${query} ${JSON.stringify(variables)}`).toBe("BAD_USER_INPUT");
      expect(r.body.errors![0]!.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(JSON.stringify(r.body)).not.toMatch(/postgres|syntax|invalid input/i);
    }
    // A genuine cursor still pages.
    const first = await dev({ query: `{ meetings(first: 1) { pageInfo { endCursor } } }` });
    const cursor = (first.body.data as { meetings: { pageInfo: { endCursor: string | null } } }).meetings.pageInfo.endCursor;
    expect(
      codeOf(await dev({ query: `query ($a: String) { meetings(after: $a) { edges { cursor } } }`, variables: { a: cursor } })),
    ).toBeUndefined();
  });

  it("closes a connection whose body trickles in slower than the request deadline", async () => {
    const quick = await anotherGateway(stack, { security: { requestDeadlineMs: 1_000 } });
    try {
      const { hostname, port } = new URL(quick.url);
      const socket = net.connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      let answer = "";
      socket.on("data", (chunk) => (answer += String(chunk)));
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      // Signed in: a caller without a valid token is answered before its body is read (next test).
      const authorization = `Authorization: Bearer ${await stack.token("nozei")}`;
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\n${authorization}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
      );
      // One more byte a second: the whole body would take a minute and a half.
      const trickle = setInterval(() => socket.writable && socket.write(" "), 1_000);
      const started = Date.now();
      await closed;
      clearInterval(trickle);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(await healthMs(quick.url)).toBeLessThan(1000);
    } finally {
      await quick.close();
    }
  });

  it("answers a caller without a valid token before reading its body, and closes its connection: no body is held for them", async () => {
    // A gateway of its own: the forged token's failure is counted against this machine's address.
    const own = await anotherGateway(stack);
    try {
      const { hostname, port } = new URL(own.url);
      for (const authorization of ["", "Authorization: Bearer forged.not-a.token\r\n"]) {
        const socket = net.connect(Number(port), hostname);
        await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
        let answer = "";
        let closed = false;
        socket.on("data", (chunk) => (answer += String(chunk)));
        socket.once("close", () => (closed = true));
        // A body of almost 1 MiB declared, one byte of it sent: the answer needs none of it.
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\n${authorization}Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{`,
        );
        try {
          await vi.waitFor(() => expect(answer).toMatch(/"code":"UNAUTHENTICATED"/), { timeout: 10_000, interval: 50 });
          expect(answer).toMatch(/^HTTP\/1\.1 401/);
          expect(answer.toLowerCase()).toContain("www-authenticate: bearer");
          // And the connection is closed, not left to take the rest of the body until the request deadline.
          expect(answer.toLowerCase()).toContain("connection: close");
          await vi.waitFor(() => expect(closed).toBe(true), { timeout: 10_000, interval: 50 });
        } finally {
          socket.destroy();
        }
      }
      // A signed-in caller's query is read and answered as ever.
      const answered = await post(own.url, `{ organizations(kinds: [CITY_SECTION]) { code } }`, {}, bearer(await stack.token("nozei")));
      expect(answered.errors).toBeUndefined();
    } finally {
      await own.close();
    }
  });

  it("answers at the request deadline and cancels the upstream call", async () => {
    // A subgraph that never answers: the gateway must give up at its deadline and drop the call.
    let upstreamClosed = 0;
    let upstreamSeen = 0;
    const hanging = http.createServer((req) => {
      if (req.headers.upgrade) return; // the gateway's own watch of the directory (gateway/src/kept-answers.ts), not the call
      upstreamSeen++;
      req.socket.on("close", () => upstreamClosed++);
    });
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
    const slow = await anotherGateway(stack, { subgraphUrls: { directory: hangingUrl }, security: { requestDeadlineMs: 500 } });
    try {
      // A new gateway builds its planner on its first query, which on a busy machine can outlast the
      // 500 ms deadline itself: it is warmed first (asked again until it answers), so that the call
      // below reaches the hanging subgraph well within the deadline.
      const warm = `{ meetingBodies { code } }`;
      const nozei = bearer(await stack.token("nozei"));
      let warmed = false;
      for (let i = 0; i < 20 && !warmed; i++) warmed = !(await post(slow.url, warm, {}, nozei)).errors;
      expect(warmed).toBe(true);
      const started = Date.now();
      const r = await fetch(slow.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token("nozei")}` },
        body: JSON.stringify({ query: "{ organizations { code } }" }),
      });
      const elapsed = Date.now() - started;
      expect(r.status).toBe(503);
      // A GraphQL answer a client can read, with a code it can act on.
      expect(await r.json()).toMatchObject({ errors: [{ extensions: { code: "REQUEST_DEADLINE_EXCEEDED", retryable: true } }] });
      expect(elapsed).toBeLessThan(3000);
      expect(await healthMs(slow.url)).toBeLessThan(1000);
      const until = Date.now() + 3000;
      while (upstreamClosed < upstreamSeen && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
      expect(upstreamSeen).toBeGreaterThan(0);
      expect(upstreamClosed).toBe(upstreamSeen);
    } finally {
      await slow.close();
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("sends security headers on every response", async () => {
    for (const r of [
      await fetch(`${stack.gateway.url.replace("/graphql", "")}/healthcheck`),
      await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    ]) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(r.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(r.headers.get("permissions-policy")).toContain("camera=()");
    }
    // Answers carry people's data: neither the gateway's nor a subgraph's is kept by a browser or proxy.
    const answer = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const subgraph = await fetch(stack.subgraphs.cases!.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(subgraph.headers.get("cache-control")).toBe("no-store");
    const p = await fetch(`${prod.url.replace("/graphql", "")}/healthcheck`);
    expect(p.headers.get("strict-transport-security")).toContain("max-age=");
    expect(p.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(p.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("still answers afterwards", async () => {
    const r = await dev({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" });
    expect(r.body).toEqual({ data: { organizations: [{ code: "shakyo" }] } });
  });

  it(`keeps the stack's memory under ${MEMORY_BOUND_MB} MB, and within ${MEMORY_GROWTH_BOUND_MB} MB of where it started, through every attack`, () => {
    memory.peak = Math.max(memory.peak, rssMb());
    console.info(`attack suite memory: ${memory.baseline} MB after start, peak ${memory.peak} MB (whole stack in one process)`);
    expect(memory.peak).toBeLessThan(MEMORY_BOUND_MB);
    expect(memory.peak - memory.baseline).toBeLessThan(MEMORY_GROWTH_BOUND_MB);
  });
});

/**
 * A check held open until the test opens it: each attempt that reaches it is counted, and stays in
 * flight until then. Every attempt of a burst is then either held here or already refused, whatever
 * the order the gateway took them in.
 */
class Gate {
  reached = 0;
  /** Attempts answered with a refusal without reaching the gate (`refusing`). */
  refused = 0;
  private open!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.open = resolve));

  async pass(): Promise<void> {
    this.reached += 1;
    await this.opened;
  }

  /** `answer`, counted in `refused` when `isRefusal` says it is one. */
  async refusing<T>(answer: Promise<T>, isRefusal: (value: T) => boolean): Promise<T> {
    const value = await answer;
    if (isRefusal(value)) this.refused += 1;
    return value;
  }

  /** Opens once `n` attempts have reached the gate (the others of their address wait their turn). */
  async openWhenReached(n: number): Promise<void> {
    await vi.waitFor(() => expect(this.reached).toBe(n), { timeout: 10_000, interval: 10 });
    this.open();
  }
}

describe("a burst of failed authentications sent at once from one address", () => {
  const LIMIT = 3;
  const BURST = 3 * LIMIT;
  /** The check under test holds the burst's attempts: the token verification, or the feed lookup in the meetings subgraph. */
  let gate = new Gate();
  /** Genuine tokens are held at the gate too (the burst of a city hall's boards behind one address). */
  let holdGenuine = false;
  let gateway: RunningGateway;
  let relay: http.Server;
  let feedUrl: string;

  beforeAll(async () => {
    // Feed lookups of the burst (its tokens begin "burstguess") are held on their way to the meetings subgraph.
    const meetings = new URL(stack.subgraphs.meetings!.url);
    relay = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const held = body.includes("burstguess") ? gate.pass() : Promise.resolve();
        const headers = Object.fromEntries(
          Object.entries(req.headers)
            .filter(([name]) => !["host", "connection", "content-length", "transfer-encoding"].includes(name))
            .map(([name, value]) => [name, String(value)]),
        );
        void held
          .then(() => fetch(new URL(req.url ?? "/", meetings), { method: req.method, headers, body: body.length ? body : undefined }))
          .then(async (upstream) => {
            res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
            res.end(Buffer.from(await upstream.arrayBuffer()));
          })
          .catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    gateway = await anotherGateway(stack, {
      // The burst's forged tokens wait at the gate before they are verified (and refused).
      verifier: {
        async verify(token) {
          if (token?.startsWith("forged-burst") || holdGenuine) await gate.pass();
          return stack.verifier.verify(token);
        },
      },
      subgraphUrls: { meetings: `http://127.0.0.1:${(relay.address() as AddressInfo).port}${meetings.pathname}` },
      // The relay speaks HTTP only: no graphql-ws watch of the meetings subgraph through it.
      keptAnswers: [],
      security: { authFailuresPerMinute: LIMIT, trustedProxies: ["127.0.0.0/8"] },
    });
    const created = await post(
      stack.gateway.url,
      `mutation ($label: String!) { createCalendarFeed(label: $label) { url } }`,
      { label: "一斉の推測の横で読まれる配信" },
      bearer(await stack.token("nozei")),
    );
    feedUrl = (created.data as { createCalendarFeed: { url: string } }).createCalendarFeed.url;
  });
  afterAll(async () => {
    await gateway?.close();
    await new Promise((resolve) => relay?.close(resolve));
  });

  const origin = () => gateway.url.replace(/\/graphql$/, "");
  const graphql = (forwardedFor: string, token: string) =>
    fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ query: "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }" }),
    });
  /** How a graphql-ws connection_init is answered: `connection_ack`, or the close code. */
  const connectionInit = (forwardedFor: string, token: string) =>
    new Promise<string>((resolve) => {
      const socket = new WebSocket(gateway.wsUrl, "graphql-transport-ws", { headers: { "x-forwarded-for": forwardedFor } });
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
      socket.on("message", (data) => {
        resolve(JSON.parse(String(data)).type);
        socket.close();
      });
      socket.on("close", (code) => resolve(`closed ${code}`));
      // A socket the gateway refuses may be reset rather than closed: its close event still follows.
      socket.on("error", () => undefined);
    });
  const tally = (outcomes: (string | number)[]) => {
    const counts: Record<string, number> = {};
    for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
    return counts;
  };

  it("over HTTP, verifies at most the limit's worth and refuses the rest unverified", async () => {
    gate = new Gate();
    const address = "203.0.113.60";
    const statuses = Array.from({ length: BURST }, (_, i) =>
      gate.refusing(
        graphql(address, `forged-burst-http-${i}`).then((res) => res.status),
        (status) => status === 429,
      ),
    );
    await gate.openWhenReached(LIMIT);
    expect(tally(await Promise.all(statuses))).toEqual({ 401: LIMIT, 429: BURST - LIMIT });
    expect(gate.reached).toBe(LIMIT);
    // The address is over its limit; a good token from another address is served.
    const good = await stack.token("nozei", ["staff"], "burst-neighbour-http");
    expect((await graphql(address, good)).status).toBe(429);
    expect((await graphql("203.0.113.61", good)).status).toBe(200);
  });

  it("over HTTP, serves every genuine token of a burst larger than the limit: they wait their turn, none is refused", async () => {
    gate = new Gate();
    holdGenuine = true;
    try {
      const tokens = await Promise.all(Array.from({ length: BURST }, (_, i) => stack.token("nozei", ["staff"], `city-hall-${i}`)));
      const statuses = tokens.map((token) => graphql("203.0.113.66", token).then((res) => res.status));
      await gate.openWhenReached(LIMIT);
      expect(tally(await Promise.all(statuses))).toEqual({ 200: BURST });
      expect(gate.reached).toBe(BURST);
    } finally {
      holdGenuine = false;
    }
  });

  it("over graphql-ws connection_init, verifies at most the limit's worth and closes the rest unverified", async () => {
    gate = new Gate();
    const address = "203.0.113.62";
    // Refused and failed alike close with 4403: those closed before the gate opens are the refused ones.
    const outcomes = Array.from({ length: BURST }, (_, i) => gate.refusing(connectionInit(address, `forged-burst-ws-${i}`), () => true));
    await gate.openWhenReached(LIMIT);
    expect(tally(await Promise.all(outcomes))).toEqual({ "closed 4403": BURST });
    expect(gate.reached).toBe(LIMIT);
    const good = await stack.token("nozei", ["staff"], "burst-neighbour-ws");
    expect(await connectionInit(address, good)).toBe("closed 4403");
    expect(await connectionInit("203.0.113.63", good)).toBe("connection_ack");
  });

  it("for calendar feeds, looks up at most the limit's worth of tokens and refuses the rest", async () => {
    gate = new Gate();
    const address = "203.0.113.64";
    const feed = (forwardedFor: string, path: string) => fetch(origin() + path, { headers: { "x-forwarded-for": forwardedFor } });
    const guess = (i: number) => `/calendars/burstguess${String(i).padStart(2, "0")}${"x".repeat(30)}.ics`;
    const statuses = Array.from({ length: BURST }, (_, i) =>
      gate.refusing(
        feed(address, guess(i)).then((res) => res.status),
        (status) => status === 429,
      ),
    );
    await gate.openWhenReached(LIMIT);
    expect(tally(await Promise.all(statuses))).toEqual({ 404: LIMIT, 429: BURST - LIMIT });
    expect(gate.reached).toBe(LIMIT);
    // The feed itself is refused from the address over its limit, and served to another.
    expect((await feed(address, feedUrl)).status).toBe(429);
    expect((await feed("203.0.113.65", feedUrl)).status).toBe(200);
  });
});
