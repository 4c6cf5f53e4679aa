/**
 * Fan-out benchmark: one agenda change → N graphql-ws subscribers, through the gateway (with a
 * field the gateway resolves from the directory subgraph inside each event) and, as the baseline,
 * straight to the meetings subgraph. Run: `npm run bench:fanout` (options: --n 29,290,2000 --rounds 20).
 *
 * The whole graph runs as `npm start` runs it (separate processes); the clients live in this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import {
  DEVELOPMENT_IDENTITY_SECRET,
  IDENTITY_HEADER,
  loadReferenceData,
  repoRoot,
  SIGNATURE_HEADER,
  signIdentity,
} from "@marugoto/shared";
import { freePorts } from "@marugoto/shared/dev";
import { loadOrCreateDevKeys, mintDevToken } from "../gateway/src/dev-keys.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "29,290,2000" },
    rounds: { type: "string", default: "20" },
    /** Sizes at which to also run a second gateway with subscription merging off (it collapses at 2,000). */
    unmerged: { type: "string", default: "29,290" },
  },
});
const sizes = values.n.split(",").map(Number);
const unmergedSizes = new Set(values.unmerged.split(",").filter(Boolean).map(Number));
const rounds = Number(values.rounds);

const data = loadReferenceData();
const members = [
  ...data.marugotoCouncil.directors.map((d) => d.code),
  ...data.marugotoCouncil.sections.map((s) => s.code),
  ...data.marugotoCouncil.otherMembers.map((m) => m.code),
];

const dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-bench-"));
const [gateway, directory, meetings, cases, hubs, unmerged] = await freePorts(6);
const ports = { gateway, directory, meetings, cases, hubs, unmerged };
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  GATEWAY_PORT: String(ports.gateway),
  DIRECTORY_PORT: String(ports.directory),
  MEETINGS_PORT: String(ports.meetings),
  CASES_PORT: String(ports.cases),
  HUBS_PORT: String(ports.hubs),
  LOG_LEVEL: "warn",
};
const graph: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  cwd: repoRoot,
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  let out = "";
  graph.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    if (out.includes("is running")) resolve();
  });
  graph.once("exit", (code) => reject(new Error(`graph exited ${code}`)));
});

// A second gateway over the same subgraphs, with merging off: the baseline that merging answers.
const unmergedGateway: ChildProcess = spawn(process.execPath, ["--import", "tsx", "gateway/src/index.ts"], {
  cwd: repoRoot,
  env: {
    ...env,
    PORT: String(ports.unmerged),
    MERGE_SUBSCRIPTIONS: "false",
    DIRECTORY_URL: `http://127.0.0.1:${ports.directory}/graphql`,
    MEETINGS_URL: `http://127.0.0.1:${ports.meetings}/graphql`,
    CASES_URL: `http://127.0.0.1:${ports.cases}/graphql`,
    HUBS_URL: `http://127.0.0.1:${ports.hubs}/graphql`,
  },
  stdio: ["ignore", "inherit", "inherit"],
});
for (let i = 0; i < 200; i++) {
  const ok = await fetch(`http://127.0.0.1:${ports.unmerged}/readiness`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 100));
}

