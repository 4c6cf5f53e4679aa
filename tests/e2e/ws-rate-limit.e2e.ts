import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningGateway } from "../../gateway/src/server.js";
import { bearer, post, wsClient, wsExecute } from "../helpers/client.js";
import { anotherGateway, startStack, type Stack } from "../helpers/stack.js";
import { collect, type Collected } from "../helpers/subscriptions.js";

/**
 * The per-identity request allowance over graphql-ws: every subscribe message costs one request,
 * as every HTTP request does, whether it joins a stream another identity's subscription already
 * runs or a limit refuses its document.
 */
const MEETINGS = `subscription { meetingsChanged(organizationCode: "nozei") { kind meeting { id } } }`;
const DEEP = `{ organizations { ${"children { ".repeat(19)}code${" }".repeat(19)} } }`;

type MeetingsEvent = { meetingsChanged: { kind: string; meeting: { id: string } | null } };

let stack: Stack;
/** Five requests a minute per identity. */
let limited: RunningGateway;
beforeAll(async () => {
  stack = await startStack();
  limited = await anotherGateway(stack, { security: { rateLimitPerMinute: 5 } });
});
afterAll(async () => {
  await limited?.close();
  await stack?.close();
});

/** The code of each error of a stream's payloads, in order. */
const codesOf = (c: Collected<unknown>) =>
  c.payloads.flatMap((p) => (p.errors ?? []).map((e) => (e as { extensions?: { code?: string } }).extensions?.code));

const members = () => limited.subscriptionStats().members;

describe("the request allowance over graphql-ws", () => {
  it("counts a subscription that joins another identity's running stream: the sixth join in a minute is refused", async () => {
    const lead = collect<MeetingsEvent>(limited.wsUrl, await stack.token("nozei", ["staff"], "ws-allowance-lead"), MEETINGS, {});
    const joiner = wsClient(limited.wsUrl, await stack.token("nozei", ["staff"], "ws-allowance-joiner"));
    const streams: Collected<unknown>[] = [lead];
    try {
      await vi.waitFor(() => expect(members()).toBe(1), { timeout: 10_000, interval: 20 });
      const groups = limited.subscriptionStats().groups;
      // Five joins of the lead's stream, each left at once: none starts a stream of its own.
      for (let i = 0; i < 5; i++) {
        const join = collect(limited.wsUrl, undefined, MEETINGS, {}, joiner);
        streams.push(join);
        await vi.waitFor(() => expect(members()).toBe(2), { timeout: 5_000, interval: 10 });
        expect(limited.subscriptionStats().groups).toBe(groups);
        await join.stop();
        await vi.waitFor(() => expect(members()).toBe(1), { timeout: 5_000, interval: 10 });
        expect(join.errors).toEqual([]);
      }
      const sixth = collect(limited.wsUrl, undefined, MEETINGS, {}, joiner);
      streams.push(sixth);
      await sixth.until((c) => c.completed || c.failures.length > 0, 5_000);
      expect(codesOf(sixth)).toEqual(["RATE_LIMITED"]);
      expect((sixth.payloads[0]!.errors![0] as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds).toBeGreaterThan(
        0,
      );
      expect(members()).toBe(1);

      // Another identity of the same scope is still served, and so is the lead: both get the next event.
      const other = collect<MeetingsEvent>(limited.wsUrl, await stack.token("nozei", ["staff"], "ws-allowance-other"), MEETINGS, {});
      streams.push(other);
      await vi.waitFor(() => expect(members()).toBe(2), { timeout: 5_000, interval: 10 });
      const scheduled = await post(
        stack.gateway.url,
        `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-03-10T05:00:00Z" }) { meeting { id } } }`,
        {},
        bearer(await stack.token("fukushi-suishin-bu", ["chair"])),
      );
      expect(scheduled.errors).toBeUndefined();
      const [fromLead, fromOther] = await Promise.all([lead.waitFor(1), other.waitFor(1)]);
      expect(fromOther[0]).toEqual(fromLead[0]);
    } finally {
      await Promise.all(streams.map((s) => s.stop()));
      await joiner.dispose();
    }
  });

  it("counts a document the depth limit refuses: the sixth in a minute is refused as too many requests", async () => {
    const client = wsClient(limited.wsUrl, await stack.token("koho", ["staff"], "ws-deep-documents-sender"));
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 6; i++) codes.push((await wsExecute(client, DEEP)).errors?.[0]?.extensions?.code);
      expect(codes).toEqual(["QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP", "RATE_LIMITED"]);
      // Another identity is not affected.
      const other = wsClient(limited.wsUrl, await stack.token("koho", ["staff"], "ws-deep-documents-bystander"));
      try {
        const answer = await wsExecute(other, "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }");
        expect(answer.errors).toBeUndefined();
      } finally {
        await other.dispose();
      }
    } finally {
      await client.dispose();
    }
  });

  it("counts an operation that runs once, not again when its context is built", async () => {
    const client = wsClient(limited.wsUrl, await stack.token("koho", ["staff"], "ws-queries-sender"));
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 6; i++) {
        const answer = await wsExecute(client, "{ organizations(kinds: [SOCIAL_WELFARE_COUNCIL]) { code } }");
        codes.push(answer.errors?.[0]?.extensions?.code ?? "OK");
      }
      expect(codes).toEqual(["OK", "OK", "OK", "OK", "OK", "RATE_LIMITED"]);
    } finally {
      await client.dispose();
    }
  });

  it("refuses a subscription longer than the token limit with the limit's code", async () => {
    const long = `subscription { meetingsChanged(organizationCode: "nozei") { ${"kind ".repeat(3_000)} } }`;
    const stream = collect(stack.gateway.wsUrl, await stack.token("nozei", ["staff"], "ws-long-document-sender"), long, {});
    try {
      await stream.until((c) => c.completed || c.failures.length > 0, 5_000);
      expect(codesOf(stream)).toEqual(["TOO_MANY_TOKENS"]);
    } finally {
      await stream.stop();
    }
  });
});
