import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whileLockHeld, whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { meetingsSubgraph } from "../subgraph.js";
import { FEEDS_LOCK_SQL } from "./calendar.service.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(meetingsSubgraph);
});
afterAll(() => sg?.close());

const CREATE = `mutation ($l: String!) { createCalendarFeed(label: $l) { feed { id } userErrors { code } } }`;
const REVOKE = `mutation ($id: ID!) { revokeCalendarFeed(id: $id) { feed { id } userErrors { code } } }`;
type Answer = { data?: Record<string, { feed: { id: string } | null; userErrors: { code: string }[] }> };
const codes = (answers: Answer[], field: string) => answers.map((a) => a.data![field]!.userErrors.map((e) => e.code));
const active = async (org: string) =>
  Number(
    (
      await sg.running.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) as n from meetings.calendar_feed where organization_code = ? and revoked_at is null`, [
          org,
        ])
    )[0]!.n,
  );

describe("calendar feeds made or stopped at once", () => {
  it("keep to 20 active feeds an organisation: of two made at once for the last place, one is refused", async () => {
    const org = "koho";
    for (let i = 0; i < 19; i++) expect((await sg.query(CREATE, { l: `配信${i}` }, org)).data!.createCalendarFeed.userErrors).toEqual([]);
    const make = (l: string) => () => sg.query(CREATE, { l }, org) as Promise<Answer>;
    // Both begin (and would count 19) before either can finish.
    const answers = await whileLockHeld(sg.running.em, FEEDS_LOCK_SQL, [org], [make("二十件目A"), make("二十件目B")]);
    expect(codes(answers, "createCalendarFeed")).toEqual([[], ["TOO_MANY_FEEDS"]]);
    expect(await active(org)).toBe(20);
  });

  it("stop once: the second of two stops at once is told the feed is already stopped, and the first stopper is kept", async () => {
    const org = "nozei";
    const id = (await sg.query(CREATE, { l: "納税課" }, org)).data!.createCalendarFeed.feed.id as string;
    const stop = (sub: string) => () => sg.query(REVOKE, { id }, org, ["staff"], sub) as Promise<Answer>;
    const answers = await whileRowHeld(sg.running.em, "meetings.calendar_feed", id, [stop("first-stopper"), stop("second-stopper")]);
    expect(codes(answers, "revokeCalendarFeed")).toEqual([[], ["ALREADY_REVOKED"]]);
    const [row] = await sg.running.em
      .fork()
      .execute<{ revoked_by: string }[]>(`select revoked_by from meetings.calendar_feed where id = ?`, [id]);
    expect(row!.revoked_by).toBe("first-stopper");
  });
});
