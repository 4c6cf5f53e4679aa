/**
 * Gateway benchmark: our gateway beside @apollo/gateway (same subgraphs, same JWT verification, same
 * signed identity upstream) and the directory subgraph called straight (signed, no gateway).
 * Run: `npm run bench:gateways` (options: --seq 200 --seconds 6 --connections 16 --profile).
 *
 * - Sequential latency: every path in turn, one request at a time, the order rotated each round.
 * - Throughput: `--connections` keep-alive connections for `--seconds`, per query, ABBA order.
 * - `--versus stitching`: the second gateway is ours on the JavaScript planner (QUERY_PLANNER=stitching).
 * - `--versus unkept`: the second gateway is ours without kept answers (KEEP_ANSWERS=none).
 * - `--profile`: our gateway and the four subgraphs run with `--cpu-prof`; the profiles go to
 *   bench/results/profiles/ and their top self times are printed.
 * - CPU per request (Linux): during each throughput run, the CPU time of every process of the graph
 *   (each gateway, each subgraph, PostgreSQL's processes, this load driver), divided by the requests
 *   answered: where a request's cost lands, and what a gateway's throughput ratio can reach at most.
 *
 * Every process runs separately, as in production; the clients live in this process. PostgreSQL:
 * a scratch database on DATABASE_URL's server, or an embedded server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isDeepStrictEqual } from "node:util";
import { DEVELOPMENT_IDENTITY_SECRET, IDENTITY_HEADER, repoRoot, SIGNATURE_HEADER, signIdentity } from "@marugoto/shared";
import { createDatabase, dropDatabase, freePorts, scratchDatabaseName, startEmbeddedPostgres } from "@marugoto/shared/dev";
import { print } from "graphql";
import { loadOrCreateDevKeys, mintDevToken } from "../gateway/src/dev-keys.js";
import { tokyoDayStartDaysBefore } from "../web/src/dates.js";
import { BoardMyOrganizationDocument } from "../web/src/gql/graphql.js";
import { cpuSnapshot, cpuSpent, machineSpeed } from "./cpu.js";
import { summariseProfile } from "./profile-summary.js";

const { values } = parseArgs({
  options: {
    seq: { type: "string", default: "200" },
    seconds: { type: "string", default: "6" },
    connections: { type: "string", default: "16" },
    profile: { type: "boolean", default: false },
    label: { type: "string", default: "" },
    // "stitching": the second slot runs our own gateway on the JavaScript planner instead of
    // @apollo/gateway, to measure the planners side by side (the "apollo" figures are then that gateway's);
    // "unkept": our own gateway without the directory's answers kept, to measure what keeping them saves.
    versus: { type: "string", default: "apollo" },
    // Only these queries of the mix (comma-separated keys, e.g. "directory"): a profile of one path alone.
    // Also the queries outside the default mix: "board-load" and "board-load-moving" (the board's own load).
    queries: { type: "string", default: "" },
  },
});
if (!["apollo", "stitching", "unkept"].includes(values.versus)) throw new Error("--versus is apollo, stitching or unkept");
const SEQ = Number(values.seq);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

/** The graph's processes by name (the gateways, the subgraphs): stopped at the end, and counted for the CPU accounting. */
const processes = new Map<string, ChildProcess>();
const children = () => [...processes.values()];
const graphProcesses = () => [...processes].flatMap(([name, child]) => (child.pid ? [[name, child.pid] as [string, number]] : []));
// However this script ends, the processes it started end with it.
process.on("exit", () => children().forEach((c) => c.exitCode === null && c.kill("SIGTERM")));
const dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-bench-gw-"));
const profileDir = path.join(
  repoRoot,
  "bench",
  "results",
  "profiles",
  `${new Date().toISOString().slice(0, 16).replace(":", "")}${values.label ? `-${values.label}` : ""}`,
);
let dropScratch: (() => Promise<void>) | undefined;
let databaseUrl: string;
if (process.env.DATABASE_URL) {
  const name = scratchDatabaseName("mg_bench");
  databaseUrl = await createDatabase(process.env.DATABASE_URL, name);
  dropScratch = () => dropDatabase(process.env.DATABASE_URL!, name);
} else {
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), ephemeral: true, database: "marugoto" });
  databaseUrl = pg.url;
  dropScratch = () => pg.stop();
}

/** When each profiled process was spawned: its profile's samples before the measured phase are left out. */
const spawnedAt = new Map<string, number>();