const gatewayHttp = `http://127.0.0.1:${ports.gateway}/graphql`;
const gatewayWs = `ws://127.0.0.1:${ports.gateway}/graphql`;
const meetingsWs = `ws://127.0.0.1:${ports.meetings}/graphql`;
const keys = await loadOrCreateDevKeys(dataDir);
const token = (org: string, sub: string, roles = ["staff"]) => mintDevToken(keys, { sub, org, roles });
const chair = await token("fukushi-suishin-bu", "bench-chair", ["chair"]);

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(gatewayHttp, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${chair}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

type Mode = "gateway" | "unmerged" | "direct";

interface Row {
  mode: Mode;
  n: number;
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
  mutationP50: number;
}

async function run(mode: Mode, n: number): Promise<Row> {
  const made = await gql(
    `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "bench", startsAt: "2031-01-10T05:00:00Z" }) { meeting { id eventCursor } } }`,
  );
  const { id, eventCursor } = made.scheduleMeeting.meeting;
  const item = (
    await gql(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`, {
      i: { meetingId: id, kind: "TOPIC", title: "r-1", presenterCode: "nozei" },
    })
  ).addAgendaItem.item.id;
  const cursor = (await gql(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, { id })).meeting.eventCursor ?? eventCursor;
  const query =
    mode !== "direct"
      ? `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { id title status presenter { code name } } } }`
      : `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { id title status presenter { code } } } }`;

  const received = new Map<string, number[]>(); // title → receive times
  const clients: Client[] = [];
  for (let i = 0; i < n; i++) {
    const org = members[i % members.length]!;
    const connectionParams =
      mode !== "direct"
        ? { authorization: `Bearer ${await token(org, `bench-${i}`)}` }
        : (() => {
            const s = signIdentity({ sub: `bench-${i}`, org, roles: ["staff"] }, DEVELOPMENT_IDENTITY_SECRET, { kind: "ws" });
            return { [IDENTITY_HEADER]: s.identity, [SIGNATURE_HEADER]: s.signature };
          })();
    const url = mode === "gateway" ? gatewayWs : mode === "unmerged" ? `ws://127.0.0.1:${ports.unmerged}/graphql` : meetingsWs;
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    clients.push(client);
    client.subscribe<{ agendaChanged: { agenda: { title: string }[] } }>(
      { query, variables: { id, after: cursor } },
      {
        next: (v) => {
          const title = v.data?.agendaChanged.agenda[0]?.title;
          if (!title) return;
          const at = performance.now();
          const list = received.get(title) ?? [];
          list.push(at);
          received.set(title, list);
        },
        error: (e) => console.error("subscription error", e),
        complete: () => {},
      },
    );
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
  }
  const waitAll = async (title: string, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while ((received.get(title)?.length ?? 0) < n) {
      if (Date.now() > until) throw new Error(`${mode} N=${n}: only ${received.get(title)?.length ?? 0} got ${title}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  // Warm-up: every client has subscribed and received one change.
  await gql(`mutation ($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { item { id } } }`, { i: { itemId: item, title: "r0" } });
  await waitAll("r0");

  const latencies: number[] = [];
  const mutationTimes: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const title = `r${r}`;
    const t0 = performance.now();
    await gql(`mutation ($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { item { id } } }`, { i: { itemId: item, title } });
    mutationTimes.push(performance.now() - t0);
    await waitAll(title);
    for (const at of received.get(title)!) latencies.push(at - t0);
    await new Promise((res) => setTimeout(res, 100));
  }
  await Promise.all(clients.map((c) => c.dispose()));
  await new Promise((r) => setTimeout(r, 500));
  latencies.sort((a, b) => a - b);
  mutationTimes.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    mode,
    n,
    deliveries: latencies.length,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1)!),
    mutationP50: round(percentile(mutationTimes, 50)),
  };
}

const rows: Row[] = [];
try {
  // Warm-up pass, not recorded: JIT, connection pools, the gateways' first plans.
  for (const mode of ["direct", "gateway", "unmerged"] as const) await run(mode, 29);
  for (const n of sizes) {
    for (const mode of ["direct", "gateway", "unmerged"] as const) {
      if (mode === "unmerged" && !unmergedSizes.has(n)) continue;
      const row = await run(mode, n);
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
} finally {
  unmergedGateway.kill("SIGTERM");
  graph.kill("SIGTERM");
  await new Promise((r) => graph.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}

const LABELS: Record<Mode, string> = {
  direct: "direct to the meetings subgraph",
  gateway: "gateway, merged (+ directory field)",
  unmerged: "gateway, merging off (+ directory field)",
};
const table = [
  "| N | path | deliveries | p50 ms | p99 ms | max ms | mutation p50 ms |",
  "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.n} | ${LABELS[r.mode]} | ${r.deliveries} | ${r.p50} | ${r.p99} | ${r.max} | ${r.mutationP50} |`),
].join("\n");
console.log(`\n${table}`);
const file = path.join(repoRoot, "bench", "results", `fanout-${new Date().toISOString().slice(0, 10)}.json`);
await writeFile(
  file,
  JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, rounds, rows }, null, 2),
);
console.log(`written ${path.relative(repoRoot, file)}`);
