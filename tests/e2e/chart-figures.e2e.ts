import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYear, tokyoDate } from "@marugoto/shared";
import { dataAs } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";

/** The figures behind the board's charts: consultations by month and source, action items by organisation and state. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const gql = (query: string, variables: Record<string, unknown>, token: string) => dataAs(stack.gateway.url, token, query, variables);

const BY_MONTH = `query ($fy: Int!) { fiscalYearReport(fiscalYear: $fy) { caseFigures { consultations { value display } } consultationsByMonth { month source consultations { value display suppressed } } } }`;
type Cell = { month: string; source: string; consultations: { value: number | null; display: string; suppressed: boolean } };

async function receive(lead: string, n: number, sourceKind: string) {
  for (let i = 0; i < n; i++) {
    await gql(
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { userErrors { code } } }`,
      {
        i: {
          receivedOn: tokyoDate(),
          takenBy: "相談員",
          sourceKind,
          problemAreas: ["DEBT"],
          mainProblemArea: "DEBT",
          consentAnswer: "GIVEN",
          person: { name: `架空 太郎${i}` },
        },
      },
      lead,
    );
  }
}

describe("consultations by month and source", () => {
  it("gives an analyst every cell, adding up to the year's figure and to the table's own count", async () => {
    const lead = await stack.token("self-reliance-support-agency");
    await receive(lead, 6, "AGENCY");
    await receive(lead, 2, "HUB");
    const fy = fiscalYear(new Date());
    const r = (await gql(BY_MONTH, { fy }, await stack.token("fukushi-suishin-bu", ["analyst"]))).fiscalYearReport;
    const cells = r.consultationsByMonth as Cell[];
    expect(cells).toHaveLength(12 * 5);
    expect(cells[0]!.month).toBe(`${fy}-04`);
    expect(cells.at(-1)!.month).toBe(`${fy + 1}-03`);
    expect(cells.reduce((n, c) => n + c.consultations.value!, 0)).toBe(r.caseFigures.consultations.value);
    const rows = await stack.subgraphs
      .cases!.em.fork()
      .execute<{ month: string; source: string; n: string }[]>(
        `select to_char(received_on, 'YYYY-MM') as month, source_kind as source, count(*) as n from cases.consultation where received_on >= ? and received_on < ? group by 1, 2`,
        [`${fy}-04-01`, `${fy + 1}-04-01`],
      );
    for (const row of rows)
      expect(cells.find((c) => c.month === row.month && c.source === row.source)!.consultations.value).toBe(Number(row.n));
  });

  it("withholds small cells from a caller not entitled, and enough others (or the total) that none can be worked out, even by one who knows a cell", async () => {
    const fy = fiscalYear(new Date());
    const analyst = (await gql(BY_MONTH, { fy }, await stack.token("fukushi-suishin-bu", ["analyst"]))).fiscalYearReport
      .consultationsByMonth as Cell[];
    const staff = (await gql(BY_MONTH, { fy }, await stack.token("koho"))).fiscalYearReport;
    const cells = staff.consultationsByMonth as Cell[];
    const small = analyst.filter((c) => c.consultations.value! > 0 && c.consultations.value! < 5);
    expect(small.length).toBeGreaterThan(0); // the HUB cell of 2, at least
    for (const c of cells) {
      if (c.consultations.value !== null) expect(c.consultations.value === 0 || c.consultations.value >= 5).toBe(true);
    }
    const withheld = cells.filter((c) => c.consultations.suppressed);
    expect(withheld.length).toBeGreaterThanOrEqual(2);
    // Small or not, every withheld cell shows the same: none can be told apart.
    expect([...new Set(withheld.map((c) => c.consultations.display))]).toEqual(["—"]);
    const total = staff.caseFigures.consultations;
    if (total.value === null) {
      // Nothing else would hide the small ones (the agency that took its own 6 would work out the hub's
      // 2): the year's total is withheld with them.
      expect(total.display).toBe("—");
      return;
    }
    const shown = cells.reduce((n, c) => n + (c.consultations.value ?? 0), 0);
    // Whoever knows one withheld cell exactly (the agency knows its own) is left with at least two
    // others, which could still hold 5 or more.
    const value = (c: Cell) => analyst.find((a) => a.month === c.month && a.source === c.source)!.consultations.value!;
    for (const known of withheld) {
      const rest = withheld.length - 1;
      expect(rest).toBeGreaterThanOrEqual(2);
      expect(total.value - shown - value(known) - (rest - 1)).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("action items by organisation and state", () => {
  it("counts what the caller may see: open, overdue and done per assignee; a case meeting's items only for those who may see them", async () => {
    const chair = await stack.token("fukushi-suishin-bu", ["chair"]);
    const council = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "集計の試験", startsAt: "2031-01-10T05:00:00Z" }) { meeting { id } } }`,
        {},
        chair,
      )
    ).scheduleMeeting.meeting.id;
    const itemId = (
      await gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
        { i: { meetingId: council, kind: "TOPIC", title: "集計" } },
        chair,
      )
    ).addAgendaItem.item.id;
    const make = async (assigneeCode: string, dueDate: string) =>
      (
        await gql(
          `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } userErrors { code } } }`,
          { i: { itemId, title: "作業", assigneeCode, dueDate } },
          chair,
        )
      ).createActionItem.actionItem.id as string;
    await make("koho", "2099-01-01");
    await make("koho", "2020-01-01");
    const done = await make("nozei", "2099-01-01");
    await gql(`mutation ($id: ID!) { updateActionItemStatus(id: $id, status: DONE) { userErrors { code } } }`, { id: done }, chair);

    const sc = await stack.token("seikatsu-fukushi", ["chair"]);
    const caseMeeting = (
      await gql(
        `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "支援会議", startsAt: "2031-02-01T05:00:00Z", memberCodes: ["kaigo-hoken"] }) { meeting { id } } }`,
        {},
        sc,
      )
    ).scheduleMeeting.meeting.id;
    await gql(`mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`, { id: caseMeeting }, sc);
    const topic = (
      await gql(
        `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
        { i: { meetingId: caseMeeting, kind: "TOPIC", title: "連絡" } },
        sc,
      )
    ).addAgendaItem.item.id;
    await gql(
      `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { userErrors { code } } }`,
      { i: { itemId: topic, title: "非公開の作業", assigneeCode: "kaigo-hoken", dueDate: "2099-01-01" } },
      sc,
    );

    const TALLY = `{ actionItemTally { organization { code name } open overdue done } }`;
    const of = (rows: { organization: { code: string }; open: number; overdue: number; done: number }[], code: string) =>
      rows.find((r) => r.organization.code === code);
    const koho = (await gql(TALLY, {}, await stack.token("koho"))).actionItemTally;
    expect(of(koho, "koho")).toMatchObject({ organization: { name: "広報課" }, open: 1, overdue: 1, done: 0 });
    expect(of(koho, "nozei")).toMatchObject({ open: 0, overdue: 0, done: 1 });
    expect(of(koho, "kaigo-hoken")).toBeUndefined(); // a confidential meeting koho does not sit on
    const kaigo = (await gql(TALLY, {}, await stack.token("kaigo-hoken"))).actionItemTally;
    expect(of(kaigo, "kaigo-hoken")).toMatchObject({ open: 1 });
  });
});
