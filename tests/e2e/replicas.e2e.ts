import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootSubgraph, type RunningSubgraph } from "@marugoto/shared";
import { createTokenVerifier, type TokenVerifier } from "../../gateway/src/auth.js";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import { loadSupergraph, startGateway, type GatewayOptions, type RunningGateway } from "../../gateway/src/server.js";
import { SUBGRAPHS } from "../../scripts/subgraphs.js";
import { inCI } from "../helpers/ci.js";
import { bearer, post } from "../helpers/client.js";
import { freshDatabase, type TestDatabase } from "../helpers/database.js";
import { subgraphEnv, TEST_SECRET } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * Two replicas of every subgraph over one PostgreSQL, booted together on a fresh database, and
 * gateways over them: migrations run once, the rate limit is one allowance across gateways, and an
 * event written through one meetings replica reaches subscribers of the other.
 */
let database: TestDatabase;
let dataDir: string;
let verifier: TokenVerifier;
let token: (org: string, roles?: string[], sub?: string) => Promise<string>;
/** replicas[i][name]: replica i of each subgraph. */
const replicas: Record<string, RunningSubgraph>[] = [{}, {}];
const gateways: RunningGateway[] = [];

async function gatewayOver(replica: Record<string, RunningSubgraph>, extra: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const gateway = await startGateway({
    supergraph: await loadSupergraph(),
    subgraphUrls: Object.fromEntries(Object.entries(replica).map(([name, s]) => [name, s.url])),
    verifier,
    identitySecret: TEST_SECRET,
    production: false,
    host: "127.0.0.1",
    port: 0,
    ...extra,
  });
  gateways.push(gateway);
  return gateway;
}

