import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";
import { freePort } from "@marugoto/shared/dev";
import { loadOrCreateDevKeys, mintDevToken } from "../../gateway/src/dev-keys.js";
import { bearer } from "../helpers/client.js";
import { freshDatabase, type TestDatabase } from "../helpers/database.js";
import { TEST_SECRET } from "../helpers/stack.js";
import { sleep } from "../helpers/subscriptions.js";

/**
 * Traces (packages/shared/tracing.mjs): with OTEL_EXPORTER_OTLP_ENDPOINT set, a gateway and a
 * subgraph process export spans by OTLP; one trace runs from the gateway's request through the
 * subgraph's into its SQL; the subgraph's log lines carry that trace id. Without it, nothing is sent.
 */
interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

const spans: Span[] = [];
let collector: http.Server;
let collectorUrl: string;
let database: TestDatabase;
let dataDir: string;
const children: { child: ChildProcess; output: string[] }[] = [];

function spawnService(name: string, entry: string, port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: String(port),
      IDENTITY_SECRET: TEST_SECRET,
      SERVICE_NAME: name,
      MARUGOTO_PARENT_PID: String(process.pid),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const entryOut = { child, output: [] as string[] };
  child.stdout!.on("data", (d) => entryOut.output.push(String(d)));
  child.stderr!.on("data", (d) => entryOut.output.push(String(d)));
  children.push(entryOut);
  return entryOut;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(
    `timed out waiting for ${what}: ${JSON.stringify(spans.map((s) => [s.service, s.name, s.traceId.slice(0, 6), s.parentSpanId?.slice(0, 6), s.spanId.slice(0, 6), Object.keys(s.attributes).join(" ")]))}\n${children.map((c) => c.output.join("")).join("\n")}`,
  );
}

const attributesOf = (list: { key: string; value: Record<string, unknown> }[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0]]));

beforeAll(async () => {
  // An OTLP/HTTP (JSON) receiver standing in for a collector.
  collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/v1/traces") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        for (const rs of body.resourceSpans ?? []) {
          const service = String(attributesOf(rs.resource?.attributes)["service.name"]);
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({
                service,
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId || undefined,
                name: s.name,
                attributes: attributesOf(s.attributes),
              });
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", () => resolve()));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  database = await freshDatabase("tracing");
  dataDir = await mkdtemp(path.join(os.tmpdir(), "marugoto-tracing-"));
  await loadOrCreateDevKeys(dataDir);
}, 60_000);

afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
  await new Promise<void>((resolve) => collector?.close(() => resolve()));
  await sleep(300);
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("traces", () => {
  it("run from the gateway through a subgraph into SQL, exported by OTLP, with the trace id in the logs", async () => {
    const tracing = { NODE_OPTIONS: "--import=@marugoto/shared/tracing", OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl };
    const directoryPort = await freePort();
    const directory = spawnService("directory", "subgraphs/directory/src/index.ts", directoryPort, {
      ...tracing,
      DATABASE_URL: database.url,
      SEED: "true",
    });
    await until("directory", () =>
      fetch(`http://127.0.0.1:${directoryPort}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    );
    const gatewayPort = await freePort();
    const unused = "http://127.0.0.1:9/graphql";
    spawnService("gateway", "gateway/src/index.ts", gatewayPort, {
      ...tracing,
      DIRECTORY_URL: `http://127.0.0.1:${directoryPort}/graphql`,
      MEETINGS_URL: unused,
      CASES_URL: unused,
      HUBS_URL: unused,
      DATA_DIR: dataDir,
    });
    await until("gateway", () =>
      fetch(`http://127.0.0.1:${gatewayPort}/healthcheck`).then(
        (r) => r.ok,
        () => false,
      ),
    );

    const token = await mintDevToken(await loadOrCreateDevKeys(dataDir), { sub: "t", org: "nozei", roles: ["staff"] });
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-probe-1", ...bearer(token) },
      body: JSON.stringify({ query: "query Orgs { organizations { code } }" }),
    });
    expect(res.status).toBe(200);

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
    await until("the log line", () => directory.output.join("").includes(traceId), 10_000);
    const line = directory.output
      .join("")
      .split("\n")
      .find((l) => l.includes(traceId))!;
    expect(JSON.parse(line)).toMatchObject({ traceId, requestId: "trace-probe-1" });
  }, 240_000);
});
