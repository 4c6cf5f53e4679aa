import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningGateway } from "../../gateway/src/server.js";
import { metrics } from "@marugoto/shared";
import { openCase } from "../helpers/cases.js";
import { bearer } from "../helpers/client.js";
import { anotherGateway, startStack, type Stack } from "../helpers/stack.js";
import { collect, untilAll, type Collected } from "../helpers/subscriptions.js";

/**
 * Personal live subscriptions run once per organisation, roles and people answered alike
 * (`gateway/src/personal-fanout.ts`), compared with the same subscriptions run once per person on a
 * second gateway: every person must get exactly what their own run gives them, and be audited for
 * what they were given, and only for that.
 */
const LEAD = "self-reliance-support-agency";
const CHAIR = "seikatsu-fukushi";
const SUB = `subscription FanOutAgenda($id: ID!) { agendaChanged(meetingId: $id) { agenda { title caseId case { id caseNumber status grounds visibleInformation } } } }`;

type Item = { title: string; caseId: string | null; case: Record<string, unknown> | null };
type Event = { agendaChanged: { agenda: Item[] } };

/** The subscription as production clients send it: its registered id only. */
const SUB_HASH = createHash("sha256").update(SUB).digest("hex");
/** As the board subscribes: from the meeting's cursor (read with the meeting), each event saying its own. */
const RESUMED = `subscription ResumedAgenda($id: ID!, $after: String) { agendaChanged(meetingId: $id, after: $after) { cursor agenda { title caseId case { id caseNumber } } } }`;
const RESUMED_HASH = createHash("sha256").update(RESUMED).digest("hex");
type ResumedEvent = { agendaChanged: { cursor: string; agenda: Item[] } };

let stack: Stack;
let oneByOne: RunningGateway;
let production: RunningGateway;
beforeAll(async () => {
  stack = await startStack();
  // Each person's own run: without batched calls, no fan-out either.
  oneByOne = await anotherGateway(stack, { batchSubscriptionCalls: false });
  // What users run: registered documents only, no introspection.
  production = await anotherGateway(stack, {
    production: true,
    security: {
      trustedDocuments: new Map([
        [SUB_HASH, SUB],
        [RESUMED_HASH, RESUMED],
      ]),
    },
  });
});
afterAll(async () => {
  await production?.close();
  await oneByOne?.close();
  await stack?.close();
});

/** One person's subscription on `gateway`: by its registered id on the production gateway, by its text on the others. */
const subscribe = (gateway: RunningGateway, token: string, meetingId: string) =>
  gateway === production
    ? collect<Event>(gateway.wsUrl, token, "", { id: meetingId }, undefined, { persistedQuery: { version: 1, sha256Hash: SUB_HASH } })
    : collect<Event>(gateway.wsUrl, token, SUB, { id: meetingId });

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

/** Who read the case (audit entries by subject), under the subscription's operation. */
async function readers(caseId: string, org: string): Promise<Record<string, string[]>> {
  const d = await gql(
    `query ($id: ID!, $org: String!) { auditLog(caseId: $id, organizationCode: $org, first: 200) { edges { node { subject ground operation } } } }`,
    { id: caseId, org },
    await stack.token(CHAIR, ["auditor"]),
  );
  const out: Record<string, string[]> = {};
  for (const { node } of d.auditLog.edges as { node: { subject: string; ground: string; operation: string } }[]) {
    if (!node.operation.includes("FanOutAgenda")) continue;
    (out[node.subject] ??= []).push(node.ground);
  }
  return out;
}

/** This process's count (both gateways run in it) of calls to the cases subgraph for the subscription. */
const casesCalls = async () =>
  (await metrics.subgraphRequests.get()).values
    .filter((v) => v.labels.subgraph === "cases" && v.labels.operation === "FanOutAgenda")
    .reduce((sum, v) => sum + v.value, 0);