/** The Redis the Redis-store test counts in (this machine's, unless TEST_REDIS_URL names another). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** One Redis command over a bare socket (RESP): its reply (a bulk string's value), or an Error when Redis does not answer within 2 s. */
function redisCommand(url: string, ...args: string[]): Promise<string | Error> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (result: string | Error) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2000, () => done(new Error(`no answer from ${hostname}:${port} within 2 s`)));
    socket.once("error", done);
    socket.once("connect", () => socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`));
    let reply = "";
    socket.on("data", (chunk) => {
      reply += String(chunk);
      const lines = reply.split("\r\n");
      // A bulk string ($n) is its second line; any other reply (+OK, :n, -ERR, $-1) its first.
      if (lines.length > 1 && !(/^\$\d/.test(lines[0]!) && lines.length < 3)) done(/^\$\d/.test(lines[0]!) ? lines[1]! : lines[0]!);
    });
  });
}

const bootTimes: number[] = [];
beforeAll(async () => {
  database = await freshDatabase("replicas");
  dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-replicas-"));
  verifier = await createTokenVerifier({ production: false, orgClaim: "org", rolesClaim: "roles", clockToleranceSec: 5, dataDir });
  const keys = await loadOrCreateDevKeys(dataDir);
  token = (org, roles = ["staff"], sub = `user-${org}`) => mintDevToken(keys, { sub, org, roles });
  // Both replicas of each subgraph boot at the same moment (migrations and seed racing), in boot order.
  for (const def of SUBGRAPHS) {
    const started = Date.now();
    const booted = await Promise.all(replicas.map((replica) => bootSubgraph(def, subgraphEnv(database.url, 0, replica))));
    booted.forEach((running, i) => (replicas[i]![def.name] = running));
    bootTimes.push(Date.now() - started);
  }
}, 180_000);

afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  for (const replica of replicas) for (const running of Object.values(replica)) await running.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("replicas", () => {
  it("two replicas booting together on a fresh database migrate and seed once", async () => {
    for (const def of SUBGRAPHS) {
      const rows = await query<{ name: string; n: string }>(
        `select name, count(*) as n from "${def.name}".mikro_orm_migrations group by name`,
      );
      expect(rows.length, def.name).toBeGreaterThan(0);
      expect(
        rows.filter((r) => Number(r.n) !== 1),
        def.name,
      ).toEqual([]);
    }
    // The seed ran once: reference organisations are not doubled (codes are unique, and the count is the reference count).
    const [orgs] = await query<{ n: string; codes: string }>(
      `select count(*) as n, count(distinct code) as codes from directory.organization`,
    );
    expect(Number(orgs!.n)).toBe(Number(orgs!.codes));
    expect(Number(orgs!.n)).toBeGreaterThan(50);
    // Both replicas answer.
    for (const replica of replicas) {
      const gateway = await gatewayOver(replica);
      const res = await post(gateway.url, `{ organizations { code } }`, {}, bearer(await token("nozei")));
      expect(res.errors).toBeUndefined();
      expect((res.data!.organizations as unknown[]).length).toBeGreaterThan(50);
    }
  });

  it("one rate limit across gateway replicas with RATE_LIMIT_STORE=postgres (and one per replica without)", async () => {
    const perMinute = 5;
    const shared = [0, 1].map((i) =>
      gatewayOver(replicas[i]!, { security: { rateLimitPerMinute: perMinute }, rateLimitStore: { databaseUrl: database.url } }),
    );
    const separate = [0, 1].map((i) => gatewayOver(replicas[i]!, { security: { rateLimitPerMinute: perMinute } }));
    const run = async (pair: RunningGateway[], sub: string) => {
      const t = await token("nozei", ["staff"], sub);
      const statuses: number[] = [];
      // Alternating between the two gateways, as a load balancer would.
      for (let i = 0; i < 8; i++) statuses.push((await post(pair[i % 2]!.url, `{ __typename }`, {}, bearer(t))).status);
      return statuses;
    };
    const withStore = await run(await Promise.all(shared), "rate-shared");
    expect(withStore.filter((s) => s === 200)).toHaveLength(perMinute);
    expect(withStore.slice(perMinute).every((s) => s === 429)).toBe(true);
    // In memory, each replica counts its own: 8 requests over two replicas stay under 5 each.
    const inMemory = await run(await Promise.all(separate), "rate-separate");
    expect(inMemory.every((s) => s === 200)).toBe(true);
    const rows = await query<{ key: string }>(`select key from gateway.rate_limit`);
    expect(rows.map((r) => r.key)).toContain("requests:rate-shared");
  });

  it("one rate limit across gateway replicas with RATE_LIMIT_STORE=redis", async (context) => {
    const ping = await redisCommand(REDIS_URL, "PING");
    if (ping !== "+PONG") {
      const reason = `no Redis answers at ${REDIS_URL} (${ping instanceof Error ? ping.message : ping}): set TEST_REDIS_URL, or start one`;
      if (inCI()) throw new Error(`the Redis rate-limit test cannot run in CI: ${reason}`);
      context.skip(true, reason);
      return;
    }
    const perMinute = 5;
    const pair = await Promise.all(
      [0, 1].map((i) =>
        gatewayOver(replicas[i]!, { security: { rateLimitPerMinute: perMinute }, rateLimitStore: { redisUrl: REDIS_URL } }),
      ),
    );
    // A subject of this run only: Redis outlives the test, and a key lives for the minute it counts.
    const sub = `rate-redis-${Date.now().toString(36)}`;
    const t = await token("nozei", ["staff"], sub);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(pair[i % 2]!.url, `{ __typename }`, {}, bearer(t))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(perMinute);
    expect(statuses.slice(perMinute).every((s) => s === 429)).toBe(true);
    // Counted in Redis (not in PostgreSQL, not per replica): the key holds all 8.
    expect(await redisCommand(REDIS_URL, "GET", `marugoto:requests:${sub}`)).toBe("8");
    expect(await query<{ key: string }>(`select key from gateway.rate_limit where key like '%${sub}'`)).toEqual([]);
  });

  it("an agenda change written through one meetings replica reaches subscribers of the other (LISTEN/NOTIFY)", async () => {
    const [viaFirst, viaSecond] = [await gatewayOver(replicas[0]!), await gatewayOver(replicas[1]!)];
    const chair = await token("fukushi-suishin-bu", ["chair"]);
    const scheduled = await post(
      viaFirst.url,
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "レプリカ確認", startsAt: "2031-04-01T05:00:00Z" }) { meeting { id eventCursor } } }`,
      {},
      bearer(chair),
    );
    const { id, eventCursor } = scheduled.data!.scheduleMeeting.meeting;
    const SUB = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { title } } }`;
    // One subscriber on each replica; changes written alternately through each.
    const onSecond = collect<{ agendaChanged: { kind: string; cursor: string } }>(viaSecond.wsUrl, await token("nozei"), SUB, {
      id,
      after: eventCursor,
    });
    const onFirst = collect<{ agendaChanged: { kind: string; cursor: string } }>(viaFirst.wsUrl, await token("shakyo"), SUB, {
      id,
      after: eventCursor,
    });
    try {
      for (let i = 0; i < 4; i++) {
        const via = i % 2 === 0 ? viaFirst : viaSecond;
        const res = await post(
          via.url,
          `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
          { i: { meetingId: id, kind: "TOPIC", title: `議題${i}`, presenterCode: "nozei" } },
          bearer(chair),
        );
        expect(res.data!.addAgendaItem.userErrors).toEqual([]);
      }
      for (const subscriber of [onFirst, onSecond]) {
        const events = (await subscriber.waitFor(4)).map((e) => e.agendaChanged);
        expect(events.map((e) => e.kind)).toEqual(["ITEM_ADDED", "ITEM_ADDED", "ITEM_ADDED", "ITEM_ADDED"]);
        expect(new Set(events.map((e) => e.cursor)).size).toBe(4);
      }
      expect(onFirst.events.map((e) => e.agendaChanged.cursor)).toEqual(onSecond.events.map((e) => e.agendaChanged.cursor));
    } finally {
      await Promise.all([onFirst.stop(), onSecond.stop()]);
    }
  });
});
