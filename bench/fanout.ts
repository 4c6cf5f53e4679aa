/**
 * Fan-out benchmark: one agenda change → N graphql-ws subscribers, through the gateway (with a
 * field the gateway resolves from the directory subgraph inside each event) and, as the baseline,
 * straight to the meetings subgraph. Run: `npm run bench:fanout` (options: --n 29,290,2000 --rounds 20).
 *
 * `--scope person`: the subscribers are members of a 支援会議 whose agenda holds a case disclosed to
 * their organisations, and their selection reaches `Case` fields (`agenda { case { caseNumber } }`):
 * the gateway then scopes each subscription to its person, so every subscriber is its own group
 * (checked on the gateway's `marugoto_gateway_subscription_groups`), and every event is read through
 * each person's grounds in the cases subgraph (audited). `--profile`: every process of the graph runs
 * with `--cpu-prof`; the summaries are printed at the end.
 *
 * The whole graph runs as `npm start` runs it (separate processes); the clients live in this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
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
import { cpuSnapshot, cpuSpent, machineSpeed, processName, processTree } from "./cpu.js";
import { summariseProfile } from "./profile-summary.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "29,290,2000" },
    rounds: { type: "string", default: "20" },
    /** Sizes at which to also run a second gateway with subscription merging off (it collapses at 2,000). */
    unmerged: { type: "string", default: "29,290" },
    /** `org` (organisation + roles, the default) or `person` (a selection reaching case data). */
    scope: { type: "string", default: "org" },
    /** Which paths to run, of direct, gateway, unmerged. */
    modes: { type: "string", default: "direct,gateway,unmerged" },
    /** Added to the results file's name. */
    label: { type: "string", default: "" },
    profile: { type: "boolean", default: false },
    /**
     * `--scope person` only: every client subscribes from the meeting's cursor (`after`), as the board does
     * (it reads the meeting, then follows its events from there); without it, from now (no `after`).
     */
    resume: { type: "boolean", default: false },
  },
});
const scope = values.scope === "person" ? "person" : "org";
const resume = scope === "person" && values.resume;
/** Whether the clients subscribe from a cursor (`after`): the council's members always, per person with `--resume`. */
const fromCursor = scope === "org" || resume;
const enabledModes = new Set(values.modes.split(","));
const sizes = values.n.split(",").map(Number);
const unmergedSizes = new Set(values.unmerged.split(",").filter(Boolean).map(Number));
const rounds = Number(values.rounds);

const data = loadReferenceData();
const members = [
  ...data.marugotoCouncil.directors.map((d) => d.code),
  ...data.marugotoCouncil.sections.map((s) => s.code),
  ...data.marugotoCouncil.otherMembers.map((m) => m.code),
];

