import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import type { RunningGateway } from "../../gateway/src/server.js";
import { FRESH_READ_HEADER, metrics } from "@marugoto/shared/core";
import { ANSWERS_WATCHER } from "@marugoto/shared/core";
import { bearer, post, signedConnectionParams, wsClient } from "../helpers/client.js";
import { until } from "../helpers/processes.js";
import { collect } from "../helpers/subscriptions.js";
import { anotherGateway, startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";
import { tokyoDayStartDaysBefore } from "../../web/src/dates.js";
import { BoardMyOrganizationDocument } from "../../web/src/gql/graphql.js";

/**
 * Answers kept at the gateway (gateway/src/kept-answers.ts). The gateways under test reach the
 * directory and the meetings subgraph through relays that count the queries they forward, so a kept
 * answer shows as a query that never reached its subgraph. `gateway` keeps the directory's answers
 * only (the meetings subgraph is then the one asked every time); `both` keeps the meetings
 * subgraph's too, as a gateway does by default.
 */
let stack: Stack;
let gateway: RunningGateway;
let both: RunningGateway;
const relays: http.Server[] = [];
/** Queries forwarded, by subgraph. */
const forwarded = { directory: 0, meetings: 0 };
/** A relay told to fail answers every query with 502, as a subgraph that is down would. */
const failing = { directory: false, meetings: false };
/** A relay told to mark batches says of every answer in them that no one may keep it (as case contents are). */
const unkeptBatches = { directory: false, meetings: false };
/** Queries that reached the directory without asking for a fresh read (FRESH_READ_HEADER). */
let unfreshDirectoryCalls = 0;
/** While a subgraph's change notices to the gateways are held, they wait here. */
const held: Record<keyof typeof forwarded, (() => void)[] | null> = { directory: null, meetings: null };

/** Holds a subgraph's change notices to the gateways (the frames of their watch sockets) until the returned release is called. */
function hold(subgraph: keyof typeof forwarded): () => void {
  held[subgraph] = [];
  return () => {
    const waiting = held[subgraph] ?? [];
    held[subgraph] = null;
    for (const send of waiting) send();
  };
}

/** Forwards HTTP calls (counted) and graphql-ws upgrades (piped) to a subgraph. */
function startRelay(target: URL, subgraph: keyof typeof forwarded): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && failing[subgraph]) return void res.writeHead(502).end();
      // A batch (a subscription event's calls for several people) carries each call's own headers.
      const calls: { headers: Record<string, string | string[] | undefined> }[] = req.url?.endsWith("/batch")
        ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { calls: { headers: Record<string, string> }[] }).calls
        : [{ headers: req.headers }];
      if (req.method === "POST") forwarded[subgraph] += calls.length;
      if (req.method === "POST" && subgraph === "directory")
        unfreshDirectoryCalls += calls.filter((c) => c.headers[FRESH_READ_HEADER] !== "1").length;
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          if (!(unkeptBatches[subgraph] && req.url?.endsWith("/batch"))) {
            res.writeHead(up.statusCode ?? 502, up.headers);
            return void up.pipe(res);
          }
          const answer: Buffer[] = [];
          up.on("data", (c: Buffer) => answer.push(c));
          up.on("end", () => {
            const reply = JSON.parse(Buffer.concat(answer).toString("utf8")) as { results: { notKept?: boolean }[] };
            for (const result of reply.results) result.notKept = true;
            res.writeHead(up.statusCode ?? 502, { "content-type": "application/json" }).end(JSON.stringify(reply));
          });
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  server.on("upgrade", (req, socket, head) => {
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream);
      // A gateway's watch of changes is the socket whose frames carry its state (`…DataChanged`);
      // only its frames are held, in order, while every other socket (live events) flows.
      let watch = false;
      upstream.on("data", (chunk: Buffer) => {
        watch ||= chunk.includes("DataChanged");
        const send = () => void (socket.writable && socket.write(chunk));
        const waiting = held[subgraph];
        if (waiting && watch) waiting.push(send);
        else send();
      });
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
    upstream.once("close", () => socket.destroy());
    socket.once("close", () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  stack = await startStack();
  const subgraphUrls: Record<string, string> = {};
  for (const subgraph of ["directory", "meetings"] as const) {
    const target = new URL(stack.subgraphs[subgraph]!.url);
    const relay = await startRelay(target, subgraph);
    relays.push(relay);
    subgraphUrls[subgraph] = `http://127.0.0.1:${(relay.address() as net.AddressInfo).port}${target.pathname}`;
  }
  gateway = await anotherGateway(stack, { subgraphUrls, keptAnswers: ["directory"] });
  both = await anotherGateway(stack, { subgraphUrls });
  await until("the gateway to watch the directory", () => gateway.keptAnswers().watched, 10_000);
  await until("the other gateway to watch both subgraphs", () => both.keptAnswers().watched, 10_000);
});

