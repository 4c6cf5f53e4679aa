import { InMemoryCache } from "@apollo/client";
import { describe, expect, it, vi } from "vitest";
import { chairRoundTrip, pageAndRemove } from "../../examples/apollo-client.js";
import { liveAgenda } from "../../examples/urql.js";
import { bearer, post } from "../helpers/client.js";
import { sharedStack } from "../helpers/shared-stack.js";

/** The examples of docs/frontend.md, run as they are against the real gateway. */
const stack = await sharedStack();

const connection = async (org: string, roles: string[]) => ({
  httpUrl: stack.gateway.url,
  wsUrl: stack.gateway.wsUrl,
  token: await stack.token(org, roles),
});

describe("front-end examples against the gateway", () => {
  it("Apollo Client: query, mutation and a subscription resumed from the query's cursor", async () => {
    const result = await chairRoundTrip(await connection("fukushi-suishin-bu", ["chair"]), "fukushi-suishin-bu");
    expect(result.organization).toBe("福祉推進部");
    expect(result.received).toMatchObject({ kind: "MEETING_SCHEDULED", meeting: { id: result.scheduled } });
  });

  it("urql: live agenda by subscription, a mutation, and a refusal read from userErrors", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"]);
    const made = await post(
      stack.gateway.url,
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "福祉まるごと会議", startsAt: "2031-07-01T05:00:00Z" }) { meeting { id } } }`,
      {},
      bearer(chair),
    );
    const meetingId = made.data!.scheduleMeeting.meeting.id;
    const result = await liveAgenda(await connection("fukushi-suishin-bu", ["chair"]), meetingId);
    expect(result.canEdit).toBe(true);
    expect(result.added).toBe("各課からの報告");
    expect(result.event).toMatchObject({
      kind: "ITEM_ADDED",
      agenda: [{ title: "各課からの報告", status: "PENDING", presenter: { name: "納税課" } }],
    });
    expect(result.refusal.code).toBe("CASE_ITEM_NOT_ALLOWED");
  });
});

describe("registering operations", () => {
  it("builds a manifest of valid operations, each keyed by the SHA-256 of its text", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "manifest-")), "trusted.json");
    execFileSync(process.execPath, ["--import", "tsx", "scripts/trusted-documents.ts", out, "examples/operations/liaison.graphql"], {
      stdio: "pipe",
    });
    const manifest = JSON.parse(readFileSync(out, "utf8")) as Record<string, string>;
    const [[hash, text]] = Object.entries(manifest) as [[string, string]];
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(text).digest("hex")).toBe(hash);
    // The registered text is a valid operation against the graph.
    const res = await post(stack.gateway.url, text, {}, bearer(await stack.token("nozei")));
    expect(res.errors).toBeUndefined();
    expect(res.data!.me.organization.name).toBe("納税課");
  });
});

describe("Apollo Client's type policies (docs/frontend.md)", () => {
  /** A meeting of the chair's organisation with three items, and two more meetings to page through. */
  async function setUp() {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"]);
    const schedule = async (title: string, startsAt: string) =>
      (
        await post(
          stack.gateway.url,
          `mutation ($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }`,
          { i: { bodyCode: "marugoto-council", title, startsAt } },
          bearer(chair),
        )
      ).data!.scheduleMeeting.meeting.id as string;
    const meetingId = await schedule("ページ1の会議", "2020-01-01T01:00:00Z");
    await schedule("ページ2の会議", "2020-01-02T01:00:00Z");
    const items: string[] = [];
    for (const title of ["議題1", "議題2", "議題3"]) {
      const added = await post(
        stack.gateway.url,
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
        { i: { meetingId, kind: "TOPIC", title } },
        bearer(chair),
      );
      items.push(added.data!.addAgendaItem.item.id);
    }
    return { meetingId, items };
  }

  const warnings = async <T>(run: () => Promise<T>) => {
    const seen: unknown[][] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void seen.push(args));
    try {
      return { result: await run(), seen };
    } finally {
      spy.mockRestore();
    }
  };

  it("fetchMore appends the second page, and removing an item replaces the agenda with no warning", async () => {
    const { meetingId, items } = await setUp();
    const { result, seen } = await warnings(async () =>
      pageAndRemove(await connection("fukushi-suishin-bu", ["chair"]), meetingId, items[1]!),
    );
    expect(result.pages).toEqual([["ページ1の会議"], ["ページ1の会議", "ページ2の会議"]]);
    expect(result.before).toEqual(items);
    expect(result.after).toEqual([items[0], items[2]]);
    expect(seen).toEqual([]);
  });

  it("without them (a bare InMemoryCache) the same steps lose page 1 or warn: the policies are what makes it work", async () => {
    const { meetingId, items } = await setUp();
    const { result, seen } = await warnings(async () =>
      pageAndRemove(await connection("fukushi-suishin-bu", ["chair"]), meetingId, items[1]!, new InMemoryCache()),
    );
    expect(result.pages[1]).not.toEqual(["ページ1の会議", "ページ2の会議"]);
    expect(seen.map((args) => args.join(" ")).join("\n")).toMatch(/agenda|Cache data may be lost/);
  });
});