/** The 支援会議 of `--scope person`: its chair, the lead agency (assigned to the case), the members it is disclosed to. */
const SUPPORT_CHAIR = "seikatsu-fukushi";
const LEAD = "self-reliance-support-agency";
const DISCLOSED_TO = [SUPPORT_CHAIR, "nozei", "kaigo-hoken", "choju-shien", "seikatsu-shien", "shogai-fukushi", "kenko-zoshin"];
const subscriberOrgs = scope === "person" ? [LEAD, ...DISCLOSED_TO] : members;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-bench-"));
const profileDir = path.join(repoRoot, "bench", "results", "profiles", `fanout-${new Date().toISOString().slice(0, 16).replace(":", "")}`);
const [gateway, directory, meetings, cases, hubs, unmerged, metricsBase, unmergedMetrics] = await freePorts(8);
const ports = { gateway, directory, meetings, cases, hubs, unmerged };
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  GATEWAY_PORT: String(ports.gateway),
  DIRECTORY_PORT: String(ports.directory),
  MEETINGS_PORT: String(ports.meetings),
  CASES_PORT: String(ports.cases),
  HUBS_PORT: String(ports.hubs),
  // The gateway's metrics answer on METRICS_PORT (the subgraphs' on the next ports).
  METRICS_PORT: String(metricsBase),
  LOG_LEVEL: "warn",
  ...(values.profile ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${profileDir}`.trim() } : {}),
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
    METRICS_PORT: String(unmergedMetrics),
    NODE_OPTIONS: process.env.NODE_OPTIONS ?? "",
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
const chair =
  scope === "person" ? await token(SUPPORT_CHAIR, "bench-chair", ["chair"]) : await token("fukushi-suishin-bu", "bench-chair", ["chair"]);

async function gql(query: string, variables: Record<string, unknown> = {}, as = chair) {
  const res = await fetch(gatewayHttp, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${as}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
/** CLOCK_MONOTONIC in µs: the clock of V8's profile timestamps, in every process of the machine. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

type Mode = "gateway" | "unmerged" | "direct";

interface Row {
  scope: "org" | "person";
  mode: Mode;
  n: number;
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
  mutationP50: number;
  /** From a cursor through our gateway: after how many more events every stream had moved onto its live stream (null: not within 5). */
  convergedAfterWarmUpEvents?: number | null;
  /** `--scope person`: deliveries whose event carried the case (`caseNumber`), without errors. */
  deliveriesWithCase?: number;
  /** The gateway's own count, sampled once every client has had the warm-up event. */
  gatewayMetrics?: Record<string, number>;
  /** Calls from the gateway to the cases subgraph per measured event (its `_entities` for `AgendaItem.case`). */
  casesCallsPerEvent?: number;
  /** Requests that carried an event's calls to the subgraphs together (`BATCH_SUBSCRIPTION_CALLS`), per measured event. */
  batchesPerEvent?: number;
  /** Executions of the plan per measured event: one per person before fan-out, one per group and set of people answered alike with it. */
  runsPerEvent?: number;
  /** Calls from the gateway to each subgraph per measured event. */
  callsPerEvent?: Record<string, number>;
  /**
   * CPU ms per measured event, by process (the gateway, the subgraphs, PostgreSQL, `driver`: this
   * process with its N clients), from /proc; `floor` is their sum over the machine's cores: about
   * the least p99 the cores allow, as the work is spread about evenly over an event's deliveries.
   */
  cpuMsPerEvent?: Record<string, number>;
  /** `machineSpeed()` before and after the measured rounds (SHA-256 digests of 16 KiB per ms on one core). */
  speed: { before: number; after: number };
  loadBefore: number[];
  loadAfter: number[];
}

/** The meeting the subscribers watch, the item whose title each change sets, and the cursor to start from. */
interface Scenario {
  meetingId: string;
  itemId: string;
  cursor: string | null;
}

/** `--scope org`: a 福祉まるごと会議 meeting with one topic, watched by the council's members. */
async function councilMeeting(): Promise<Scenario> {
  const made = await gql(
    `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "bench", startsAt: "2031-01-10T05:00:00Z" }) { meeting { id eventCursor } } }`,
  );
  const { id, eventCursor } = made.scheduleMeeting.meeting;
  const itemId = (
    await gql(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`, {
      i: { meetingId: id, kind: "TOPIC", title: "r-1", presenterCode: "nozei" },
    })
  ).addAgendaItem.item.id;
  const cursor = (await gql(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, { id })).meeting.eventCursor ?? eventCursor;
  return { meetingId: id, itemId, cursor };
}

/**
 * `--scope person`: a 支援会議 whose agenda holds a topic (the item each change retitles) and a case
 * item; the case (opened by the lead agency, which is assigned to it) is disclosed to the meeting for
 * every other member organisation, and every member organisation has pledged confidentiality. Every
 * subscriber's organisation thus has a ground (ASSIGNMENT or SUPPORT_MEETING); checked before use.
 */
