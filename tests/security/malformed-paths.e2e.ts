import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePorts } from "@marugoto/shared/dev";
import { answers, spawnService, until, type SpawnedService } from "../helpers/processes.js";

/**
 * A development gateway as its own process (as `npm start` runs it), no subgraph behind it: paths
 * whose percent-encoding cannot be read are refused where the gateway decodes a path, and no path
 * takes the process down. decodeURIComponent threw on `GET /graphiql-assets/%` inside a request's
 * handling; nothing caught the rejection, and the process exited for everyone.
 */
const MALFORMED = ["%", "%zz", "%%41", "%u0041", "%E3%81", "%C0%AF", "a%", "%E3%81.js", "x%ZZ.css"];

let gateway: SpawnedService;
let dataDir: string;

/** GET of `pathname` exactly as written (no client normalises it): status and body. */
function get(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: gateway.port, path: pathname }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", (error) => reject(new Error(`GET ${pathname}: ${error.message}\n${gateway.output.join("")}`)));
  });
}

/** The process is still there and answers its health check. */
async function stillUp(after: string): Promise<void> {
  expect(gateway.child.exitCode, `${after}\n${gateway.output.join("")}`).toBeNull();
  expect((await get("/healthcheck")).status, after).toBe(200);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "malformed-paths-"));
  const [port, nowhere] = await freePorts(2);
  const subgraph = `http://127.0.0.1:${nowhere}/graphql`;
  gateway = spawnService("gateway", "gateway/src/index.ts", port!, {
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    // Nothing listens there: these requests never reach a subgraph, and no answers are kept.
    DIRECTORY_URL: subgraph,
    MEETINGS_URL: subgraph,
    CASES_URL: subgraph,
    HUBS_URL: subgraph,
    KEEP_ANSWERS: "none",
  });
  await until(
    "the gateway to answer /healthcheck",
    () => {
      if (gateway.child.exitCode !== null) throw new Error(`gateway exited:\n${gateway.output.join("")}`);
      return answers(`http://127.0.0.1:${port}/healthcheck`);
    },
    120_000,
    () => gateway.output.join(""),
  );
});

afterAll(async () => {
  if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
    const exited = once(gateway.child, "exit");
    gateway.child.kill("SIGKILL");
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("malformed request paths (development gateway)", () => {
  it("GraphiQL's files: a path whose percent-encoding cannot be read is refused with 400, and the gateway still answers", async () => {
    for (const malformed of MALFORMED) {
      const pathname = `/graphiql-assets/${malformed}`;
      const answer = await get(pathname);
      expect(answer.status, pathname).toBe(400);
      expect(JSON.parse(answer.body), pathname).toEqual({
        error: { code: "BAD_REQUEST_PATH", message: "URL のパスのエンコードが正しくありません。" },
      });
      await stillUp(pathname);
    }
    // Well-formed paths are served as before, an encoded one decoded.
    expect((await get("/graphiql-assets/graphiql.css")).status).toBe(200);
    expect((await get("/graphiql-assets/graphiql%2Ecss")).status).toBe(200);
  });

  it("every other route answers a malformed path without an error of its own, and the gateway still answers", async () => {
    const prefixes = ["/", "/board/", "/files/", "/calendars/", "/graphql/", "/dev/token?org=", "/healthcheck?x=", "/readiness/"];
    for (const prefix of prefixes)
      for (const malformed of MALFORMED) {
        const pathname = `${prefix}${malformed}`;
        const answer = await get(pathname);
        expect(answer.status, `${pathname}: ${answer.body}`).toBeLessThan(500);
        await stillUp(pathname);
      }
  });
});