function start(name: string, entry: string, env: Record<string, string>, profile = false): ChildProcess {
  spawnedAt.set(name, performance.now());
  const args = [
    ...(profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir, "--cpu-prof-name", `${name}-${Date.now()}.cpuprofile`] : []),
    "--import",
    "tsx",
    entry,
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", DATA_DIR: dataDir, ...env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  processes.set(name, child);
  return child;
}

async function until(check: () => Promise<boolean>, what: string, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up`);
}

const [directory, meetings, cases, hubs, ours, apollo] = await freePorts(6);
const ports = { directory, meetings, cases, hubs, ours, apollo };
const subgraphUrl = (name: keyof typeof ports) => `http://127.0.0.1:${ports[name]}/graphql`;
const urls = {
  DIRECTORY_URL: subgraphUrl("directory"),
  MEETINGS_URL: subgraphUrl("meetings"),
  CASES_URL: subgraphUrl("cases"),
  HUBS_URL: subgraphUrl("hubs"),
};
// One after another: each migrates its own schema and seeds; in parallel they contend for 2 cores anyway.
for (const name of ["directory", "meetings", "cases", "hubs"] as const) {
  start(
    name,
    `subgraphs/${name}/src/index.ts`,
    { PORT: String(ports[name]), SEED: "true", ...(name === "cases" ? { MEETINGS_URL: urls.MEETINGS_URL } : {}) },
    values.profile,
  );
  await until(async () => (await fetch(`http://127.0.0.1:${ports[name]}/health`)).ok, name);
}
// The rate limit is the only duty turned down: the bench sends more per identity than a person would.
start("gateway", "gateway/src/index.ts", { PORT: String(ports.ours), RATE_LIMIT_PER_MINUTE: "100000000", ...urls }, values.profile);
const VERSUS_ENV: Record<string, Record<string, string>> = {
  stitching: { QUERY_PLANNER: "stitching" },
  unkept: { KEEP_ANSWERS: "none" },
};
if (VERSUS_ENV[values.versus])
  start(values.versus, "gateway/src/index.ts", {
    PORT: String(ports.apollo),
    RATE_LIMIT_PER_MINUTE: "100000000",
    ...VERSUS_ENV[values.versus],
    ...urls,
  });
else start("apollo", "bench/apollo-gateway.ts", { PORT: String(ports.apollo), ...urls });
await until(async () => (await fetch(`http://127.0.0.1:${ports.ours}/readiness`)).ok, "our gateway");
await until(
  async () =>
    (
      await fetch(`http://127.0.0.1:${ports.apollo}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    ).status < 500,
  "@apollo/gateway",
);

const keys = await loadOrCreateDevKeys(dataDir);
/** The bench's callers: each query's token carries one, and a direct call is signed for the same one. */
const callers = {
  liaison: { sub: "bench-liaison", org: "nozei", roles: ["staff"] },
  chair: { sub: "bench-chair", org: "fukushi-suishin-bu", roles: ["chair"] },
  staff: { sub: "bench-staff", org: "seikatsu-fukushi", roles: ["staff"] },
};
const tokens = {
  liaison: await mintDevToken(keys, callers.liaison),
  chair: await mintDevToken(keys, callers.chair),
  staff: await mintDevToken(keys, callers.staff),
};

interface Query {
  key: string;
  label: string;
  token: keyof typeof tokens;
  query: string;
  /** Fixed, or made anew for each request (a client whose variables move with the clock). */
  variables?: Record<string, unknown> | (() => Record<string, unknown>);
  operationName?: string;
  /** Not in the default mix: run with `--queries`. */
  optional?: boolean;
}

const DIRECTORY = `query Directory { organizations(kinds: [CITY_SECTION]) { code name kind } }`;
const MIX: Query[] = [
  {
    key: "directory",
    label: "`organizations(kinds: [CITY_SECTION]) { code name kind }` (directory only)",
    token: "staff",
    query: DIRECTORY,
    operationName: "Directory",
  },
  {
    key: "directory+meetings",
    label: "+ `parent { name } meetingBodies { name }` (directory, meetings)",
    token: "staff",
    operationName: "DirectoryBodies",
    query: `query DirectoryBodies { organizations(kinds: [CITY_SECTION]) { code name kind parent { name } meetingBodies { name } } }`,
  },
  {
    key: "meetings",
    label: "board: `meetings { nodes { … body agenda { … presenter { code name } } } }`",
    token: "chair",
    operationName: "BoardMeetings",
    query: `query BoardMeetings { meetings(first: 50) { nodes { id title startsAt endsAt place status confidential eventCursor body { name kind } agenda { id title kind status position redacted presenter { code name } } } } }`,
  },
  {
    key: "liaison",
    label: "liaison: `me { organization { name sharedCases { … } actionItems { … } } }` (examples/operations/liaison.graphql)",
    token: "liaison",
    operationName: "LiaisonView",
    query: (await readFile(path.join(repoRoot, "examples", "operations", "liaison.graphql"), "utf8")).replace(/^#.*\n/gm, ""),
  },
];

const BOARD_LOAD = print(BoardMyOrganizationDocument);
const BOARD_LIST_DAYS = 180;
MIX.push(
  {
    key: "board-load",
    label: "the board's own load (`BoardMyOrganization`), its list from a midnight in Tokyo, as the board sends it",
    token: "chair",
    operationName: "BoardMyOrganization",
    query: BOARD_LOAD,
    variables: { from: tokyoDayStartDaysBefore(BOARD_LIST_DAYS) },
    optional: true,
  },
  {
    key: "board-load-moving",
    label: "the same, its list from this very millisecond 180 days back, as the board sent it before",
    token: "chair",
    operationName: "BoardMyOrganization",
    query: BOARD_LOAD,
    variables: () => ({ from: new Date(Date.now() - BOARD_LIST_DAYS * 86_400_000).toISOString() }),
    optional: true,
  },
);

const only = values.queries ? new Set(values.queries.split(",")) : null;
const QUERIES = MIX.filter((q) => (only ? only.has(q.key) : !q.optional));
if (!QUERIES.length) throw new Error(`--queries: none of ${values.queries} is a query of the mix (${MIX.map((q) => q.key).join(", ")})`);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS * 2 });

/** One POST over a keep-alive connection; resolves with the status and body. */
function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

type Target = "ours" | "apollo" | "direct";
interface PathDef {
  key: string;
  target: Target;
  query: Query;
  /** `direct`: the subgraph called, signed for it and the caller of the query's token, as the gateways sign. */
  subgraph?: "directory" | "meetings" | "cases" | "hubs";
}

function send(p: PathDef): Promise<{ status: number; body: string }> {
  const { variables } = p.query;
  const body = JSON.stringify({
    query: p.query.query,
    variables: (typeof variables === "function" ? variables() : variables) ?? {},
    operationName: p.query.operationName,
  });
  if (p.target === "direct") {
    // As the gateway calls it: the identity signed for this subgraph and this exact body, once.
    const subgraph = p.subgraph!;
    const signed = signIdentity(callers[p.query.token], DEVELOPMENT_IDENTITY_SECRET, { kind: "http", subgraph, body });
    return post(subgraphUrl(subgraph), body, { [IDENTITY_HEADER]: signed.identity, [SIGNATURE_HEADER]: signed.signature });
  }
  return post(`http://127.0.0.1:${ports[p.target]}/graphql`, body, { authorization: `Bearer ${tokens[p.query.token]}` });
}

async function checked(p: PathDef): Promise<unknown> {
  const res = await send(p);
  const parsed = JSON.parse(res.body) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || parsed.errors) throw new Error(`${p.key}: ${res.status} ${res.body.slice(0, 500)}`);
  return parsed.data;
}

const BOARD = MIX.find((q) => q.key === "meetings")!;
const paths: PathDef[] = [
  {
    key: "direct:directory",
    target: "direct",
    query: MIX[0]!,
    subgraph: "directory",
  },
  // The board's own part straight from the meetings subgraph (`presenter` is only a code there): what
  // both gateways wait for, so that each gateway's own share of the board's time can be told apart.
  ...(QUERIES.includes(BOARD)
    ? [
        {
          key: "direct:meetings",
          target: "direct" as const,
          query: { ...BOARD, query: BOARD.query.replace("presenter { code name }", "presenter { code }") },
          subgraph: "meetings" as const,
        },
      ]
    : []),
  ...QUERIES.flatMap((q) => (["ours", "apollo"] as const).map((target) => ({ key: `${target}:${q.key}`, target, query: q }))),
];

// Both gateways must answer the same, or the comparison means nothing.
for (const q of QUERIES) {
  const [a, b] = [
    await checked({ key: `ours:${q.key}`, target: "ours", query: q }),
    await checked({ key: `apollo:${q.key}`, target: "apollo", query: q }),
  ];
  if (!isDeepStrictEqual(a, b))
    throw new Error(`${q.key}: the gateways disagree\n${JSON.stringify(a).slice(0, 400)}\n${JSON.stringify(b).slice(0, 400)}`);
  console.log(`${q.key}: ${JSON.stringify(a).length} bytes of data, same on both gateways`);
}
const direct = await checked(paths[0]!);
const viaGateway = await checked({ key: "ours:directory", target: "ours", query: MIX[0]! });
if (!isDeepStrictEqual(direct, viaGateway)) throw new Error("direct and gateway answers differ");
const boardPath = paths.find((p) => p.key === "direct:meetings");
if (boardPath) {
  // The same meetings as through the gateways (but for the presenter's name, which is the directory's).
  const ids = (data: unknown) => (data as { meetings: { nodes: { id: string }[] } }).meetings.nodes.map((n) => n.id);
  const [straight, through] = [ids(await checked(boardPath)), ids(await checked({ key: "ours:meetings", target: "ours", query: BOARD }))];
  if (!straight.length || !isDeepStrictEqual(straight, through))
    throw new Error("the meetings subgraph and the gateway list other meetings");
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const load = () => os.loadavg().map((x) => round(x, 1));

async function sequential(rounds: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(paths.map((p) => [p.key, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate and reverse every round: no path always follows the same other path.
    const order = paths.map((_, i) => paths[(i + r) % paths.length]!);
    if (r % 2) order.reverse();
    for (const p of order) {
      const t0 = performance.now();
      const res = await send(p);
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${p.key}: ${res.status}`);
      times[p.key]!.push(ms);
    }
  }
  return times;
}

async function throughput(
  p: PathDef,
  seconds: number,
): Promise<{ requests: number; rps: number; errors: number; cpuMs: Record<string, number> }> {
  const cpuBefore = cpuSnapshot(graphProcesses());
  const end = performance.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const res = await send(p);
        if (res.status === 200 && !res.body.includes('"errors"')) requests++;
        else errors++;
      }
    }),
  );
  return { requests, rps: round(requests / seconds, 1), errors, cpuMs: cpuSpent(cpuBefore, cpuSnapshot(graphProcesses())) };
}

const loadBefore = load();
console.log(`load average before: ${loadBefore.join(" ")}`);
// Warm-up: JIT, pools, plans; not recorded.
await sequential(20);
for (const p of paths) await throughput(p, 1);

const speedBefore = machineSpeed();
const t0 = Date.now();
const measuredFrom = performance.now();
const seq = await sequential(SEQ);
const latency = Object.fromEntries(
  Object.entries(seq).map(([key, xs]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [key, { n: s.length, p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), p99: round(percentile(s, 99)) }];
  }),
);
const loadAfterSeq = load();
const rps: Record<string, { rps: number[]; errors: number; requests: number; cpuMs: Record<string, number> }> = {};
for (const q of QUERIES) {
  const pair = (["ours", "apollo"] as const).map((target) => paths.find((p) => p.key === `${target}:${q.key}`)!);
  const half = SECONDS / 2;
  // ABBA: each gateway runs twice, once early and once late, in half-length runs.
  for (const p of [pair[0]!, pair[1]!, pair[1]!, pair[0]!]) {
    const r = await throughput(p, half);
    const entry = (rps[p.key] ??= { rps: [], errors: 0, requests: 0, cpuMs: {} });
    entry.rps.push(r.rps);
    entry.errors += r.errors;
    entry.requests += r.requests;
    for (const [k, ms] of Object.entries(r.cpuMs)) entry.cpuMs[k] = (entry.cpuMs[k] ?? 0) + ms;
  }
}
const directTp = await throughput(paths[0]!, SECONDS / 2);
rps[paths[0]!.key] = { rps: [directTp.rps], errors: directTp.errors, requests: directTp.requests, cpuMs: directTp.cpuMs };
const loadAfter = load();
const wallSeconds = Math.round((Date.now() - t0) / 1000);
const speedAfter = machineSpeed();

const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length, 1);
const rows = QUERIES.map((q) => {
  const ours = latency[`ours:${q.key}`]!;
  const apollo = latency[`apollo:${q.key}`]!;
  const oursRps = mean(rps[`ours:${q.key}`]!.rps);
  const apolloRps = mean(rps[`apollo:${q.key}`]!.rps);
  return {
    query: q.key,
    oursP50: ours.p50,
    oursP99: ours.p99,
    apolloP50: apollo.p50,
    apolloP99: apollo.p99,
    p50Ratio: round(ours.p50 / apollo.p50),
    oursRps,
    apolloRps,
    rpsRatio: round(oursRps / apolloRps),
    errors: rps[`ours:${q.key}`]!.errors + rps[`apollo:${q.key}`]!.errors,
  };
});
const directLatency = latency["direct:directory"]!;
const board = latency["direct:meetings"];
const summary = {
  directP50: directLatency.p50,
  directP99: directLatency.p99,
  directRps: directTp.rps,
  ...(latency["ours:directory"] && { gatewayOverDirectP50: round(latency["ours:directory"].p50 / directLatency.p50) }),
  // The board: the meetings subgraph's p50 alone, and what each gateway adds to it (p50 − the subgraph's p50).
  ...(board && {
    boardSubgraphP50: board.p50,
    boardOursAddsP50: round(latency["ours:meetings"]!.p50 - board.p50),
    boardApolloAddsP50: round(latency["apollo:meetings"]!.p50 - board.p50),
  }),
};
/**
 * CPU ms per answered request, by process, during each gateway's throughput runs. `sum` over the
 * whole graph; `bound` is what the rps ratio would be were the machine's cores the only limit
 * (the other gateway's CPU per request ÷ ours), for comparison with the measured ratio.
 */
const cpuPerRequest = Object.fromEntries(
  QUERIES.map((q) => {
    const per = (target: "ours" | "apollo") => {
      const r = rps[`${target}:${q.key}`]!;
      const ms = Object.fromEntries(Object.entries(r.cpuMs).map(([k, v]) => [k, round(v / Math.max(1, r.requests))]));
      // The idle gateway of the pair is left out of the sum (it only answers its health checks).
      const idle = target === "ours" ? values.versus : "gateway";
      const sum = round(Object.entries(ms).reduce((a, [k, v]) => (k === idle ? a : a + v), 0));
      return { ...ms, sum };
    };
    const ours = per("ours");
    const apollo = per("apollo");
    return [q.key, { ours, apollo, bound: round(apollo.sum / ours.sum) }];
  }),
);
console.table(rows);
console.log("CPU ms per request, by process, during each gateway's throughput runs:");
console.table(
  Object.entries(cpuPerRequest).flatMap(([query, c]) => [
    { query, gateway: "ours", ...c.ours },
    { query, gateway: values.versus, ...c.apollo, bound: c.bound },
  ]),
);
console.log(JSON.stringify(summary));
console.log(`load average: before ${loadBefore.join(" ")}, after sequential ${loadAfterSeq.join(" ")}, after ${loadAfter.join(" ")}`);
console.log(`machine speed (SHA-256 digests of 16 KiB per ms, one core, graph idle): before ${speedBefore}, after ${speedAfter}`);

const label = values.label ? `-${values.label}` : "";
const results = path.join(repoRoot, "bench", "results");
await mkdir(results, { recursive: true });
const file = path.join(results, `gateways-${new Date().toISOString().slice(0, 16).replace(":", "")}${label}.json`);
await writeFile(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      label: values.label,
      versus: values.versus,
      cpus: os.cpus().length,
      node: process.version,
      seq: SEQ,
      seconds: SECONDS,
      connections: CONNECTIONS,
      wallSeconds,
      load: { before: loadBefore, afterSequential: loadAfterSeq, after: loadAfter },
      speed: { before: speedBefore, after: speedAfter },
      latency,
      rps,
      rows,
      cpuPerRequest,
      summary,
    },
    null,
    2,
  ) + "\n",
);
console.log(`results: ${path.relative(repoRoot, file)}`);

const exits = children().map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r))));
for (const c of children()) c.kill("SIGTERM");
await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 8000))]);
await dropScratch?.();
await rm(dataDir, { recursive: true, force: true });
agent.destroy();

if (values.profile) {
  for (const f of (await readdir(profileDir)).filter((f) => f.endsWith(".cpuprofile"))) {
    const skipMs = Math.round(measuredFrom - spawnedAt.get(f.split("-")[0]!)!);
    console.log(`\n${f} (measured phase only: the first ${skipMs} ms left out)`);
    console.log(summariseProfile(JSON.parse(await readFile(path.join(profileDir, f), "utf8")), skipMs));
  }
}