async function supportMeeting(): Promise<Scenario> {
  const lead = await token(LEAD, "bench-lead");
  const memberCodes = [LEAD, ...DISCLOSED_TO.filter((c) => c !== SUPPORT_CHAIR)];
  const meetingId = (
    await gql(
      `mutation ($m: [String!]) { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-01-10T05:00:00Z", memberCodes: $m }) { meeting { id } } }`,
      { m: memberCodes },
    )
  ).scheduleMeeting.meeting.id as string;
  const opened = await gql(
    `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } userErrors { code } } }`,
    {
      i: {
        receivedOn: new Date().toISOString().slice(0, 10),
        takenBy: "相談員",
        sourceKind: "AGENCY",
        problemAreas: ["DEBT"],
        mainProblemArea: "DEBT",
        consentAnswer: "GIVEN",
        person: { name: "架空 計測" },
      },
    },
    lead,
  );
  const caseId = opened.receiveConsultation.case.id as string;
  // A case is disclosed to members that pledged confidentiality only.
  for (const org of DISCLOSED_TO)
    await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id: meetingId },
      await token(org, `bench-pledge-${org}`),
    );
  const disclosed = await gql(
    `mutation ($id: ID!, $m: ID!, $o: [String!]!) { discloseToMeeting(caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: $o, purpose: "支援方針の協議") { userErrors { code message } } }`,
    { id: caseId, m: meetingId, o: DISCLOSED_TO },
    lead,
  );
  if (disclosed.discloseToMeeting.userErrors.length) throw new Error(JSON.stringify(disclosed.discloseToMeeting.userErrors));
  const add = async (i: Record<string, unknown>) => {
    const d = await gql(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } userErrors { code message } } }`, {
      i: { meetingId, ...i },
    });
    if (d.addAgendaItem.userErrors.length) throw new Error(JSON.stringify(d.addAgendaItem.userErrors));
    return d.addAgendaItem.item.id as string;
  };
  const itemId = await add({ kind: "TOPIC", title: "r-1", presenterCode: "nozei" });
  await add({ kind: "CASE", title: "ケース検討", caseId });
  for (const org of subscriberOrgs) {
    const as = await token(org, `bench-pledge-${org}`);
    await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, as);
    const seen = await gql(`query ($id: ID!) { meeting(id: $id) { agenda { kind case { caseNumber } } } }`, { id: meetingId }, as);
    const item = (seen.meeting.agenda as { kind: string; case: { caseNumber: string } | null }[]).find((i) => i.kind === "CASE");
    if (!item?.case?.caseNumber) throw new Error(`${org} has no ground to see the case: ${JSON.stringify(seen)}`);
  }
  const cursor = resume
    ? ((await gql(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, { id: meetingId })).meeting.eventCursor as string)
    : null;
  return { meetingId, itemId, cursor };
}

function subscriptionQuery(mode: Mode): string {
  const presenter = mode === "direct" ? "presenter { code }" : "presenter { code name }";
  // The meetings subgraph alone cannot answer `case` (the cases subgraph decides it): the direct path has `caseId`.
  const caseField = scope === "org" ? "" : mode === "direct" ? "caseId" : "case { id caseNumber }";
  return `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { id kind title status ${presenter} ${caseField} } } }`;
}

/** The gateway's Prometheus metrics, summed over labels, by metric name. */
async function scrape(port: number): Promise<Record<string, number>> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^(marugoto_[a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!m) continue;
    const key = m[1] === "marugoto_gateway_subgraph_requests_total" ? `${m[1]}${/subgraph="([^"]+)"/.exec(m[2] ?? "")?.[1] ?? ""}` : m[1]!;
    out[key] = (out[key] ?? 0) + Number(m[3]);
  }
  return out;
}

interface AgendaEvent {
  agendaChanged?: { agenda: { id: string; kind: string; title: string; case?: { caseNumber: string } | null }[] };
}

function connect(mode: Mode, i: number, scenario: Scenario, onEvent: (title: string, withCase: boolean) => void): Client {
  const org = subscriberOrgs[i % subscriberOrgs.length]!;
  const sub = `bench-${i}`;
  const connectionParams = async () => {
    if (mode !== "direct") return { authorization: `Bearer ${await token(org, sub)}` };
    // As the gateway signs a socket to the meetings subgraph: ending at a token's expiry (a development token lives 8 h).
    const s = signIdentity({ sub, org, roles: ["staff"] }, DEVELOPMENT_IDENTITY_SECRET, {
      kind: "ws",
      subgraph: "meetings",
      until: Date.now() + 8 * 3_600_000,
    });
    return { [IDENTITY_HEADER]: s.identity, [SIGNATURE_HEADER]: s.signature };
  };
  const url = mode === "gateway" ? gatewayWs : mode === "unmerged" ? `ws://127.0.0.1:${ports.unmerged}/graphql` : meetingsWs;
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
  // Per person, no `after` unless `--resume`: a resumed personal stream replays alone (its replay holds
  // personal decisions), then moves onto its organisation's live run (`convergedAfterWarmUpEvents`).
  const variables = { id: scenario.meetingId, after: fromCursor ? scenario.cursor : null };
  client.subscribe<AgendaEvent>(
    { query: subscriptionQuery(mode), variables },
    {
      next: (v) => {
        const agenda = v.data?.agendaChanged?.agenda ?? [];
        const title = agenda.find((item) => item.id === scenario.itemId)?.title;
        if (!title) return;
        const withCase = !v.errors?.length && !!agenda.find((item) => item.kind === "CASE")?.case?.caseNumber;
        onEvent(title, withCase);
      },
      error: (e) => console.error("subscription error", e),
      complete: () => {},
    },
  );
  return client;
}

/** Every process of the graph and of the second gateway, named for the CPU accounting. */
const graphProcesses = () => [
  ...processTree(graph.pid!).map((pid) => [processName(pid), pid] as [string, number]),
  ...processTree(unmergedGateway.pid!).map((pid) => ["gateway-unmerged", pid] as [string, number]),
];