/** Calls the cases subgraph answered with another person's run of the same call (`marugoto_graphql_answers_alike_total`). */
const answeredAlike = async () =>
  (await metrics.answersAlike.get()).values.filter((v) => v.labels.operation === "FanOutAgenda").reduce((sum, v) => sum + v.value, 0);

/** Fan-out runs of either kind, in this process. */
const runs = async (kind: "event" | "replay") =>
  (await metrics.fanOutRuns.get()).values.filter((v) => v.labels.kind === kind).reduce((sum, v) => sum + v.value, 0);

/** A 支援会議 with a case item, disclosed to kaigo-hoken only; kaigo-hoken and choju-shien pledged. */
async function meetingWithCase(): Promise<{ meetingId: string; caseId: string; add: (title: string) => Promise<void> }> {
  const lead = await stack.token(LEAD);
  const chair = await stack.token(CHAIR, ["chair"]);
  const meetingId = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-07-01T05:00:00Z", memberCodes: ["choju-shien", "kaigo-hoken", "${LEAD}"] }) { meeting { id } } }`,
      {},
      chair,
    )
  ).scheduleMeeting.meeting.id as string;
  const caseId = await openCase((q, v) => gql(q, v, lead), { name: "架空 四郎" });
  for (const org of ["choju-shien", "kaigo-hoken"]) {
    await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id: meetingId },
      await stack.token(org),
    );
  }
  const disclosed = await gql(
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["kaigo-hoken"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id: caseId, m: meetingId },
    lead,
  );
  expect(disclosed.discloseToMeeting.userErrors).toEqual([]);
  const add = async (title: string) => {
    const added = await gql(
      `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`,
      { i: { meetingId, kind: "CASE", title, caseId } },
      chair,
    );
    expect(added.addAgendaItem.userErrors).toEqual([]);
  };
  await add("ケース検討");
  return { meetingId, caseId, add };
}

/** The whole payload (data and errors) of the first event whose agenda holds `title`. */
function payloadWith(stream: Collected<Event>, title: string) {
  const payload = stream.payloads.find((p) => p.data?.agendaChanged.agenda.some((i) => i.title === title));
  return payload && { data: payload.data, errors: payload.errors };
}

