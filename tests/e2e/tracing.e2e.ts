import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePorts } from "@marugoto/shared/dev";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import { bearer, post, signedHeaders } from "../helpers/client.js";
import { freshDatabase, type TestDatabase } from "../helpers/database.js";
import { TEST_SECRET } from "../helpers/stack.js";
import { names, scrape, total } from "../helpers/metrics.js";
import { answers, spawnService, until, type SpawnedService } from "../helpers/processes.js";
import { sleep } from "../helpers/subscriptions.js";

/**
 * Gateway and subgraphs as processes of their own, as they run in production.
 * Traces (packages/shared/tracing.mjs): with OTEL_EXPORTER_OTLP_ENDPOINT set, a gateway and a
 * subgraph process export spans by OTLP; one trace runs from the gateway's request through the
 * subgraph's into its SQL; the subgraph's log lines carry that trace id. Without it, nothing is
 * sent — even with the tracing module loaded and the exporter's own endpoint variable pointing at a
 * receiver. Metrics: a subgraph process started with METRICS_PORT serves its own series, each
 * labelled with its service.
 */
interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP (JSON) receiver standing in for a collector: the spans it got, and every request. */
interface Collector {
  url: string;
  spans: Span[];
  requests: string[];
  close(): Promise<void>;
}

const attributesOf = (list: { key: string; value: Record<string, unknown> }[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0]]));

function spansOf(body: { resourceSpans?: any[] }): Span[] {
  const found: Span[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const service = String(attributesOf(rs.resource?.attributes)["service.name"]);
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? [])
        found.push({
          service,
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId || undefined,
          name: s.name,
          attributes: attributesOf(s.attributes),
        });
  }
  return found;
}