async function run(mode: Mode, n: number): Promise<Row> {
  const loadBefore = load();
  const scenario = scope === "person" ? await supportMeeting() : await councilMeeting();
  const converged = async () => (await scrape(metricsBase!)).marugoto_gateway_subscriptions_converged_total ?? 0;
  const convergedBefore = mode === "gateway" ? await converged() : 0;
  const received = new Map<string, number[]>(); // title → receive times
  const withCase = new Map<string, number>(); // title → deliveries carrying the case
  const clients: Client[] = [];
  for (let i = 0; i < n; i++) {
    clients.push(
      connect(mode, i, scenario, (title, hasCase) => {
        const list = received.get(title) ?? [];
        list.push(performance.now());
        received.set(title, list);
        if (hasCase) withCase.set(title, (withCase.get(title) ?? 0) + 1);
      }),
    );
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
  }
  const update = (title: string) =>
    gql(`mutation ($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { item { id } } }`, { i: { itemId: scenario.itemId, title } });
  const waitAll = async (title: string, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while ((received.get(title)?.length ?? 0) < n) {
      if (Date.now() > until) throw new Error(`${mode} N=${n}: only ${received.get(title)?.length ?? 0} got ${title}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  // Warm-up: every client has subscribed and received one change (without `after`, a client still
  // subscribing misses a change: then another one, until one reaches everyone).
  for (let w = 0; ; w++) {
    await update(`w${w}`);
    try {
      await waitAll(`w${w}`, scope === "org" ? 60_000 : 20_000);
      break;
    } catch (error) {
      if (w >= 5) throw error;
    }
  }
  const metricsPort = mode === "gateway" ? metricsBase : mode === "unmerged" ? unmergedMetrics : undefined;
  // From a cursor, through our gateway: each stream replays (alone, or with those of its scope that came
  // before its replay began), then moves onto its scope's live stream at the first event both give;
  // measured once every one has moved (the events before cost both streams; `convergedAt` says when).
  let convergedAt: number | undefined;
  if (fromCursor && mode === "gateway") {
    for (let c = 0; c < 5 && convergedAt === undefined; c++) {
      if ((await converged()) - convergedBefore >= n) convergedAt = c;
      else {
        await update(`c${c}`);
        await waitAll(`c${c}`, 20_000);
      }
    }
  }
  const before = metricsPort ? await scrape(metricsPort) : undefined;

  const latencies: number[] = [];
  const mutationTimes: number[] = [];
  const speedBefore = machineSpeed();
  const cpuBefore = cpuSnapshot(graphProcesses());
  windows.push({ mode, n, from: monotonicUs(), to: 0 });
  for (let r = 1; r <= rounds; r++) {
    const title = `r${r}`;
    const t0 = performance.now();
    await update(title);
    mutationTimes.push(performance.now() - t0);
    await waitAll(title);
    for (const at of received.get(title)!) latencies.push(at - t0);
    await new Promise((res) => setTimeout(res, 100));
  }
  windows.at(-1)!.to = monotonicUs();
  const cpu = cpuSpent(cpuBefore, cpuSnapshot(graphProcesses()));
  const speedAfter = machineSpeed();
  const cpuMsPerEvent = Object.fromEntries(Object.entries(cpu).map(([k, ms]) => [k, round(ms / rounds)]));
  cpuMsPerEvent.floor = round(Object.values(cpu).reduce((a, b) => a + b, 0) / rounds / os.cpus().length);
  const after = metricsPort ? await scrape(metricsPort) : undefined;
  await Promise.all(clients.map((c) => c.dispose()));
  await new Promise((r) => setTimeout(r, 500));
  latencies.sort((a, b) => a - b);
  mutationTimes.sort((a, b) => a - b);
  const measuredWithCase = [...Array(rounds).keys()].reduce((sum, r) => sum + (withCase.get(`r${r + 1}`) ?? 0), 0);
  // Every delivery must have carried the case: the rows say how many did not, and the run fails at the end.
  if (scope === "person" && mode !== "direct" && measuredWithCase !== latencies.length)
    console.error(`${mode} N=${n}: ${latencies.length - measuredWithCase} deliveries without the case`);
  const pick = (m: Record<string, number>) =>
    Object.fromEntries(
      [
        "marugoto_gateway_subscription_groups",
        "marugoto_gateway_subscription_group_clients",
        "marugoto_graphql_subscriptions_active",
        "marugoto_websocket_open_sockets",
      ].map((k) => [k.replace(/^marugoto_/, ""), m[k] ?? 0]),
    );
  return {
    scope,
    mode,
    n,
    deliveries: latencies.length,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1)!),
    mutationP50: round(percentile(mutationTimes, 50)),
    ...(scope === "person" && mode !== "direct" ? { deliveriesWithCase: measuredWithCase } : {}),
    ...(fromCursor && mode === "gateway" ? { convergedAfterWarmUpEvents: convergedAt ?? null } : {}),
    ...(before && after
      ? {
          gatewayMetrics: pick(before),
          casesCallsPerEvent: round(
            ((after["marugoto_gateway_subgraph_requests_totalcases"] ?? 0) -
              (before["marugoto_gateway_subgraph_requests_totalcases"] ?? 0)) /
              rounds,
          ),
          batchesPerEvent: round(
            ((after["marugoto_gateway_upstream_batches_total"] ?? 0) - (before["marugoto_gateway_upstream_batches_total"] ?? 0)) / rounds,
          ),
          runsPerEvent: round(
            ((after["marugoto_gateway_fan_out_runs_total"] ?? 0) - (before["marugoto_gateway_fan_out_runs_total"] ?? 0)) / rounds,
          ),
          callsPerEvent: Object.fromEntries(
            Object.keys(after)
              .filter((k) => k.startsWith("marugoto_gateway_subgraph_requests_total"))
              .map((k) => [
                k.slice("marugoto_gateway_subgraph_requests_total".length),
                round(((after[k] ?? 0) - (before[k] ?? 0)) / rounds),
              ]),
          ),
        }
      : {}),
    cpuMsPerEvent,
    speed: { before: speedBefore, after: speedAfter },
    loadBefore,
    loadAfter: load(),
  };
}

/** When each recorded run measured (CLOCK_MONOTONIC µs): the profiles are summarised over these windows only. */
const windows: { mode: Mode; n: number; from: number; to: number }[] = [];
const rows: Row[] = [];
const modes = (["direct", "gateway", "unmerged"] as const).filter((m) => enabledModes.has(m));
try {
  // Warm-up pass, not recorded: JIT, connection pools, the gateways' first plans.
  for (const mode of modes) await run(mode, 29);
  windows.length = 0;
  for (const n of sizes) {
    for (const mode of modes) {
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
  await new Promise((r) => (unmergedGateway.exitCode !== null ? r(null) : unmergedGateway.once("exit", r)));
  await rm(dataDir, { recursive: true, force: true });
}

const LABELS: Record<Mode, string> =
  scope === "person"
    ? {
        direct: "direct to the meetings subgraph (caseId only)",
        gateway: `gateway, merging on: per person (+ case, directory field)${resume ? ", each from the meeting's cursor" : ""}`,
        unmerged: "gateway, merging off (+ case, directory field)",
      }
    : {
        direct: "direct to the meetings subgraph",
        gateway: "gateway, merged (+ directory field)",
        unmerged: "gateway, merging off (+ directory field)",
      };
const table = [
  "| N | path | deliveries | p50 ms | p99 ms | max ms | mutation p50 ms | groups | CPU floor ms | speed before / after |",
  "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map(
    (r) =>
      `| ${r.n} | ${LABELS[r.mode]} | ${r.deliveries} | ${r.p50} | ${r.p99} | ${r.max} | ${r.mutationP50} | ${r.gatewayMetrics?.gateway_subscription_groups ?? "—"} | ${r.cpuMsPerEvent?.floor ?? "—"} | ${r.speed.before} / ${r.speed.after} |`,
  ),
].join("\n");
console.log(`\n${table}`);
const suffix = [scope === "person" ? "-person" : "", values.label ? `-${values.label}` : ""].join("");
const file = path.join(repoRoot, "bench", "results", `fanout-${new Date().toISOString().slice(0, 10)}${suffix}.json`);
await writeFile(
  file,
  JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, scope, resume, rounds, rows }, null, 2),
);
console.log(`written ${path.relative(repoRoot, file)}`);
const incomplete = rows.filter((r) => r.deliveriesWithCase !== undefined && r.deliveriesWithCase !== r.deliveries);
if (incomplete.length) {
  console.error(`deliveries without the case in ${incomplete.map((r) => `${r.mode} N=${r.n}`).join(", ")}`);
  process.exitCode = 1;
}

if (values.profile) {
  for (const f of (await readdir(profileDir)).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(await readFile(path.join(profileDir, f), "utf8"));
    const urls = (profile.nodes as { callFrame: { url: string } }[]).map((n) => n.callFrame.url).join("\n");
    const name = urls.includes("gateway/src/ws.ts") ? "gateway" : urls.includes("subgraphs/cases/src") ? "subgraphs" : "other";
    if (name === "other") continue;
    for (const w of windows)
      console.log(`\n== ${name} (${f}), ${w.mode} N=${w.n}\n${summariseProfile(profile, { from: w.from, to: w.to })}`);
  }
}