afterAll(async () => {
  await gateway?.close();
  await both?.close();
  for (const relay of relays) {
    relay.closeAllConnections();
    await new Promise((resolve) => relay.close(resolve));
  }
  await stack?.close();
});

const ask = async (query: string, token: string) => ({ res: await post(gateway.url, query, {}, bearer(token)) });

/** Adds a topic presented by 広報課 to a meeting, through `via`. */
const addTopic = (via: RunningGateway, meetingId: string, title: string, token: string) =>
  post(
    via.url,
    `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
    { i: { meetingId, kind: "TOPIC", title, presenterCode: "koho" } },
    bearer(token),
  );

/** How many queries reached the directory (`reached`) and the meetings subgraph while `run` ran. */
async function reaching<T>(run: () => Promise<T>): Promise<{ value: T; reached: number; meetings: number }> {
  const before = { ...forwarded };
  const value = await run();
  return { value, reached: forwarded.directory - before.directory, meetings: forwarded.meetings - before.meetings };
}

/** How many answers the gateways gave from what they keep, by kind (and calls to the meetings subgraph), while `run` ran (the metrics). */
async function keptWhile(run: () => Promise<unknown>): Promise<{ answer: number; fetch: number; meetingsFetch: number }> {
  const count = async () => {
    const values = (await metrics.keptAnswers.get()).values;
    const of = (kind: string, subgraph?: string) =>
      values.filter((v) => v.labels.kind === kind && (!subgraph || v.labels.subgraph === subgraph)).reduce((sum, v) => sum + v.value, 0);
    return { answer: of("answer"), fetch: of("fetch"), meetingsFetch: of("fetch", "meetings") };
  };
  const before = await count();
  await run();
  const after = await count();
  return {
    answer: after.answer - before.answer,
    fetch: after.fetch - before.fetch,
    meetingsFetch: after.meetingsFetch - before.meetingsFetch,
  };
}

type PresenterEvent = { agendaChanged: { agenda: { title: string; presenter: { code: string; name: string } }[] } };

/**
 * A 福祉まるごと会議 scheduled through `gateway` by a chair (`who`-chair), and 納税課's live agenda of
 * it (`who`-member) from its scheduling on; `add` adds a topic presented by 広報課.
 */
async function liveAgenda(title: string, startsAt: string, who: string) {
  const chair = await stack.token("fukushi-suishin-bu", ["chair"], `${who}-chair`);
  const scheduled = await post(
    gateway.url,
    `mutation ($t: String!, $s: DateTimeISO!) { scheduleMeeting(input: { bodyCode: "marugoto-council", title: $t, startsAt: $s }) { meeting { id eventCursor } } }`,
    { t: title, s: startsAt },
    bearer(chair),
  );
  const { id, eventCursor } = scheduled.data!.scheduleMeeting.meeting as { id: string; eventCursor: string };
  const live = collect<PresenterEvent>(
    gateway.wsUrl,
    await stack.token("nozei", ["staff"], `${who}-member`),
    `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { agenda { title presenter { code name } } } }`,
    { id, after: eventCursor },
  );
  return { add: (topic: string) => addTopic(gateway, id, topic, chair), live };
}

/** A first topic added and its event heard; then two more: their events, and how many calls reached the directory for them. */
async function twoMoreTopics(add: (topic: string) => Promise<unknown>, live: ReturnType<typeof collect<PresenterEvent>>) {
  await add("議題一");
  await live.waitFor(1);
  return reaching(async () => {
    await add("議題二");
    await add("議題三");
    return live.waitFor(3);
  });
}

const ORGS = `{ me { subject roles organization { code name } } organizations(kinds: [CITY_SECTION]) { code name } }`;

describe("directory answers kept at the gateway", () => {
  it("answers a repeated directory query without the directory, and never with another caller's answer", async () => {
    const nozei = await stack.token("nozei", ["staff"], "clerk-a");
    const first = await reaching(() => ask(ORGS, nozei));
    expect(first.reached).toBe(1);
    expect(first.value.res.data!.me).toMatchObject({ subject: "clerk-a", organization: { code: "nozei" } });
    const again = await reaching(() => ask(ORGS, nozei));
    expect(again.reached).toBe(0);
    expect(again.value.res).toMatchObject({ status: 200, data: first.value.res.data });

    // Another person, another organisation, other roles: each computed for itself.
    const others = [
      await stack.token("nozei", ["staff"], "clerk-b"),
      await stack.token("koho", ["staff"], "clerk-a"),
      await stack.token("nozei", ["staff", "chair"], "clerk-a"),
    ];
    for (const token of others) {
      const answer = await reaching(() => ask(ORGS, token));
      expect(answer.reached).toBe(1);
    }
    const b = await ask(ORGS, others[0]!);
    expect(b.res.data!.me.subject).toBe("clerk-b");
    const koho = await ask(ORGS, others[1]!);
    expect(koho.res.data!.me.organization.code).toBe("koho");
    const chair = await ask(ORGS, others[2]!);
    expect(chair.res.data!.me.roles).toEqual(["staff", "chair"]);
  });

  it("never gives one caller's kept answer to another when callers of different rights race", async () => {
    const callers: [string, string[], string][] = [
      ["nozei", ["staff"], "race-a"],
      ["nozei", ["staff"], "race-b"],
      ["koho", ["staff"], "race-a"],
      ["seikatsu-fukushi", ["chair", "auditor"], "race-c"],
    ];
    const tokens = await Promise.all(callers.map(([org, roles, sub]) => stack.token(org, roles, sub)));
    // A directory-only query (kept whole) and a mixed one (its directory call kept, the meetings subgraph asked).
    const MIXED = `{ me { subject roles organization { code meetingBodies { code } } } }`;
    for (const query of [ORGS, MIXED]) {
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(
          [...tokens.entries(), ...tokens.entries(), ...tokens.entries()].map(async ([i, token]) => ({
            want: { subject: callers[i]![2], roles: callers[i]![1], organization: { code: callers[i]![0] } },
            got: (await ask(query, token)).res.data?.me,
          })),
        );
        for (const { want, got } of answers) expect(got).toMatchObject(want);
      }
    }
  });

  it("keeps the directory's part of a mixed query and calls the other subgraph every time; keeps no refusal", async () => {
    const token = await stack.token("nozei");
    const mixed = `{ organization(code: "nozei") { name meetingBodies { code } } }`;
    const twice = await reaching(async () => [await ask(mixed, token), await ask(mixed, token)]);
    expect(twice.value.map((a) => a.res.data!.organization.meetingBodies)).toEqual([
      [{ code: "marugoto-council" }],
      [{ code: "marugoto-council" }],
    ]);
    expect(twice.reached).toBe(1);
    expect(twice.meetings).toBe(2);
    // The kept call is read anew for each use: the other subgraph's fields merged into the first
    // answer's objects never reach the next query that makes the same call.
    const other = `{ organization(code: "nozei") { name meetingBodies { name } } }`;
    const second = await reaching(() => ask(other, token));
    expect(second.reached).toBe(0);
    expect(second.value.res.data).toEqual({ organization: { name: "納税課", meetingBodies: [{ name: "福祉まるごと会議" }] } });
    expect((await ask(mixed, token)).res.data).toEqual({ organization: { name: "納税課", meetingBodies: [{ code: "marugoto-council" }] } });
    // With the meetings subgraph failing, the kept directory part carries nothing it answered before
    // (\`meetingBodies\` is not nullable: its error nulls the organisation, where the earlier bodies would show).
    failing.meetings = true;
    try {
      const down = await reaching(() => ask(mixed, token));
      expect(down.reached).toBe(0);
      expect(down.value.res.data).toEqual({ organization: null });
      expect(down.value.res.errors?.length).toBeGreaterThan(0);
    } finally {
      failing.meetings = false;
    }
    const wrong = `{ organizations(kinds: [CITY_SECTION]) { code nosuchfield } }`;
    expect((await ask(wrong, token)).res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    // A refusal (an unknown code: NOT_FOUND) is asked again each time: the organisation may exist by then.
    const missing = `{ organization(code: "no-such-section") { name } }`;
    const refused = await reaching(async () => [await ask(missing, token), await ask(missing, token)]);
    expect(refused.value.map((a) => a.res.errors?.[0]?.extensions?.code)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(refused.reached).toBe(2);
  });

  const BOARD = `{ meetings(first: 10) { nodes { title agenda { title presenter { code name } } } } }`;
  type Presenter = { code: string; name: string } | null;
  /** The presenters of a board answer's agenda items. */
  const presenters = (res: { data?: Record<string, unknown> }): { code: string; name: string }[] =>
    (res.data!.meetings as { nodes: { agenda: { presenter: Presenter }[] }[] }).nodes.flatMap((m) =>
      m.agenda.flatMap((i) => (i.presenter ? [i.presenter] : [])),
    );

  it("keeps the directory's entity calls within a query by the caller's scope, and counts them as kept, not as calls", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "board-a");
    const first = await reaching(() => ask(BOARD, chair));
    expect(presenters(first.value.res).length).toBeGreaterThan(0);
    expect(first.reached).toBeGreaterThan(0);
    expect(first.meetings).toBe(1);
    let again: Awaited<ReturnType<typeof reaching<{ res: Awaited<ReturnType<typeof post>> }>>> | undefined;
    const kept = await keptWhile(async () => (again = await reaching(() => ask(BOARD, chair))));
    expect(again!.value.res.data).toEqual(first.value.res.data);
    expect(again!.reached).toBe(0);
    expect(again!.meetings).toBe(1);
    expect(kept.fetch).toBe(first.reached);
    // The same query as another person of the same organisation, or the same person with other roles: computed for itself.
    for (const token of [
      await stack.token("fukushi-suishin-bu", ["chair"], "board-b"),
      await stack.token("fukushi-suishin-bu", ["chair", "staff"], "board-a"),
    ]) {
      const other = await reaching(() => ask(BOARD, token));
      expect(other.reached).toBe(first.reached);
      expect(other.value.res.data).toEqual(first.value.res.data);
    }
  });

  it("keeps the directory's calls of a subscription's events by the subscriber's scope, and drops them at a change", async () => {
    const { add, live } = await liveAgenda("福祉まるごと会議（中継）", "2031-02-10T05:00:00Z", "live");
    try {
      // Later events ask the directory for the same presenter as the same subscriber: kept, not asked again.
      const later = await twoMoreTopics(add, live);
      expect(later.reached).toBe(0);
      expect(later.value[2]!.agendaChanged.agenda.map((i) => i.presenter.name)).toEqual(["広報課", "広報課", "広報課"]);
      const em = stack.subgraphs.directory!.em.fork();
      await em.execute(`update directory.organization set name = '広報課（中継）' where code = 'koho'`);
      try {
        await until("the gateway to drop what it kept", () => gateway.keptAnswers().size === 0, 5_000);
        await add("議題四");
        const events = await live.waitFor(4);
        expect(events[3]!.agendaChanged.agenda.every((i) => i.presenter.name === "広報課（中継）")).toBe(true);
      } finally {
        await em.execute(`update directory.organization set name = '広報課' where code = 'koho'`);
      }
    } finally {
      await live.stop();
    }
  });

  it("keeps none of a subscription's calls the directory says no one may keep, though they come in batches", async () => {
    const { add, live } = await liveAgenda("福祉まるごと会議（保持なし）", "2031-02-11T05:00:00Z", "unkept");
    unkeptBatches.directory = true;
    try {
      // The same subscriber's later events ask the directory the same again: nothing of it was kept.
      const later = await twoMoreTopics(add, live);
      expect(later.reached).toBeGreaterThanOrEqual(2);
      expect(later.value[2]!.agendaChanged.agenda.map((i) => i.presenter.name)).toEqual(["広報課", "広報課", "広報課"]);
    } finally {
      unkeptBatches.directory = false;
      await live.stop();
    }
  });

  it("gives a presenter's new name at once when the directory changes", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "board-rename");
    const before = presenters((await ask(BOARD, chair)).res);
    const { code, name } = before[0]!;
    expect((await reaching(() => ask(BOARD, chair))).reached).toBe(0);
    const em = stack.subgraphs.directory!.em.fork();
    await em.execute(`update directory.organization set name = ? where code = ?`, [`${name}（改称）`, code]);
    try {
      await until(
        "the renamed presenter",
        async () => presenters((await ask(BOARD, chair)).res).some((p) => p.code === code && p.name === `${name}（改称）`),
        5_000,
      );
    } finally {
      await em.execute(`update directory.organization set name = ? where code = ?`, [name, code]);
    }
    await until(
      "the name back",
      async () => presenters((await ask(BOARD, chair)).res).every((p) => p.code !== code || p.name === name),
      5_000,
    );
  });

  it("drops every kept answer when a directory table changes", async () => {
    const token = await stack.token("nozei", ["staff"], "renamer");
    const query = `{ organization(code: "koho") { name } }`;
    await ask(query, token);
    expect((await reaching(() => ask(query, token))).reached).toBe(0);
    const em = stack.subgraphs.directory!.em.fork();
    await em.execute(`update directory.organization set name = '広報課（改称）' where code = 'koho'`);
    try {
      await until(
        "the renamed organisation",
        async () => (await ask(query, token)).res.data?.organization?.name === "広報課（改称）",
        5_000,
      );
    } finally {
      await em.execute(`update directory.organization set name = '広報課' where code = 'koho'`);
    }
    await until("the name back", async () => (await ask(query, token)).res.data?.organization?.name === "広報課", 5_000);
  });

  it("keeps nothing while the directory's change stream is lost, and keeps again once it is back", async () => {
    const token = await stack.token("nozei", ["staff"], "outage");
    await ask(ORGS, token);
    expect((await reaching(() => ask(ORGS, token))).reached).toBe(0);
    await stack.stopSubgraph("directory");
    await until("the watch to be lost", () => !gateway.keptAnswers().watched, 5_000);
    // No kept answer stands in for a directory that is away.
    const away = await ask(ORGS, token);
    expect(away.res.data?.organizations ?? null).toBeNull();
    expect(gateway.keptAnswers().size).toBe(0);
    await stack.startSubgraph("directory");
    await until("the watch to be back", () => gateway.keptAnswers().watched, 15_000);
    expect((await reaching(() => ask(ORGS, token))).reached).toBe(1);
    expect((await reaching(() => ask(ORGS, token))).reached).toBe(0);
  });

  it("asked the directory for a fresh read in every call it made (this file's calls, all of them)", () => {
    // A directory replica that has not yet heard of a change never hands the gateway an answer it would then keep.
    expect(forwarded.directory).toBeGreaterThan(10);
    expect(unfreshDirectoryCalls).toBe(0);
  });
});

describe("meetings answers kept at the gateway", () => {
  const askBoth = async (query: string, token: string, variables: Record<string, unknown> = {}) =>
    post(both.url, query, variables, bearer(token));
  const BOARD_ALL = `{ meetings(first: 50) { nodes { id title status confidential eventCursor body { name kind } agenda { id title kind status redacted presenter { code name } } } } }`;

  it("answers a repeated board query without the meetings subgraph, by the caller's whole scope, and never with another caller's answer", async () => {
    const callers: [string, string[], string][] = [
      ["fukushi-suishin-bu", ["chair"], "mk-chair"],
      ["fukushi-suishin-bu", ["staff"], "mk-chair"],
      ["fukushi-suishin-bu", ["chair"], "mk-other"],
      ["nozei", ["staff"], "mk-member"],
      ["shakyo", ["staff"], "mk-shakyo"],
    ];
    const tokens = await Promise.all(callers.map(([org, roles, sub]) => stack.token(org, roles, sub)));
    // What each caller sees, computed by the gateway that does not keep meetings answers.
    const want = await Promise.all(tokens.map(async (t) => (await ask(BOARD_ALL, t)).res.data));
    const ids = want.map((d) => JSON.stringify((d!.meetings as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort()));
    // The callers differ in what they may see (confidential meetings are their members' only).
    expect(new Set(ids).size).toBeGreaterThan(1);
    // A board that shows a case item's contents (to a member that pledged) is never kept; any other is.
    type Board = { meetings: { nodes: { agenda: { kind: string; redacted: boolean }[] }[] } };
    const showsCase = want.map((d) => (d as Board).meetings.nodes.some((m) => m.agenda.some((i) => i.kind === "CASE" && !i.redacted)));
    expect(showsCase.filter((x) => !x).length).toBeGreaterThan(1);
    expect(showsCase.some((x) => x)).toBe(true);
    for (const [i, token] of tokens.entries()) {
      const first = await reaching(() => askBoth(BOARD_ALL, token));
      expect(first.meetings).toBe(1);
      expect(first.value.data).toEqual(want[i]);
      const again = await reaching(() => askBoth(BOARD_ALL, token));
      expect(again.meetings).toBe(showsCase[i] ? 1 : 0);
      expect(again.value.data).toEqual(want[i]);
    }
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        [...tokens.entries(), ...tokens.entries(), ...tokens.entries()].map(async ([i, token]) => ({
          i,
          got: (await askBoth(BOARD_ALL, token)).data,
        })),
      );
      for (const { i, got } of answers) expect(got).toEqual(want[i]);
    }
  });

  it("answers the board's own load again from what it keeps all day: its meeting list starts at a midnight in Tokyo, not at the moment of loading", async () => {
    // The board's variables at two moments of one day in Tokyo are one question; on the next day, another.
    const morning = Date.parse("2026-12-01T00:30:00+09:00");
    const from = tokyoDayStartDaysBefore(180, morning);
    expect(from).toBe("2026-06-03T15:00:00.000Z");
    expect(tokyoDayStartDaysBefore(180, morning + 23 * 3_600_000)).toBe(from);
    expect(tokyoDayStartDaysBefore(180, morning + 24 * 3_600_000)).toBe("2026-06-04T15:00:00.000Z");
    // The board's own operation, as it loads it: a reload is answered without either subgraph.
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "mk-board-load");
    const board = print(BoardMyOrganizationDocument);
    // Read once: two reads either side of a midnight in Tokyo would be two questions.
    const variables = { from: tokyoDayStartDaysBefore(180) };
    await untilKept(board, chair, variables);
    const reload = await reaching(() => askBoth(board, chair, variables));
    expect({ meetings: reload.meetings, directory: reload.reached }).toEqual({ meetings: 0, directory: 0 });
    expect(reload.value.data!.me.organization).toMatchObject({ code: "fukushi-suishin-bu" });
  });

  /** A meeting of the council scheduled through `both`, and a query of it by id. */
  async function councilMeeting(chair: string, title: string): Promise<string> {
    const scheduled = await askBoth(
      `mutation ($t: String!) { scheduleMeeting(input: { bodyCode: "marugoto-council", title: $t, startsAt: "2031-03-10T05:00:00Z" }) { meeting { id } userErrors { code } } }`,
      chair,
      { t: title },
    );
    return (scheduled.data!.scheduleMeeting.meeting as { id: string }).id;
  }
  const MEETING = `query ($id: ID!) { meeting(id: $id) { title agenda { title presenter { name } } } }`;

  /**
   * Resolves once a repeated query is answered without the meetings subgraph. The notice of a write
   * (the test's own `scheduleMeeting`) comes round through the database a little later and drops
   * what was kept meanwhile: on a busy machine, after the first read.
   */
  const untilKept = (query: string, token: string, variables: Record<string, unknown>) =>
    until(
      "the answer to be kept",
      async () => {
        await askBoth(query, token, variables);
        return (await reaching(() => askBoth(query, token, variables))).meetings === 0;
      },
      5_000,
    );

  it("gives the writer's next read the change at once, before the change notice comes round through the database", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "mk-writer");
    const member = await stack.token("nozei", ["staff"], "mk-reader");
    const id = await councilMeeting(chair, "福祉まるごと会議（書いて読む）");
    for (const token of [chair, member]) {
      await untilKept(MEETING, token, { id });
    }
    // The meetings subgraph's frames to the gateways wait: no change notice can arrive.
    const release = hold("meetings");
    try {
      const add = await addTopic(both, id, "書いた議題", chair);
      expect(add.data!.addAgendaItem.userErrors).toEqual([]);
      for (const token of [chair, member]) {
        const read = await reaching(() => askBoth(MEETING, token, { id }));
        expect(read.meetings).toBe(1);
        expect(read.value.data!.meeting.agenda.map((i: { title: string }) => i.title)).toContain("書いた議題");
      }
    } finally {
      release();
    }
  });

  it("drops the kept meetings answers when a meetings table changes by any path", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "mk-sql");
    const id = await councilMeeting(chair, "福祉まるごと会議（変更前）");
    await untilKept(MEETING, chair, { id });
    const em = stack.subgraphs.meetings!.em.fork();
    await em.execute(`update meetings.meeting set title = '福祉まるごと会議（変更後）' where id = ?`, [id]);
    await until(
      "the changed title",
      async () => (await askBoth(MEETING, chair, { id })).data?.meeting?.title === "福祉まるごと会議（変更後）",
      5_000,
    );
    await untilKept(MEETING, chair, { id });
  });

  it("asks the meetings subgraph anew for every live event's calls to it: the event may come before the notice of its change", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "mk-live-chair");
    const id = await councilMeeting(chair, "福祉まるごと会議（中継・会議体）");
    const { eventCursor } = (await askBoth(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, chair, { id })).data!.meeting as {
      eventCursor: string;
    };
    type Event = { agendaChanged: { agenda: { title: string; presenter: { parent: { meetingBodies: { code: string }[] } | null } }[] } };
    // The presenter's parent (the directory's) and its meeting bodies (the meetings subgraph's, a call back to it per event).
    const live = collect<Event>(
      both.wsUrl,
      await stack.token("nozei", ["staff"], "mk-live-member"),
      `subscription ($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { agenda { title presenter { parent { meetingBodies { code } } } } } }`,
      { id, after: eventCursor },
    );
    // Written through the other gateway: nothing of `both` is dropped by the write, and its notices are held.
    const add = (title: string) => addTopic(gateway, id, title, chair);
    const release = hold("meetings");
    try {
      await add("中継一");
      await live.waitFor(1);
      let calls = 0;
      const kept = await keptWhile(async () => {
        ({ meetings: calls } = await reaching(async () => {
          await add("中継二");
          await add("中継三");
          await live.waitFor(3);
        }));
      });
      // Two writes, and one call back to the meetings subgraph per event: none answered from what was kept.
      expect(kept.meetingsFetch).toBe(0);
      expect(calls).toBeGreaterThanOrEqual(4);
      const last = live.events[2]!.agendaChanged.agenda;
      expect(last.map((i) => i.title)).toEqual(["中継一", "中継二", "中継三"]);
      expect(last.every((i) => Array.isArray(i.presenter.parent?.meetingBodies))).toBe(true);
    } finally {
      release();
      await live.stop();
    }
  });

  it("never keeps what a case meeting's pledged members see; keeps what its members see before the pledge", async () => {
    const chair = await stack.token("seikatsu-fukushi", ["chair"], "mk-case-chair");
    const scheduled = await askBoth(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議（保持）", startsAt: "2031-04-01T05:00:00Z", memberCodes: ["kaigo-hoken"] }) { meeting { id } userErrors { code } } }`,
      chair,
    );
    const id = (scheduled.data!.scheduleMeeting.meeting as { id: string }).id;
    // The minutes of a case meeting are for the members that pledged: asking for them asks whether this one did.
    const CASE_MEETING = `query ($id: ID!) { meeting(id: $id) { title minutes { status } } }`;
    await untilKept(CASE_MEETING, chair, { id });
    expect((await askBoth(CASE_MEETING, chair, { id })).data!.meeting).toEqual({ title: "支援会議（保持）", minutes: null });
    const pledged = await askBoth(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, chair, { id });
    expect(pledged.data!.pledgeConfidentiality.userErrors).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const after = await reaching(() => askBoth(CASE_MEETING, chair, { id }));
      expect(after.meetings).toBe(1);
      expect(after.value.data!.meeting.title).toBe("支援会議（保持）");
    }
    // Within a mixed query too: the call to the meetings subgraph is made every time.
    const MIXED = `query ($id: ID!) { meeting(id: $id) { title minutes { status } } organization(code: "koho") { name } }`;
    for (let i = 0; i < 2; i++) expect((await reaching(() => askBoth(MIXED, chair, { id }))).meetings).toBe(1);
  });

  it("watches the meetings subgraph's changes as the gateway only: no client reaches the stream, no other identity is given it", async () => {
    const token = await stack.token("nozei", ["staff"], "mk-snoop");
    const through = await askBoth(`subscription { meetingsDataChanged { generation } }`, token);
    expect(through.data ?? null).toBeNull();
    expect(JSON.stringify(through.errors)).toContain("meetingsDataChanged");
    const direct = async (identity: { sub: string; org: string; roles: string[] }) => {
      const client = wsClient(stack.subgraphs.meetings!.url.replace(/^http/, "ws"), undefined, {
        connectionParams: signedConnectionParams("meetings", identity, TEST_SECRET),
      });
      try {
        return await new Promise<{ data?: unknown; errors?: unknown }>((resolve, reject) => {
          client.subscribe(
            { query: `subscription { meetingsDataChanged { watched generation } }` },
            { next: resolve, error: reject, complete: () => undefined },
          );
        });
      } catch (error) {
        return { errors: error };
      } finally {
        await client.dispose();
      }
    };
    const refused = await direct({ sub: "mk-snoop", org: "nozei", roles: ["staff"] });
    expect(JSON.stringify(refused.errors)).toContain("FORBIDDEN");
    const watcher = await direct(ANSWERS_WATCHER);
    expect(watcher.data).toMatchObject({ meetingsDataChanged: { watched: true } });
  });

  it("gives up a change stream that stops answering its pings, keeps nothing of it meanwhile, and watches again once it answers", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"], "mk-silent");
    const id = await councilMeeting(chair, "福祉まるごと会議（沈黙）");
    await untilKept(MEETING, chair, { id });
    // Every frame of the meetings watch, its pongs included, is held: the socket seems alive but says nothing.
    const release = hold("meetings");
    try {
      await until("the silent watch to be given up", () => !both.keptAnswers().watching.meetings, 20_000);
      for (let i = 0; i < 2; i++) expect((await reaching(() => askBoth(MEETING, chair, { id }))).meetings).toBe(1);
    } finally {
      release();
    }
    await until("the watch to be back", () => both.keptAnswers().watching.meetings === true, 15_000);
    await untilKept(MEETING, chair, { id });
  }, 60_000);
});
