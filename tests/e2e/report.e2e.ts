import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYear, fiscalYearLabel, referenceDataPath } from "@marugoto/shared";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";

const data = JSON.parse(readFileSync(referenceDataPath, "utf8"));
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const REPORT = `query ($fy: Int!) {
  fiscalYearReport(fiscalYear: $fy) {
    fiscalYear label
    caseFigures { consultations { value display suppressed } peopleSupported { value display suppressed } supportPlans { value display } closures { value display } participationPartners { value display } participationParticipants { value display suppressed } }
    meetingsHeld { kind held { value } }
    hubFigures { hubs { value } districtsWithHub { value } hubSessions { value } hubParticipants { value } byDistrict { district { code } hubs { value } hubSessions { value } } }
  }
}`;

async function report(fy: number, org: string, roles: string[]) {
  const res = await post(stack.gateway.url, REPORT, { fy }, bearer(await stack.token(org, roles)));
  expect(res.errors).toBeUndefined();
  return res.data!.fiscalYearReport;
}

/** The same figures, counted straight from the tables with SQL written here. */
async function countCases(fy: number) {
  const em = stack.subgraphs.cases!.em.fork();
  const [from, to] = [`${fy}-04-01`, `${fy + 1}-04-01`];
  const one = async (sql: string) => Number((await em.execute<{ n: string }[]>(sql, [from, to]))[0]!.n);
  return {
    consultations: await one(`select count(*) as n from cases.consultation where received_on >= ? and received_on < ?`),
    people: await one(
      `select count(distinct c.main_person_id) as n from cases.progress_entry p join cases.support_case c on c.id = p.case_id where p.date >= ? and p.date < ?`,
    ),
    participants: await one(
      `select count(distinct pl.person_id) as n from cases.work_session s join cases.placement pl on pl.id = s.placement_id where s.date >= ? and s.date < ?`,
    ),
  };
}

describe("the fiscal-year report through the gateway", () => {
  it("gives an analyst the seeded figures, computed independently", async () => {
    // The seeded cases opened about 90 days ago and have progress since: depending on the month,
    // their figures fall in one fiscal year or spread over two, so both are checked, and every
    // figure must be non-zero in at least one (a report of zeros would otherwise pass).
    const years = [...new Set([fiscalYear(new Date(Date.now() - 90 * 86_400_000)), fiscalYear(new Date())])];
    const total = { consultations: 0, people: 0, participants: 0 };
    for (const fy of years) {
      const r = await report(fy, "seikatsu-fukushi", ["analyst"]);
      const expected = await countCases(fy);
      expect(r.fiscalYear).toBe(fy);
      expect(r.label).toBe(fiscalYearLabel(fy));
      expect(r.caseFigures.consultations).toEqual({
        value: expected.consultations,
        display: String(expected.consultations),
        suppressed: false,
      });
      expect(r.caseFigures.peopleSupported.value).toBe(expected.people);
      expect(r.caseFigures.participationParticipants.value).toBe(expected.participants);
      expect(r.meetingsHeld.map((m: { kind: string }) => m.kind)).toEqual([
        "SUPPORT_MEETING",
        "MULTI_LAYERED_SUPPORT_MEETING",
        "MARUGOTO_COUNCIL",
        "MARUGOTO_WORKING_GROUP",
        "INTERNAL_WORKING_GROUP",
      ]);
      total.consultations += expected.consultations;
      total.people += expected.people;
      total.participants += expected.participants;
    }
    expect(total.consultations).toBeGreaterThan(0);
    expect(total.people).toBeGreaterThan(0);
    expect(total.participants).toBeGreaterThan(0);
  });

  it("reports the hubs of a year as the city's document does, by district", async () => {
    for (const h of data.hubs.history) {
      const r = await report(h.fiscalYear, "koho", ["staff"]);
      expect(r.hubFigures.hubs.value).toBe(h.hubs);
      expect(r.hubFigures.districtsWithHub.value).toBe(h.districts);
      expect(r.hubFigures.byDistrict).toHaveLength(data.city.districts);
      expect(r.hubFigures.byDistrict.reduce((n: number, d: { hubs: { value: number } }) => n + d.hubs.value, 0)).toBe(h.hubs);
    }
  });

  it('shows small counts of people as "<5" to a caller who is not entitled, such as a policy meeting\'s member', async () => {
    const fy = fiscalYear(new Date(Date.now() - 90 * 86_400_000));
    const expected = await countCases(fy);
    expect(expected.consultations).toBeLessThan(5);
    const r = await report(fy, "koho", ["staff"]);
    expect(r.caseFigures.consultations).toEqual({ value: null, display: "<5", suppressed: true });
    // Sites are organisations, not people: never suppressed.
    expect(r.caseFigures.participationPartners.value).not.toBeNull();
    // The analyst role counts only for the organisations configured for it (PRIVILEGED_ROLE_ORGS).
    const selfMade = await report(fy, "koho", ["analyst"]);
    expect(selfMade.caseFigures.consultations.suppressed).toBe(true);
    const analyst = await report(fy, "fukushi-suishin-bu", ["analyst"]);
    expect(analyst.caseFigures.consultations.value).toBe(expected.consultations);
  });
});