describe("personal live subscriptions run per group of people answered alike", () => {
  it("give each person exactly what their own run gives, audited for each who is given the case, also when one person's ground changes", async () => {
    const { meetingId, caseId, add } = await meetingWithCase();
    // Same roles within each organisation (one group each); only choju-2 will break the glass.
    const people = {
      "kaigo-1": await stack.token("kaigo-hoken", ["staff"], "kaigo-1"),
      "kaigo-2": await stack.token("kaigo-hoken", ["staff"], "kaigo-2"),
      "choju-1": await stack.token("choju-shien", ["staff", "emergency"], "choju-1"),
      "choju-2": await stack.token("choju-shien", ["staff", "emergency"], "choju-2"),
      "choju-3": await stack.token("choju-shien", ["staff", "emergency"], "choju-3"),
    };
    const fanOutBefore = stack.gateway.fanOutStats();
    const productionBefore = production.fanOutStats();
    const gateways = [stack.gateway, oneByOne, production];
    const streams = Object.entries(people).flatMap(([who, token]) =>
      gateways.map((gateway) => ({ who, gateway, stream: subscribe(gateway, token, meetingId) })),
    );
    const all = streams.map((s) => s.stream);
    try {
      // A live stream shows no sign of being in place: add items until every stream has had an event.
      let last = "";
      for (let attempt = 0; attempt < 20 && !all.every((s) => s.payloads.length); attempt++) {
        last = `準備 ${attempt}`;
        await add(last);
        await untilAll(all, () => all.every((s) => s.payloads.length), 1_000).catch(() => undefined);
      }
      expect(all.every((s) => s.payloads.length)).toBe(true);
      // Every stream has had the last of those events too, so no run of theirs is still under way when the
      // counts below are read (a late one would count as the next event's).
      await untilAll(all, () => all.every((s) => payloadWith(s, last)), 10_000, `the event with ${last}`);
      // Two groups here (kaigo-hoken; choju-shien with its roles) for five people; none on the per-person gateway.
      const fanOut = stack.gateway.fanOutStats();
      expect(fanOut.groups - fanOutBefore.groups).toBe(2);
      expect(fanOut.members - fanOutBefore.members).toBe(5);
      expect(production.fanOutStats().groups - productionBefore.groups).toBe(2);
      expect(oneByOne.fanOutStats()).toEqual({ groups: 0, members: 0 });

      const compare = async (title: string, replays: number, alike?: number) => {
        const [callsBefore, replaysBefore, alikeBefore] = [await casesCalls(), await runs("replay"), await answeredAlike()];
        await add(title);
        await untilAll(all, () => all.every((s) => payloadWith(s, title)), 10_000, `the event with ${title}`);
        // One call to the cases subgraph per person and gateway: a replay asks nothing again (nor audits again).
        expect((await casesCalls()) - callsBefore).toBe(gateways.length * Object.keys(people).length);
        expect((await runs("replay")) - replaysBefore).toBe(replays);
        if (alike !== undefined) expect((await answeredAlike()) - alikeBefore).toBe(alike);
        const seen: Record<string, unknown> = {};
        for (const who of Object.keys(people)) {
          const [fanned, alone, registered] = streams.filter((s) => s.who === who).map((s) => payloadWith(s.stream, title));
          // The whole payload, errors included, as the person's own run gives it.
          expect(fanned, who).toEqual(alone);
          expect(registered, `${who} (production)`).toEqual(alone);
          seen[who] = fanned!.data!.agendaChanged.agenda.find((i) => i.title === title)!.case;
        }
        return seen;
      };

      // The cases subgraph ran each group's batched calls once (on ours and production; the per-person
      // gateway does not batch): kaigo-2 was given kaigo-1's answer, two of choju-shien the first's.
      const first = await compare("ケース検討（一）", 0, 2 * (1 + 2));
      const visible = expect.objectContaining({ id: caseId });
      expect(first).toEqual({ "kaigo-1": visible, "kaigo-2": visible, "choju-1": null, "choju-2": null, "choju-3": null });

      // choju-2 alone gains a ground of their own: their group's people are no longer answered alike.
      const glass = await gql(
        `mutation ($id: ID!) { breakGlass(caseId: $id, reason: "夜間に本人の所在確認が必要になったため") { userErrors { code } } }`,
        { id: caseId },
        people["choju-2"],
      );
      expect(glass.breakGlass.userErrors).toEqual([]);
      const second = await compare("ケース検討（二）", 2);
      expect(second).toEqual({
        "kaigo-1": visible,
        "kaigo-2": visible,
        "choju-1": null,
        "choju-2": expect.objectContaining({ id: caseId, grounds: ["BREAK_GLASS"] }),
        "choju-3": null,
      });

      // The people whose subscriptions each group runs as (the first of each to subscribe) leave: the others go on.
      const leaving = streams.filter((s) => s.gateway === stack.gateway && (s.who === "kaigo-1" || s.who === "choju-1"));
      await Promise.all(leaving.map((s) => s.stream.stop()));
      const staying = streams.filter((s) => !leaving.includes(s));
      const title = "ケース検討（三）";
      await add(title);
      await untilAll(
        staying.map((s) => s.stream),
        () => staying.every((s) => payloadWith(s.stream, title)),
        10_000,
        `the event with ${title}`,
      );
      for (const who of ["kaigo-2", "choju-2", "choju-3"]) {
        const [fanned, alone, registered] = staying.filter((s) => s.who === who).map((s) => payloadWith(s.stream, title));
        expect(fanned, who).toEqual(alone);
        expect(registered, `${who} (production)`).toEqual(alone);
        expect(fanned!.errors, who).toBeNull();
      }
      expect(stack.gateway.fanOutStats().members - fanOutBefore.members).toBe(3);
    } finally {
      await Promise.all(all.map((s) => s.stop()));
    }
    // Audited for each person given the case, never for one who was not.
    const choju = await readers(caseId, "choju-shien");
    expect(Object.keys(choju)).toEqual(["choju-2"]);
    // Once by each of the three gateways for each of the two events after the glass was broken.
    expect(choju["choju-2"]).toEqual(Array(6).fill("BREAK_GLASS"));
    const kaigo = await readers(caseId, "kaigo-hoken");
    expect(Object.keys(kaigo).sort()).toEqual(["kaigo-1", "kaigo-2"]);
    // Each delivery audited once per gateway that made it: kaigo-1, gone from one gateway before the last event, one fewer.
    expect(kaigo["kaigo-1"]!.length).toBe(kaigo["kaigo-2"]!.length - 1);
  });

  it("give each person every event of a burst of concurrent changes, in order, as their own run does", async () => {
    const { meetingId, add } = await meetingWithCase();
    const people = {
      "kaigo-1": await stack.token("kaigo-hoken", ["staff"], "kaigo-1"),
      "kaigo-2": await stack.token("kaigo-hoken", ["staff"], "kaigo-2"),
    };
    const streams = Object.entries(people).flatMap(([who, token]) =>
      [stack.gateway, oneByOne].map((gateway) => ({ who, gateway, stream: subscribe(gateway, token, meetingId) })),
    );
    const all = streams.map((s) => s.stream);
    try {
      for (let attempt = 0; attempt < 20 && !all.every((s) => s.payloads.length); attempt++) {
        await add(`準備 ${attempt}`);
        await untilAll(all, () => all.every((s) => s.payloads.length), 1_000).catch(() => undefined);
      }
      // Five writers at once: events follow each other faster than a group's run ends.
      const titles = [1, 2, 3, 4, 5].map((n) => `同時 ${n}`);
      await Promise.all(titles.map((title) => add(title)));
      await untilAll(all, () => all.every((s) => titles.every((t) => payloadWith(s, t))), 10_000, "every change");
      for (const who of Object.keys(people)) {
        const [fanned, alone] = streams.filter((s) => s.who === who).map((s) => s.stream);
        // Every event from the burst's first on (each agenda holds what came before it).
        const burst = (stream: Collected<Event>) =>
          stream.payloads.filter((p) => p.data?.agendaChanged.agenda.some((i) => titles.includes(i.title)));
        expect(fanned!.failures, who).toEqual([]);
        expect(burst(fanned!).length, who).toBeGreaterThanOrEqual(titles.length);
        expect(burst(fanned!), who).toEqual(burst(alone!));
        expect(
          burst(fanned!).every((p) => p.errors === null),
          who,
        ).toBe(true);
      }
    } finally {
      await Promise.all(all.map((s) => s.stop()));
    }
  });

  it("take a resumed subscription (as the board's) alone through its replay, then into its organisation's run: every event once, in order, as its own run gives it", async () => {
    const { meetingId, caseId, add } = await meetingWithCase();
    const chair = await stack.token(CHAIR, ["chair"]);
    const cursor = (await gql(`query ($id: ID!) { meeting(id: $id) { eventCursor } }`, { id: meetingId }, chair)).meeting.eventCursor;
    // Missed by everyone: the replay's.
    await add("見逃した議題");
    const people = {
      "kaigo-1": await stack.token("kaigo-hoken", ["staff"], "kaigo-r1"),
      "kaigo-2": await stack.token("kaigo-hoken", ["staff"], "kaigo-r2"),
      "choju-1": await stack.token("choju-shien", ["staff"], "choju-r1"),
    };
    const fanOutBefore = [stack.gateway.fanOutStats(), production.fanOutStats()];
    const convergedBefore = (await metrics.subscriptionsConverged.get()).values[0]?.value ?? 0;
    const gateways = [stack.gateway, oneByOne, production];
    const streams = Object.entries(people).flatMap(([who, token]) =>
      gateways.map((gateway) => ({
        who,
        gateway,
        stream:
          gateway === production
            ? collect<ResumedEvent>(gateway.wsUrl, token, "", { id: meetingId, after: cursor }, undefined, {
                persistedQuery: { version: 1, sha256Hash: RESUMED_HASH },
              })
            : collect<ResumedEvent>(gateway.wsUrl, token, RESUMED, { id: meetingId, after: cursor }),
      })),
    );
    const all = streams.map((s) => s.stream);
    const titlesOf = (stream: Collected<ResumedEvent>) => stream.events.map((e) => e.agendaChanged.agenda.at(-1)!.title);
    try {
      await untilAll(all, () => all.every((s) => s.events.length === 1), 10_000, "the replay");
      // Each person also in their organisation's live run (two groups), on the two gateways that run them.
      await vi.waitFor(
        () =>
          [stack.gateway, production].forEach((gateway, i) => {
            const grown = gateway.fanOutStats();
            const before = fanOutBefore[i]!;
            expect({ groups: grown.groups - before.groups, members: grown.members - before.members }).toEqual({ groups: 2, members: 3 });
          }),
        { timeout: 10_000, interval: 20 },
      );
      // Four writers at once, then one more: the streams meet during the burst, whatever its order.
      const burst = ["同時 1", "同時 2", "同時 3", "同時 4"];
      await Promise.all(burst.map((title) => add(title)));
      await add("最後");
      await untilAll(all, () => all.every((s) => s.events.length === 6), 10_000, "every change");
      // Two gateways moved each of the three onto the live run.
      expect(((await metrics.subscriptionsConverged.get()).values[0]?.value ?? 0) - convergedBefore).toBe(6);
      for (const who of Object.keys(people)) {
        const [moved, alone, registered] = streams.filter((s) => s.who === who).map((s) => s.stream);
        for (const stream of [moved!, alone!, registered!]) {
          expect(stream.failures, who).toEqual([]);
          // Every event once, in order: the missed one, the burst (in its commit order), the last.
          expect(titlesOf(stream)[0], who).toBe("見逃した議題");
          expect(titlesOf(stream).slice(1, 5).sort(), who).toEqual([...burst].sort());
          expect(titlesOf(stream)[5], who).toBe("最後");
          expect(stream.payloads.every((p) => p.errors === null)).toBe(true);
        }
        // Exactly what the person's own run gives, event by event (the same cursors, the same case or none).
        expect(moved!.events, who).toEqual(alone!.events);
        expect(registered!.events, `${who} (production)`).toEqual(alone!.events);
        const cases = moved!.events.map((e) => e.agendaChanged.agenda.find((i) => i.caseId)!.case);
        expect(
          cases.every((c) => (who === "choju-1" ? c === null : (c as { id: string } | null)?.id === caseId)),
          who,
        ).toBe(true);
      }
    } finally {
      await Promise.all(all.map((s) => s.stop()));
    }
  });

  it("leave a personal subgraph's own stream (`caseChanged`) to run per person", async () => {
    const { caseId } = await meetingWithCase();
    const fanOutBefore = stack.gateway.fanOutStats();
    const groupsBefore = stack.gateway.subscriptionStats().groups;
    const SUB_CASE = `subscription FanOutCase($id: ID!) { caseChanged(caseId: $id) { case { id } } }`;
    const streams = [
      collect(stack.gateway.wsUrl, await stack.token(LEAD, ["staff"], "lead-1"), SUB_CASE, { id: caseId }),
      collect(stack.gateway.wsUrl, await stack.token(LEAD, ["staff"], "lead-2"), SUB_CASE, { id: caseId }),
    ];
    try {
      // One merged group of its own for each person, none run together.
      await vi.waitFor(() => expect(stack.gateway.subscriptionStats().groups - groupsBefore).toBe(2), { timeout: 5_000 });
      expect(stack.gateway.fanOutStats()).toEqual(fanOutBefore);
    } finally {
      await Promise.all(streams.map((s) => s.stop()));
    }
  });
});