async function startCollector(): Promise<Collector> {
  const spans: Span[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === "/v1/traces") spans.push(...spansOf(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let collector: Collector;
let database: TestDatabase;
let dataDir: string;
const children: SpawnedService[] = [];

function spawn(name: string, entry: string, port: number, env: Record<string, string | undefined>): SpawnedService {
  const service = spawnService(name, entry, port, env);
  children.push(service);
  return service;
}

/** What the processes and the collector did, for a timeout's message. */
const account = () =>
  `${JSON.stringify(collector.spans.map((s) => [s.service, s.name, s.traceId.slice(0, 6), s.parentSpanId?.slice(0, 6), s.spanId.slice(0, 6), Object.keys(s.attributes).join(" ")]))}\n${children.map((c) => c.output.join("")).join("\n")}`;

/** A directory subgraph and a gateway over it (the other subgraphs unreachable), as processes; resolves once both answer. */
async function directoryAndGateway(
  suffix: string,
  env: Record<string, string | undefined>,
): Promise<{ gatewayUrl: string; directory: SpawnedService }> {
  const [directoryPort, gatewayPort] = await freePorts(2);
  const directory = spawn(`directory${suffix}`, "subgraphs/directory/src/index.ts", directoryPort!, {
    ...env,
    DATABASE_URL: database.url,
    SEED: "true",
  });
  await until("directory", () => answers(`http://127.0.0.1:${directoryPort}/health`), 120_000, account);
  const unused = "http://127.0.0.1:9/graphql";
  spawn(`gateway${suffix}`, "gateway/src/index.ts", gatewayPort!, {
    ...env,
    DIRECTORY_URL: `http://127.0.0.1:${directoryPort}/graphql`,
    MEETINGS_URL: unused,
    CASES_URL: unused,
    HUBS_URL: unused,
    DATA_DIR: dataDir,
  });
  await until("gateway", () => answers(`http://127.0.0.1:${gatewayPort}/healthcheck`), 120_000, account);
  return { gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`, directory };
}

async function organizations(gatewayUrl: string, requestId: string): Promise<Response> {
  const token = await mintDevToken(await loadOrCreateDevKeys(dataDir), { sub: "t", org: "nozei", roles: ["staff"] });
  return fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": requestId, ...bearer(token) },
    body: JSON.stringify({ query: "query Orgs { organizations { code } }" }),
  });
}

beforeAll(async () => {
  collector = await startCollector();
  database = await freshDatabase("tracing");
  dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-tracing-"));
  await loadOrCreateDevKeys(dataDir);
}, 60_000);

afterAll(async () => {
  const exits = children
    .filter(({ child }) => child.exitCode === null && child.signalCode === null)
    .map(({ child }) => once(child, "exit"));
  for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
  await collector?.close();
  // The database is dropped once no process holds a connection to it.
  await Promise.all(exits);
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("traces", () => {
  it("run from the gateway through a subgraph into SQL, exported by OTLP, with the trace id in the logs", async () => {
    const tracing = { NODE_OPTIONS: "--import=@marugoto/shared/tracing", OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
    const { gatewayUrl, directory } = await directoryAndGateway("", tracing);
    const res = await organizations(gatewayUrl, "trace-probe-1");
    expect(res.status).toBe(200);
    const spans = collector.spans;

    // The subgraph's server span whose parent is a gateway span, in one trace with SQL under it.
    let traceId = "";
    await until(
      "a trace across gateway and directory",
      () => {
        const served = spans.find(
          (s) => s.service === "directory" && s.parentSpanId && spans.some((g) => g.service === "gateway" && g.spanId === s.parentSpanId),
        );
        traceId = served?.traceId ?? "";
        return (
          !!served &&
          spans.some(
            (s) =>
              (s.traceId === traceId && s.service === "directory" && typeof s.attributes["db.system.name"] === "string") ||
              (s.traceId === traceId && s.service === "directory" && s.attributes["db.system"] === "postgresql"),
          )
        );
      },
      30_000,
      account,
    );
    const trace = spans.filter((s) => s.traceId === traceId);
    expect(new Set(trace.map((s) => s.service))).toEqual(new Set(["gateway", "directory"]));
    // SQL as statements with placeholders, never values.
    const sql = trace.filter(
      (s) => s.service === "directory" && (s.attributes["db.system"] === "postgresql" || s.attributes["db.system.name"] === "postgresql"),
    );
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.some((s) => /^select /.test(String(s.attributes["db.statement"] ?? s.attributes["db.query.text"])))).toBe(true);
    // The subgraph's log line for the call carries the trace id and the gateway's request id.
    const servedLine = () =>
      directory.output
        .join("")
        .split("\n")
        .find((l) => l.includes(traceId) && l.includes('"request served"'));
    await until("the log line", () => !!servedLine(), 10_000, account);
    const line = servedLine()!;
    expect(JSON.parse(line)).toMatchObject({ traceId, requestId: "trace-probe-1" });
  }, 240_000);

  it("are off without OTEL_EXPORTER_OTLP_ENDPOINT: nothing reaches a receiver while requests run, and no log line has a trace id", async () => {
    // The tracing module loaded as in production, and the exporter's own per-signal variable
    // pointing at a receiver: were tracing on regardless, spans would arrive there.
    const receiver = await startCollector();
    try {
      const untraced = {
        NODE_OPTIONS: "--import=@marugoto/shared/tracing",
        OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      };
      const { gatewayUrl, directory } = await directoryAndGateway("-untraced", untraced);
      for (let i = 0; i < 5; i++) expect((await organizations(gatewayUrl, `untraced-${i}`)).status).toBe(200);
      // Must be time: were tracing on, spans would leave on the batch processor's 1 s timer, and no
      // event marks that it did not fire. Longer than that delay and an export's round trip.
      await sleep(3_000);
      expect(receiver.requests).toEqual([]);
      const lines = directory.output
        .join("")
        .split("\n")
        .filter((l) => l.includes('"untraced-'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => l.includes('"traceId"'))).toEqual([]);
    } finally {
      await receiver.close();
    }
  }, 240_000);
});

describe("metrics of a process", () => {
  it("a subgraph started with METRICS_PORT serves its own series, each labelled with its service", async () => {
    const [port, metricsPort] = await freePorts(2);
    spawn("meetings", "subgraphs/meetings/src/index.ts", port!, {
      DATABASE_URL: database.url,
      SEED: "true",
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: "127.0.0.1",
    });
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await until("meetings", () => answers(`http://127.0.0.1:${port}/health`), 120_000, account);
    const url = `http://127.0.0.1:${port}/graphql`;
    const chair = { sub: "user-chair", org: "fukushi-suishin-bu", roles: ["chair"] };
    const call = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await post(url, query, variables, signedHeaders("meetings", chair, TEST_SECRET, query, variables));
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    const scheduled = await call(
      `mutation Schedule { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "計測の会議", startsAt: "2031-05-01T05:00:00Z" }) { meeting { id } userErrors { code } } }`,
    );
    const id = scheduled.scheduleMeeting.meeting.id as string;
    const added = await call(`mutation AddItem($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`, {
      i: { meetingId: id, kind: "TOPIC", title: "議題", presenterCode: "nozei" },
    });
    expect(added.addAgendaItem.userErrors).toEqual([]);

    const samples = await scrape(metricsUrl);
    // Every sample of this process names it: one Prometheus job over all replicas and services stays apart.
    expect(samples.filter((s) => s.labels.service !== "meetings")).toEqual([]);
    expect(total(samples, "marugoto_graphql_requests_total", { service: "meetings", operation: "AddItem", type: "mutation" })).toBe(1);
    expect(total(samples, "marugoto_events_published_total", { service: "meetings", kind: "ITEM_ADDED" })).toBeGreaterThan(0);
    expect(names(samples)).toContain("marugoto_outbox_lag_events");
    expect(samples.find((s) => s.name === "marugoto_outbox_lag_events")!.labels).toEqual({ service: "meetings" });
    expect(total(samples, "marugoto_db_pool_connections", { service: "meetings" })).toBeGreaterThan(0);
    // Its GraphQL port does not serve them.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
  }, 240_000);
});
