import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { collect } from "../helpers/subscriptions.js";

let stack: Stack;
let chair: string;
beforeAll(async () => {
  stack = await startStack();
  chair = await stack.token("fukushi-suishin-bu", ["chair"]);
});
afterAll(() => stack?.close());

const gql = (query: string, variables: Record<string, unknown> = {}) => post(stack.gateway.url, query, variables, bearer(chair));

const AGENDA = `agenda { title presenter { code name } actionItems { assignee { code name } } }`;
type Item = {
  title: string;
  presenter: { code: string; name: string } | null;
  actionItems: { assignee: { code: string; name: string } | null }[];
};

describe("an organisation code the directory does not have, through the gateway", () => {
  it("is refused when written, and a row stored before the check still reads and streams (presenter null, no error)", async () => {
    const scheduled = await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "報告者", startsAt: "2031-04-01T05:00:00Z" }) { meeting { id eventCursor } } }`,
    );
    const { id, eventCursor } = scheduled.data!.scheduleMeeting.meeting;

    const refused = await gql(
      `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: TOPIC, title: "x", presenterCode: "no-such-org" }) { item { id } userErrors { code field message } } }`,
      { m: id },
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.addAgendaItem).toMatchObject({
      item: null,
      userErrors: [{ code: "UNKNOWN_ORGANIZATION", field: ["presenterCode"] }],
    });

    // A row from before codes were checked: written past the API, as an old release would have.
    const added = await gql(
      `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: TOPIC, title: "古い議題", presenterCode: "nozei" }) { item { id } } }`,
      { m: id },
    );
    const itemId = added.data!.addAgendaItem.item.id as string;
    await gql(
      `mutation ($i: ID!) { createActionItem(input: { itemId: $i, title: "案内", assigneeCode: "kokuho" }) { actionItem { id } } }`,
      { i: itemId },
    );
    const em = stack.subgraphs.meetings!.em.fork();
    await em.execute(`update meetings.agenda_item set presenter_code = 'no-such-org' where id = ?`, [itemId]);
    await em.execute(`update meetings.action_item set assignee_code = 'no-such-org' where item_id = ?`, [itemId]);

    const read = await gql(`query ($m: ID!) { meeting(id: $m) { ${AGENDA} } }`, { m: id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.meeting.agenda).toEqual([{ title: "古い議題", presenter: null, actionItems: [{ assignee: null }] }]);

    const stream = collect<{ agendaChanged: { agenda: Item[] } }>(
      stack.gateway.wsUrl,
      chair,
      `subscription ($m: ID!, $after: String) { agendaChanged(meetingId: $m, after: $after) { kind ${AGENDA} } }`,
      { m: id, after: eventCursor },
    );
    try {
      await gql(
        `mutation ($m: ID!) { addAgendaItem(input: { meetingId: $m, kind: TOPIC, title: "新しい議題", presenterCode: "nozei" }) { item { id } } }`,
        { m: id },
      );
      // Replayed: the first addition (presenter still valid then) and its task, then the addition with the old row beside a good one.
      const events = await stream.waitFor(3);
      expect(events.map((e) => (e.agendaChanged as unknown as { kind: string }).kind)).toEqual([
        "ITEM_ADDED",
        "ACTION_ITEM_ADDED",
        "ITEM_ADDED",
      ]);
      expect(stream.errors).toEqual([]);
      const last = events.at(-1)!.agendaChanged.agenda;
      expect(last.map((i) => i.title)).toEqual(["古い議題", "新しい議題"]);
      expect(last[0]).toMatchObject({ presenter: null, actionItems: [{ assignee: null }] });
      expect(last[1]!.presenter).toMatchObject({ code: "nozei", name: expect.any(String) });
    } finally {
      await stream.stop();
    }
  }, 60_000);
});
