import { beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { bearer, post } from "../helpers/client.js";
import { sharedStack } from "../helpers/shared-stack.js";
import { collect } from "../helpers/subscriptions.js";

const stack = await sharedStack();
let hub: { id: string; name: string; district: { code: string }; eventCursor: string };
beforeAll(async () => {
  hub = (await gql(`{ hubs(districtCode: "district-01") { id name district { code } eventCursor } }`, "shakyo")).hubs[0];
});

async function gql(query: string, org: string, variables: Record<string, unknown> = {}, roles = ["staff"]) {
  const res = await post(stack.gateway.url, query, variables, bearer(await stack.token(org, roles)));
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** A salon at the hub, recorded by 市社協 now, with `participants` to tell it apart. */
const recordActivity = (participants: number) =>
  gql(`mutation ($i: RecordActivityInput!) { recordActivity(input: $i) { userErrors { code } } }`, "shakyo", {
    i: {
      hubId: hub.id,
      startsAt: new Date().toISOString(),
      kind: "SALON",
      participants,
      staff: { districtCouncil: 2, neighbourhoodOfficers: 1, welfareCommissioners: 1, professionals: 0 },
    },
  });

describe("hubs through the gateway", () => {
  it("pushes new activities and worries to the hub's and the district's subscribers", async () => {
    const sub = `subscription ($id: ID!, $after: String) { hubEvents(hubId: $id, after: $after) { kind hub { name } activity { participants kind } worry { category summary } } }`;
    const byHub = collect<{ hubEvents: { kind: string; activity: { participants: number } | null } }>(
      stack.gateway.wsUrl,
      await stack.token("shakyo"),
      sub,
      { id: hub.id, after: hub.eventCursor },
    );
    const byDistrict = collect<{ districtEvents: { kind: string; hub: { name: string; district: { code: string } } } }>(
      stack.gateway.wsUrl,
      await stack.token("district-council-01"),
      `subscription ($d: String!, $after: String) { districtEvents(districtCode: $d, after: $after) { kind hub { name district { code } operator { name } } } }`,
      { d: hub.district.code, after: hub.eventCursor },
    );
    try {
      await recordActivity(17);
      await gql(
        `mutation ($h: ID!, $d: LocalDate!) { recordWorry(input: { hubId: $h, heardOn: $d, category: "買い物", summary: "坂の上の世帯が買い物に困っている" }) { userErrors { code } } }`,
        "shakyo",
        { h: hub.id, d: tokyoDate() },
      );
      const events = await byHub.waitFor(2);
      expect(events.map((e) => e.hubEvents.kind)).toEqual(["ACTIVITY_RECORDED", "WORRY_RECORDED"]);
      expect(events[0]!.hubEvents.activity).toEqual({ participants: 17, kind: "SALON" });
      const district = await byDistrict.waitFor(2);
      expect(district[0]!.districtEvents.hub).toMatchObject({
        name: hub.name,
        district: { code: hub.district.code },
        operator: { name: "第1地区社会福祉協議会（仮称）" },
      });
    } finally {
      await byHub.stop();
      await byDistrict.stop();
    }
  });

  it("pushes a hub opened in a district, then paused, to the district's subscribers (any organisation)", async () => {
    const { districts } = await gql(`{ districts { code name hubs { id } } }`, "shakyo");
    const empty = (districts as { code: string; name: string; hubs: unknown[] }[]).filter((d) => d.hubs.length === 0).at(-1)!;
    const { eventCursor } = (await gql(`query ($id: ID!) { hub(id: $id) { eventCursor } }`, "shakyo", { id: hub.id })).hub;
    type E = { districtEvents: { kind: string; hub: { name: string; status: string } } };
    const watcher = collect<E>(
      stack.gateway.wsUrl,
      await stack.token("koho"),
      `subscription ($d: String!, $after: String) { districtEvents(districtCode: $d, after: $after) { kind hub { name status } } }`,
      { d: empty.code, after: eventCursor },
    );
    try {
      const opened = await gql(`mutation ($i: OpenHubInput!) { openHub(input: $i) { hub { id } userErrors { code } } }`, "shakyo", {
        i: { districtCode: empty.code, name: `${empty.name} 新拠点`, place: "集会所" },
      });
      expect(opened.openHub.userErrors).toEqual([]);
      const paused = await gql(`mutation ($i: ChangeHubStatusInput!) { changeHubStatus(input: $i) { userErrors { code } } }`, "shakyo", {
        i: { hubId: opened.openHub.hub.id, status: "SUSPENDED", reason: "担い手の確保まで休止" },
      });
      expect(paused.changeHubStatus.userErrors).toEqual([]);
      const events = await watcher.waitFor(2);
      expect(events.map((e) => e.districtEvents.kind)).toEqual(["HUB_OPENED", "HUB_STATUS_CHANGED"]);
      expect(events[1]!.districtEvents.hub).toEqual({ name: `${empty.name} 新拠点`, status: "SUSPENDED" });
    } finally {
      await watcher.stop();
    }
  });

  it("pushes a worry only to those who may see it: another organisation's stream carries the hub's activities alone", async () => {
    const { eventCursor } = (await gql(`query ($id: ID!) { hub(id: $id) { eventCursor } }`, "shakyo", { id: hub.id })).hub;
    const sub = `subscription ($id: ID!, $after: String) { hubEvents(hubId: $id, after: $after) { kind activity { participants } worry { category } } }`;
    type E = { hubEvents: { kind: string; activity: { participants: number } | null; worry: { category: string } | null } };
    const watch = async (org: string, roles = ["staff"]) =>
      collect<E>(stack.gateway.wsUrl, await stack.token(org, roles, `worry-watch-${org}-${roles[0]}`), sub, {
        id: hub.id,
        after: eventCursor,
      });
    const operator = await watch("shakyo");
    const outsiders = [await watch("koho"), await watch("koho"), await watch("nozei")];
    const analyst = await watch("seikatsu-fukushi", ["analyst"]);
    try {
      await gql(
        `mutation ($h: ID!, $d: LocalDate!) { recordWorry(input: { hubId: $h, heardOn: $d, category: "ごみ出し", summary: "ごみ出しが難しい世帯がある" }) { userErrors { code } } }`,
        "shakyo",
        { h: hub.id, d: tokyoDate() },
      );
      await recordActivity(23);
      const kinds = (events: E[]) => events.map((e) => e.hubEvents.kind);
      const mine = await operator
        .until((o) => o.events.some((e) => e.hubEvents.activity?.participants === 23), 15_000)
        .then(() => operator.events);
      expect(mine.find((e) => e.hubEvents.worry?.category === "ごみ出し")?.hubEvents.kind).toBe("WORRY_RECORDED");
      await analyst.until((o) => o.events.some((e) => e.hubEvents.activity?.participants === 23), 15_000);
      expect(analyst.events.some((e) => e.hubEvents.worry?.category === "ごみ出し")).toBe(true);
      for (const outsider of outsiders) {
        await outsider.until((o) => o.events.some((e) => e.hubEvents.activity?.participants === 23), 15_000);
        expect(kinds(outsider.events)).not.toContain("WORRY_RECORDED");
        expect(outsider.events.every((e) => e.hubEvents.worry === null)).toBe(true);
      }
    } finally {
      await Promise.all([operator, analyst, ...outsiders].map((w) => w.stop()));
    }
  });

  it("ends a replay at the last event each subscriber was given: a worry it may not see moves no cursor of its own", async () => {
    const { eventCursor } = (await gql(`query ($id: ID!) { hub(id: $id) { eventCursor } }`, "shakyo", { id: hub.id })).hub;
    await gql(
      `mutation ($h: ID!, $d: LocalDate!) { recordWorry(input: { hubId: $h, heardOn: $d, category: "見守り", summary: "夜に明かりがつかない家がある" }) { userErrors { code } } }`,
      "shakyo",
      { h: hub.id, d: tokyoDate() },
    );
    const sub = `subscription ($id: ID!, $after: String) { hubEvents(hubId: $id, after: $after, markCaughtUp: true) { cursor kind } }`;
    type E = { hubEvents: { cursor: string; kind: string } };
    const replay = async (org: string) => {
      const w = collect<E>(stack.gateway.wsUrl, await stack.token(org, ["staff"], `replay-end-${org}`), sub, {
        id: hub.id,
        after: eventCursor,
      });
      try {
        await w.until((o) => o.events.some((e) => e.hubEvents.kind === "CAUGHT_UP"), 15_000);
        return w.events.map((e) => e.hubEvents);
      } finally {
        await w.stop();
      }
    };
    const operator = await replay("shakyo");
    expect(operator.map((e) => e.kind)).toEqual(["WORRY_RECORDED", "CAUGHT_UP"]);
    expect(operator[1]!.cursor).toBe(operator[0]!.cursor);
    // Another organisation was given nothing since its cursor: its replay ends where it began.
    expect(await replay("koho")).toEqual([{ kind: "CAUGHT_UP", cursor: eventCursor }]);
  });

  it("names the hub as the source of the consultation it passed on, both ways, within the grounds", async () => {
    const lead = "community-general-support-center-02";
    const opened = await gql(
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id consultations { sourceKind sourceHub { id name } } } userErrors { code } } }`,
      lead,
      {
        i: {
          receivedOn: tokyoDate(),
          takenBy: "相談員",
          sourceKind: "HUB",
          sourceHubId: hub.id,
          problemAreas: ["ELDERLY_CARE"],
          mainProblemArea: "ELDERLY_CARE",
          consentAnswer: "GIVEN",
        },
      },
    );
    expect(opened.receiveConsultation.case.consultations[0]).toEqual({ sourceKind: "HUB", sourceHub: { id: hub.id, name: hub.name } });
    const referrals = `query ($id: ID!) { hub(id: $id) { referrals { receivedBy { code } mainProblemArea } } }`;
    expect((await gql(referrals, lead, { id: hub.id })).hub.referrals).toEqual([
      { receivedBy: { code: lead }, mainProblemArea: "ELDERLY_CARE" },
    ]);
    expect((await gql(referrals, "koho", { id: hub.id })).hub.referrals).toEqual([]);
    // A ground that does not disclose consultations shows none; one that does, shows it.
    const consent = (org: string, kinds: string) =>
      gql(
        `mutation ($id: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $id, organizationCodes: ["${org}"], infoKinds: [${kinds}], coversMultiLayeredMeeting: false, givenOn: $d }) { userErrors { code } } }`,
        lead,
        { id: opened.receiveConsultation.case.id, d: tokyoDate() },
      );
    expect((await consent("nozei", "BASIC, PLAN")).recordConsent.userErrors).toEqual([]);
    expect((await gql(referrals, "nozei", { id: hub.id })).hub.referrals).toEqual([]);
    expect((await consent("shogai-fukushi", "CONSULTATION")).recordConsent.userErrors).toEqual([]);
    expect((await gql(referrals, "shogai-fukushi", { id: hub.id })).hub.referrals).toEqual([
      { receivedBy: { code: lead }, mainProblemArea: "ELDERLY_CARE" },
    ]);
  });
});
