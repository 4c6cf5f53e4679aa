import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkId, insertSharedCases } from "../helpers/cases.js";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * The liaison's query — cases shared with my organisation, each with status, lead, next review,
 * my open action items and the meetings it was discussed in — costs the same number of SQL
 * statements for 10 cases as for 500.
 */
const LIAISON = "kokuho";
let stack: Stack;
let meetingId: string;

const LIAISON_QUERY = `query Liaison {
  organization(code: "${LIAISON}") {
    name
    sharedCases(first: 500) {
      edges {
        grounds
        node { caseNumber status nextReviewDate lead { code name } actionItems { title dueDate overdue } meetings { title startsAt } }
      }
    }
  }
}`;

/** Adds `n` cases shared with the liaison (support assignment), each on the meeting's agenda with an action item for it. */
async function addCases(batch: string, n: number): Promise<void> {
  await insertSharedCases(stack.subgraphs.cases!.em.fork(), batch, n, LIAISON);
  const id = (kind: string) => bulkId(batch, kind);
  const meetings = stack.subgraphs.meetings!.em.fork();
  await meetings.execute(
    `insert into meetings.agenda_item (id, meeting_id, position, kind, title, status, case_id, created_at, updated_at)
     select ${id("i")}, '${meetingId}', g, 'CASE', 'ケース ' || g, 'PENDING', ${id("c")}, now(), now() from generate_series(1, ${n}) g`,
  );
  await meetings.execute(
    `insert into meetings.action_item (id, meeting_id, item_id, title, assignee_code, due_date, status, created_at, updated_at)
     select ${id("t")}, '${meetingId}', ${id("i")}, '保険料の減免案内 ' || g, '${LIAISON}', '2020-01-01', 'OPEN', now(), now() from generate_series(1, ${n}) g`,
  );
}

beforeAll(async () => {
  stack = await startStack();
  const chair = await stack.token("seikatsu-fukushi", ["chair"]);
  const made = await post(
    stack.gateway.url,
    `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議（国保）", startsAt: "2031-04-10T05:00:00Z", memberCodes: ["${LIAISON}"] }) { meeting { id } } }`,
    {},
    bearer(chair),
  );
  meetingId = made.data!.scheduleMeeting.meeting.id;
  await post(
    stack.gateway.url,
    `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
    { id: meetingId },
    bearer(await stack.token(LIAISON)),
  );
});
afterAll(() => stack?.close());

describe("the liaison's query", () => {
  it("returns each shared case with its lead, open action items and meetings, in as many statements for 500 cases as for 10", async () => {
    const token = await stack.token(LIAISON);
    const measure = async () => {
      const counters = Object.values(stack.subgraphs).map((s) => s.counter);
      const before = counters.map((c) => c.count);
      const res = await post(stack.gateway.url, LIAISON_QUERY, {}, bearer(token));
      expect(res.errors).toBeUndefined();
      return { edges: res.data!.organization.sharedCases.edges, statements: counters.map((c, i) => c.count - before[i]!) };
    };
    await addCases("a", 10);
    const ten = await measure();
    expect(ten.edges).toHaveLength(10);
    const first = ten.edges[0];
    expect(first.grounds).toEqual(["ASSIGNMENT"]);
    expect(first.node).toMatchObject({
      status: "IN_SUPPORT",
      nextReviewDate: "2031-04-01",
      lead: { code: "shakyo", name: "山形市社会福祉協議会" },
    });
    expect(first.node.actionItems).toEqual([{ title: expect.stringMatching(/^保険料の減免案内 /), dueDate: "2020-01-01", overdue: true }]);
    expect(first.node.meetings).toEqual([{ title: "支援会議（国保）", startsAt: "2031-04-10T05:00:00.000Z" }]);

    await addCases("b", 490);
    const five = await measure();
    expect(five.edges).toHaveLength(500);
    // The directory may answer the same name lookups from its shared answers (public reference data,
    // `SharedResponseCache`): never more statements, possibly none.
    const names = Object.keys(stack.subgraphs);
    names.forEach((name, i) =>
      name === "directory"
        ? expect(five.statements[i]).toBeLessThanOrEqual(ten.statements[i]!)
        : expect(five.statements[i], name).toBe(ten.statements[i]),
    );
    // Bounded, not only equal: a handful per subgraph.
    expect(five.statements.reduce((a, b) => a + b, 0)).toBeLessThan(30);
  });

  it("reads the list's event position and candidates in one statement, and then the page's cases in two more", async () => {
    await addCases("c", 5);
    const token = await stack.token(LIAISON);
    await post(stack.gateway.url, LIAISON_QUERY, {}, bearer(token));
    const cases = stack.subgraphs.cases!.counter;
    const { result, statements } = await cases.measure(() => post(stack.gateway.url, LIAISON_QUERY, {}, bearer(token)));
    expect(result.errors).toBeUndefined();
    expect(result.data!.organization.sharedCases.edges.length).toBeGreaterThanOrEqual(5);
    const reading = (table: string) => statements.filter((s) => new RegExp(`\\b(from|into) "?cases"?\\."?${table}"?\\b`, "i").test(s));
    // One statement: the outbox's position and the assignments, consents and disclosures naming the organisation.
    const candidates = statements.filter((s) => /max\(seq\)/i.test(s));
    expect(candidates).toHaveLength(1);
    expect(["assignment", "consent", "disclosure"].every((t) => reading(t).includes(candidates[0]!))).toBe(true);
    // Then the grounds of every candidate (one statement), the page's rows read by the statement that
    // writes their audit rows, and the lead's assignments (`lead`).
    expect(reading("support_case")).toHaveLength(1);
    expect(reading("audit_entry")).toEqual(reading("support_case"));
    expect(statements).toHaveLength(4);
  });

  it("refuses to list another organisation's shared cases", async () => {
    const res = await post(
      stack.gateway.url,
      `{ organization(code: "nozei") { sharedCases { edges { node { id } } } } }`,
      {},
      bearer(await stack.token(LIAISON)),
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
