import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRESH_READ_HEADER, SharedResponseCache } from "@marugoto/shared";
import { post, signedConnectionParams, signedHeaders, wsClient } from "../../../tests/helpers/client.js";
import { TEST_SECRET } from "../../../tests/helpers/stack.js";
import { startSubgraph, type TestSubgraph } from "../../../tests/helpers/subgraph.js";
import { directorySubgraph } from "./subgraph.js";

/**
 * The directory keeps its answers, per caller scope (person, organisation, roles): a change
 * committed to its tables is seen by the next query, whoever changed it (triggers NOTIFY every
 * process), the caller's own answers (`me`) never reach another caller, and the signature is still
 * required for every call.
 */
let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startSubgraph(directorySubgraph);
});
afterAll(() => subgraph?.close());

const NAME = `query Name { organization(code: "nozei") { name } }`;
const nameAs = async (org: string) => (await subgraph.query<{ organization: { name: string } }>(NAME, {}, org)).data?.organization.name;

/** Waits for the change notice to arrive (it is asynchronous: delivered after commit). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the change was not seen");
}

describe("kept directory answers", () => {
  it("never give one caller's `me` to another, whatever the order", async () => {
    const ME = `query Me { me { subject organizationCode roles } }`;
    const as = async (org: string, roles: string[], sub: string) =>
      (await subgraph.query<{ me: unknown }>(ME, {}, org, roles, sub)).data?.me;
    for (let round = 0; round < 2; round++) {
      expect(await as("nozei", ["staff"], "liaison-a")).toEqual({ subject: "liaison-a", organizationCode: "nozei", roles: ["staff"] });
      expect(await as("nozei", ["staff"], "liaison-b")).toEqual({ subject: "liaison-b", organizationCode: "nozei", roles: ["staff"] });
      expect(await as("kokuho", ["staff"], "liaison-a")).toEqual({ subject: "liaison-a", organizationCode: "kokuho", roles: ["staff"] });
      expect(await as("nozei", ["chair", "staff"], "liaison-a")).toEqual({
        subject: "liaison-a",
        organizationCode: "nozei",
        roles: ["chair", "staff"],
      });
    }
  });

  it("never give one caller's `me` to another when callers of different rights race", async () => {
    const ME = `query Me { me { subject organizationCode roles } }`;
    const callers: [string, string[], string][] = [
      ["nozei", ["staff"], "race-a"],
      ["nozei", ["staff"], "race-b"],
      ["kokuho", ["staff"], "race-a"],
      ["seikatsu-fukushi", ["chair", "auditor"], "race-c"],
    ];
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        callers
          .flatMap((c) => [c, c, c])
          .map(async ([org, roles, sub]) => ({
            want: { subject: sub, organizationCode: org, roles },
            got: (await subgraph.query<{ me: unknown }>(ME, {}, org, roles, sub)).data?.me,
          })),
      );
      for (const { want, got } of answers) expect(got).toEqual(want);
    }
  });

  it("are kept and follow every committed change", async () => {
    const before = await nameAs("seikatsu-fukushi");
    expect(before).toBeTruthy();
    expect(await nameAs("kokuho")).toBe(before);
    const em = subgraph.running.em.fork();
    try {
      await em.execute(`update directory.organization set name = name || '（改称）' where code = 'nozei'`);
      await eventually(async () => (await nameAs("kokuho")) === `${before}（改称）`);
      expect(await nameAs("seikatsu-fukushi")).toBe(`${before}（改称）`);
    } finally {
      await em.execute(`update directory.organization set name = '${before}' where code = 'nozei'`);
    }
    await eventually(async () => (await nameAs("kokuho")) === before);
  });

  it("answer a fresh read (FRESH_READ_HEADER, the gateway's calls) from the database, never from what this process kept", async () => {
    // A replica that has not heard of a change yet: its kept answer is stale. Emulated by a change made
    // with the tables' triggers off (no notice at all), so this process keeps its answer.
    const identity = { sub: "fresh-reader", org: "kokuho", roles: ["staff"] };
    const ask = async (fresh: boolean) => {
      const headers = { ...signedHeaders("directory", identity, TEST_SECRET, NAME), ...(fresh ? { [FRESH_READ_HEADER]: "1" } : {}) };
      return (await post(subgraph.running.url, NAME, {}, headers)).data?.organization.name as string;
    };
    const before = await ask(false);
    expect(await ask(false)).toBe(before);
    const unnoticed = async (name: string) =>
      subgraph.running.em.fork().transactional(async (tx) => {
        await tx.execute(`set local session_replication_role = replica`);
        await tx.execute(`update directory.organization set name = ? where code = 'nozei'`, [name]);
      });
    await unnoticed(`${before}（未通知）`);
    try {
      expect(await ask(false)).toBe(before); // what this process kept: it heard of no change
      expect(await ask(true)).toBe(`${before}（未通知）`);
    } finally {
      await unnoticed(before);
      // Forget what was kept meanwhile (any change notice does), so the next test starts clean.
      await subgraph.running.em.fork().execute(`notify directory_changed`);
      await eventually(async () => (await ask(false)) === before);
    }
  });

  it("still refuse a call without a valid signature", async () => {
    await nameAs("seikatsu-fukushi"); // answered (and kept) for a signed call
    const res = await post(subgraph.running.url, NAME);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
  });

  it("tell a watcher their state now and at every change (referenceDataChanged), for copies kept elsewhere", async () => {
    const states: { watched: boolean; generation: number }[] = [];
    const client = wsClient(subgraph.running.url.replace(/^http/, "ws"), undefined, {
      connectionParams: signedConnectionParams("directory", { sub: "watcher", org: "nozei", roles: [] }, TEST_SECRET),
    });
    const stop = client.subscribe<{ referenceDataChanged: { watched: boolean; generation: number } }>(
      { query: `subscription { referenceDataChanged { watched generation } }` },
      { next: (r) => void states.push(r.data!.referenceDataChanged), error: () => undefined, complete: () => undefined },
    );
    const em = subgraph.running.em.fork();
    try {
      await eventually(async () => states.length === 1);
      expect(states[0]!.watched).toBe(true);
      await em.execute(`update directory.organization set name = name where code = 'nozei'`);
      await eventually(async () => states.length === 2);
      expect(states[1]).toEqual({ watched: true, generation: states[0]!.generation + 1 });
    } finally {
      stop();
      await client.dispose();
    }
  });

  it("take any number of watchers (every gateway, and clients) without a listener warning, and end every watch at close", async () => {
    const cache = new SharedResponseCache("directory", subgraph.database.url);
    await cache.start();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const watches = Array.from({ length: 25 }, () => cache.watch());
      for (const w of watches) expect((await w.next()).value).toMatchObject({ watched: true });
      const ends = watches.map((w) => w.next());
      await cache.close();
      expect((await Promise.all(ends)).every((r) => r.done)).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      await cache.close();
    }
  });
});
