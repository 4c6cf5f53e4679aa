import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";
import type { RunningGateway } from "../../gateway/src/server.js";
import { openCase } from "../helpers/cases.js";
import { bearer, post } from "../helpers/client.js";
import { anotherGateway, startStack, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

/**
 * The two query planners give the same answers: the Rust planner the gateway runs by default, and the
 * runtime's JavaScript stitching planner kept as a fallback (`QUERY_PLANNER=stitching`), side by side
 * over the same subgraphs, for the same callers — data, errors' codes and the upstream audit alike.
 */
let stack: Stack;
let stitching: RunningGateway;

const CHAIR = "fukushi-suishin-bu";
const LEAD = "self-reliance-support-agency";
const SUPPORT_CHAIR = "seikatsu-fukushi";

/** A query through the default (Rust-planned) gateway that must succeed. */
async function gql(query: string, token: string, variables: Record<string, unknown> = {}) {
  const res = await post(stack.gateway.url, query, variables, bearer(token));
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

/** A confidential 支援会議 of kaigo-hoken and nozei (both pledged) with a case item; the case is disclosed to kaigo-hoken. */
async function meetingWithCaseItem(): Promise<{ meetingId: string; caseId: string }> {
  const chair = await stack.token(SUPPORT_CHAIR, ["chair"]);
  const lead = await stack.token(LEAD);
  const meetingId = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-06-01T05:00:00Z", memberCodes: ["nozei", "kaigo-hoken", "${LEAD}"] }) { meeting { id } } }`,
      chair,
    )
  ).scheduleMeeting.meeting.id as string;
  for (const org of ["nozei", "kaigo-hoken"])
    await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, await stack.token(org), {
      id: meetingId,
    });
  const caseId = await openCase((q, v) => gql(q, lead, v), { name: "架空 四郎" });
  const disclosed = await gql(
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["kaigo-hoken"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    lead,
    { id: caseId, m: meetingId },
  );
  expect(disclosed.discloseToMeeting.userErrors).toEqual([]);
  const added = await gql(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { userErrors { code } } }`, chair, {
    i: { meetingId, kind: "CASE", title: "ケース検討", caseId },
  });
  expect(added.addAgendaItem.userErrors).toEqual([]);
  return { meetingId, caseId };
}

/** The audit rows of a case written for one person, as an auditor reads them. */
async function auditOf(caseId: string, subject: string) {
  const d = await gql(
    `query ($id: ID!) { auditLog(caseId: $id, first: 200) { edges { node { subject organizationCode ground operation flagged } } } }`,
    await stack.token(SUPPORT_CHAIR, ["auditor"]),
    { id: caseId },
  );
  return (
    d.auditLog.edges as { node: { subject: string; organizationCode: string; ground: string; operation: string; flagged: boolean } }[]
  )
    .map((e) => e.node)
    .filter((r) => r.subject === subject)
    .map(({ subject: _, ...rest }) => rest)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

beforeAll(async () => {
  stack = await startStack();
  stitching = await anotherGateway(stack, { queryPlanner: "stitching" });
});

afterAll(async () => {
  await stitching?.close();
  await stack?.close();
});

async function both(query: string, token: string, variables: Record<string, unknown> = {}) {
  const ask = (url: string) => post(url, query, variables, bearer(token));
  return { router: await ask(stack.gateway.url), js: await ask(stitching.url) };
}

/** Errors compared by what a client reads: code, path and message (not the upstream locations). */
function readable(res: { data?: unknown; errors?: { message: string; path?: unknown; extensions?: { code?: string } }[] }) {
  return { data: res.data, errors: res.errors?.map((e) => ({ code: e.extensions?.code, path: e.path, message: e.message })) };
}

describe("the Rust planner and the stitching planner", () => {
  it("answer the liaison, the board and the directory queries alike, for callers with different rights", async () => {
    const liaison = (await readFile(path.join(repoRoot, "examples", "operations", "liaison.graphql"), "utf8")).replace(/^#.*\n/gm, "");
    const queries = [
      liaison,
      `query { organizations(kinds: [CITY_SECTION]) { code name kind parent { name } meetingBodies { name } } }`,
      `query { meetings(first: 50) { nodes { id title status confidential body { name kind } agenda { id title kind status redacted presenter { code name } case { caseNumber status } } } } }`,
      `query { me { subject organizationCode roles organization { code name meetingBodies { code name } } } }`,
    ];
    const callers = [
      await stack.token("nozei", ["staff"]),
      await stack.token("seikatsu-fukushi", ["staff"]),
      await stack.token(CHAIR, ["chair"]),
      await stack.token("kaigo-hoken", ["staff"]),
    ];
    let withData = 0;
    for (const query of queries) {
      for (const token of callers) {
        const { router, js } = await both(query, token);
        expect(readable(router)).toEqual(readable(js));
        expect(router.status).toBe(js.status);
        if (router.data && !router.errors) withData += 1;
      }
    }
    expect(withData).toBe(queries.length * callers.length);
  });

  it("audit alike: the same case read through each planner leaves the same rows, named after the client's operation", async () => {
    const { meetingId, caseId } = await meetingWithCaseItem();
    const query = `query AgendaWithCase($id: ID!) { meeting(id: $id) { agenda { title case { caseNumber mainPerson { name } } } } }`;
    // One person per planner, of the same organisation and roles: each one's rows are that planner's.
    const router = await stack.token("kaigo-hoken", ["staff"], "planner-rust");
    const js = await stack.token("kaigo-hoken", ["staff"], "planner-js");
    const answers = [
      await post(stack.gateway.url, query, { id: meetingId }, bearer(router)),
      await post(stitching.url, query, { id: meetingId }, bearer(js)),
    ];
    expect(readable(answers[0]!)).toEqual(readable(answers[1]!));
    expect(JSON.stringify(answers[0]!.data)).toContain("架空 四郎");
    const rows = [await auditOf(caseId, "planner-rust"), await auditOf(caseId, "planner-js")];
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[0]!.map((r) => r.operation)).toContain("AgendaWithCase:AgendaItem.case");
    expect(rows[0]!.every((r) => r.organizationCode === "kaigo-hoken" && r.ground === "SUPPORT_MEETING" && !r.flagged)).toBe(true);
  });

  it("refuse alike: a subscription to a meeting the caller may not see carries the subgraph's code on both", async () => {
    const chair = await stack.token(SUPPORT_CHAIR, ["chair"]);
    // A confidential meeting that exists, and one that does not: the outsider may tell them apart on neither.
    const existing = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-06-02T05:00:00Z", memberCodes: ["kaigo-hoken"] }) { meeting { id confidential } } }`,
        chair,
      )
    ).scheduleMeeting.meeting as { id: string; confidential: boolean };
    expect(existing.confidential).toBe(true);
    const outsider = await stack.token("koho", ["staff"]);
    expect((await gql(`query ($id: ID!) { meeting(id: $id) { id } }`, outsider, { id: existing.id })).meeting).toBeNull();
    const query = `subscription ($id: ID!) { agendaChanged(meetingId: $id) { kind } }`;
    for (const id of [existing.id, "00000000-0000-7000-8000-000000000000"]) {
      const answers: string[] = [];
      for (const url of [stack.gateway.wsUrl, stitching.wsUrl]) {
        const stream = collect(url, outsider, query, { id });
        try {
          await stream.until((s) => s.errors.length > 0 || s.completed, 20_000);
          expect(stream.events, id).toEqual([]);
          answers.push(JSON.stringify(stream.errors));
        } finally {
          await stream.stop();
        }
      }
      expect(answers[0], id).toContain("NOT_FOUND");
      expect(answers[1], id).toContain("NOT_FOUND");
    }
  });
});
