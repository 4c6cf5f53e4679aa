import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReferenceData, tokyoDate } from "@marugoto/shared";
import { whileRowHeld } from "../../../../tests/helpers/held-row.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";
import { addMonths, weekStart } from "./participation.service.js";

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(casesSubgraph);
});
afterAll(() => sg?.close());

const LEAD = "self-reliance-support-agency";
const fee = loadReferenceData().challengeWork.feePerSessionYen;

/** A new case (its household and main person) received by the lead. */
async function openCase(): Promise<{ caseId: string; personId: string }> {
  const opened = await sg.query(
    `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id mainPerson { id } } } }`,
    {
      i: {
        receivedOn: "2025-05-01",
        takenBy: "相談員",
        sourceKind: "AGENCY",
        problemAreas: ["EMPLOYMENT"],
        mainProblemArea: "EMPLOYMENT",
        consentAnswer: "GIVEN",
        person: { name: "架空 三郎" },
      },
    },
    LEAD,
  );
  const { id: caseId, mainPerson } = opened.data!.receiveConsultation.case;
  return { caseId, personId: mainPerson.id };
}

/** Places a member of the case's household at the site `siteCode`; answers the placement's id. */
async function place(caseId: string, personId: string, startedOn: string, siteCode = "welfare-facility-01"): Promise<string> {
  const sites = (await sg.query(`{ participationSites { id code kind } }`)).data!.participationSites as {
    id: string;
    code: string;
    kind: string;
  }[];
  const site = sites.find((s) => s.code === siteCode)!;
  const placed = await sg.query(
    `mutation ($c: ID!, $p: ID!, $s: ID!, $d: LocalDate!) { placeInChallengeWork(input: { caseId: $c, personId: $p, siteId: $s, startedOn: $d }) { placement { id } userErrors { code } } }`,
    { c: caseId, p: personId, s: site.id, d: startedOn },
    LEAD,
  );
  expect(placed.data!.placeInChallengeWork.userErrors).toEqual([]);
  return placed.data!.placeInChallengeWork.placement.id;
}

async function placement(
  startedOn: string,
  siteCode = "welfare-facility-01",
): Promise<{ placementId: string; caseId: string; personId: string }> {
  const { caseId, personId } = await openCase();
  return { placementId: await place(caseId, personId, startedOn, siteCode), caseId, personId };
}

const log = (placementId: string, date: string, org = LEAD) =>
  sg.query(
    `mutation ($p: ID!, $d: LocalDate!) { logWorkSession(placementId: $p, date: $d) { placement { id } userErrors { code message } } }`,
    { p: placementId, d: date },
    org,
  );

describe("チャレンジ就労", () => {
  it("has the 52 network facilities and new non-welfare partners as sites", async () => {
    const sites = (await sg.query(`{ participationSites { kind organization { code } } }`)).data!.participationSites as { kind: string }[];
    expect(sites.filter((s) => s.kind === "WELFARE_FACILITY")).toHaveLength(loadReferenceData().challengeWork.networkFacilities);
    expect(sites.some((s) => s.kind === "NON_WELFARE_PARTNER")).toBe(true);
  });

  it("refuses the fourth session in one Monday–Sunday week, and keeps the fee ledger at ¥500 × sessions", async () => {
    const { placementId } = await placement("2025-06-01");
    // 2025-06-02 is a Monday; the week runs to Sunday 06-08.
    for (const d of ["2025-06-02", "2025-06-03", "2025-06-04"])
      expect((await log(placementId, d)).data!.logWorkSession.userErrors).toEqual([]);
    const fourth = await log(placementId, "2025-06-08");
    expect(fourth.data!.logWorkSession.userErrors[0]).toMatchObject({ code: "WEEKLY_SESSION_LIMIT" });
    expect(fourth.data!.logWorkSession.userErrors[0].message).toContain("週3回まで");
    expect((await log(placementId, "2025-06-09")).data!.logWorkSession.userErrors).toEqual([]); // the next Monday
    // The site's organisation was assigned as support by the placement: it logs sessions too.
    expect((await log(placementId, "2025-06-30", "welfare-facility-01")).data!.logWorkSession.userErrors).toEqual([]);

    const ledger = await sg.query(
      `query ($c: ID!) { case(id: $c) { placements { june: ledger(month: "2025-06") { sessions feePerSessionYen totalYen } may: ledger(month: "2025-05") { sessions totalYen } } } }`,
      { c: await caseOf(placementId) },
      LEAD,
    );
    const june = ledger.data!.case.placements[0].june;
    expect(june).toEqual({ sessions: 5, feePerSessionYen: fee, totalYen: fee * 5 });
    expect(ledger.data!.case.placements[0].may).toEqual({ sessions: 0, totalYen: 0 });
  });

  it("lets only one of two simultaneous sessions become the third of the week", async () => {
    const { placementId } = await placement("2025-07-01");
    await log(placementId, "2025-07-07");
    await log(placementId, "2025-07-08");
    const [a, b] = await Promise.all([log(placementId, "2025-07-09"), log(placementId, "2025-07-10")]);
    const refused = [a, b].filter((r) => r.data!.logWorkSession.userErrors.length);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.data!.logWorkSession.userErrors[0].code).toBe("WEEKLY_SESSION_LIMIT");
  });

  it("counts the weekly limit per person, over their placements at every site, ended or not", async () => {
    const { placementId: atA, caseId, personId } = await placement("2025-08-01", "welfare-facility-01");
    const atB = await place(caseId, personId, "2025-08-01", "welfare-facility-02");
    // 2025-09-01 is a Monday; the week runs to Sunday 09-07.
    for (const d of ["2025-09-01", "2025-09-02", "2025-09-03"]) expect((await log(atA, d)).data!.logWorkSession.userErrors).toEqual([]);
    // A session logged is a session: the placement at A ending does not give its sessions back.
    await sg.running.em.fork().execute(`update cases.placement set ended_on = '2025-09-03' where id = ?`, [atA]);
    const fourth = (await log(atB, "2025-09-04")).data!.logWorkSession;
    expect(fourth.placement).toBeNull();
    expect(fourth.userErrors[0]).toMatchObject({ code: "WEEKLY_SESSION_LIMIT" });
    expect(fourth.userErrors[0].message).toContain("週3回まで");
    expect((await log(atB, "2025-09-08")).data!.logWorkSession.userErrors).toEqual([]); // the next Monday
    expect(await sessionsOfPerson(personId, "2025-09-01", "2025-09-07")).toBe(3);
  });

  it("lets only one of two simultaneous sessions on two placements of one person, in two cases, become the third of the week", async () => {
    const { placementId: atA, personId } = await placement("2025-08-01", "welfare-facility-01");
    // The person is also a member of a second case's household (no mutation does this yet; the schema
    // allows it): that case's lock is not the first's, so only the person's lock keeps the two apart.
    const other = await openCase();
    await sg.running.em
      .fork()
      .execute(
        `insert into cases.household_member (id, household_id, person_id, relation) select gen_random_uuid(), household_id, ?, '兄' from cases.support_case where id = ?`,
        [personId, other.caseId],
      );
    const atB = await place(other.caseId, personId, "2025-08-01", "welfare-facility-02");
    // 2025-09-15 is a Monday.
    for (const d of ["2025-09-15", "2025-09-16"]) expect((await log(atA, d)).data!.logWorkSession.userErrors).toEqual([]);
    const answers = await whileRowHeld(sg.running.em, "cases.person", personId, [
      () => log(atA, "2025-09-17"),
      () => log(atB, "2025-09-18"),
    ]);
    const errors = answers.map((a) => a.data!.logWorkSession.userErrors as { code: string }[]);
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    expect(errors.flat().map((e) => e.code)).toEqual(["WEEKLY_SESSION_LIMIT"]);
    expect(await sessionsOfPerson(personId, "2025-09-15", "2025-09-21")).toBe(3);
  });

  it("answers an organisation with no ground on the case about the placement it named, never the case behind it", async () => {
    const { placementId, caseId } = await placement("2025-01-06");
    const randomId = "0190a0a0-0000-7000-8000-0000000000aa";
    const errorsOf = async (query: string, id: string) =>
      (await sg.query(query, { p: id, d: "2025-01-08" }, "koho")).errors?.map((e) => ({ message: e.message, ...e.extensions }));
    for (const query of [
      `mutation ($p: ID!, $d: LocalDate!) { logWorkSession(placementId: $p, date: $d) { userErrors { code } } }`,
      `mutation ($p: ID!, $d: LocalDate!) { recordPlacementMonitoring(placementId: $p, date: $d) { userErrors { code } } }`,
    ]) {
      const real = await errorsOf(query, placementId);
      expect(real).toEqual([{ message: "チャレンジ就労が見つかりません。", code: "NOT_FOUND", id: placementId }]);
      expect(JSON.stringify(real)).not.toContain(caseId);
      // As for an id that names nothing: the two answers differ only in the id sent.
      expect(await errorsOf(query, randomId)).toEqual([{ message: "チャレンジ就労が見つかりません。", code: "NOT_FOUND", id: randomId }]);
    }
  });

  it("takes a monitoring date within the placement, not in the future and not before the last one", async () => {
    const { placementId } = await placement("2025-01-06");
    const monitor = async (date: string) =>
      (
        await sg.query(
          `mutation ($p: ID!, $d: LocalDate!) { recordPlacementMonitoring(placementId: $p, date: $d) { placement { lastMonitoredOn } userErrors { code message } } }`,
          { p: placementId, d: date },
          LEAD,
        )
      ).data!.recordPlacementMonitoring as {
        placement: { lastMonitoredOn: string } | null;
        userErrors: { code: string; message: string }[];
      };
    const [year, month, day] = tokyoDate().split("-").map(Number);
    const tomorrow = new Date(Date.UTC(year!, month! - 1, day! + 1)).toISOString().slice(0, 10);
    // A date far ahead would keep the placement off the overdue list for years.
    expect((await monitor(tomorrow)).userErrors.map((e) => e.code)).toEqual(["DATE_IN_FUTURE"]);
    expect((await monitor("2025-01-05")).userErrors.map((e) => e.code)).toEqual(["OUTSIDE_PLACEMENT"]);
    expect(await monitor("2025-04-01")).toEqual({ placement: { lastMonitoredOn: "2025-04-01" }, userErrors: [] });
    expect((await monitor("2025-03-01")).userErrors).toEqual([
      { code: "MONITORING_DATE_BEFORE_LAST", message: "モニタリング日は前回（2025-04-01）より前にはできません。" },
    ]);
    expect(await monitor("2025-04-01")).toEqual({ placement: { lastMonitoredOn: "2025-04-01" }, userErrors: [] });
    expect(await monitor("2025-07-01")).toEqual({ placement: { lastMonitoredOn: "2025-07-01" }, userErrors: [] });
  });

  it("lists placements whose 3-monthly monitoring is overdue, until it is recorded", async () => {
    const { placementId } = await placement("2025-01-06");
    const overdue = async () =>
      (
        (await sg.query(`{ overdueParticipationMonitorings { id nextMonitoringDue monitoringOverdue } }`, {}, LEAD)).data!
          .overdueParticipationMonitorings as { id: string }[]
      ).map((p) => p.id);
    expect(await overdue()).toContain(placementId);
    await sg.query(
      `mutation ($p: ID!, $d: LocalDate!) { recordPlacementMonitoring(placementId: $p, date: $d) { userErrors { code } } }`,
      { p: placementId, d: tokyoDate() },
      LEAD,
    );
    expect(await overdue()).not.toContain(placementId);
    // Another organisation without a ground is shown nothing.
    expect((await sg.query(`{ overdueParticipationMonitorings { id } }`, {}, "koho")).data!.overdueParticipationMonitorings).toEqual([]);
  });

  it("shows a placement only under a ground that discloses progress: not the overdue list, nor a replayed answer, to a consent for basic information", async () => {
    const { placementId, caseId } = await placement("2025-01-06");
    const X = "choju-shien";
    const as = (query: string, variables: Record<string, unknown>, org = LEAD) => sg.query(query, variables, org);
    await as(`mutation ($c: ID!) { assignOrganization(caseId: $c, organizationCode: "${X}", role: SUPPORT) { userErrors { code } } }`, {
      c: caseId,
    });
    const consented = await as(
      `mutation ($c: ID!, $d: LocalDate!) { recordConsent(input: { caseId: $c, organizationCodes: ["${X}"], infoKinds: [BASIC], coversMultiLayeredMeeting: false, givenOn: $d }) { userErrors { code } } }`,
      { c: caseId, d: tokyoDate() },
    );
    expect(consented.data!.recordConsent.userErrors).toEqual([]);
    const LOG = `mutation ($p: ID!) { logWorkSession(placementId: $p, date: "2025-01-07", idempotencyKey: "x-session-1") { placement { id sessions { date } } userErrors { code } } }`;
    // Assigned: the session is logged and the placement shown.
    expect((await as(LOG, { p: placementId }, X)).data!.logWorkSession).toMatchObject({ placement: { id: placementId }, userErrors: [] });
    const overdue = async () =>
      ((await as(`{ overdueParticipationMonitorings { id } }`, {}, X)).data!.overdueParticipationMonitorings as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await overdue()).toContain(placementId);
    // The assignment ends; the consent for basic information stays.
    const ended = await as(`mutation ($c: ID!) { endAssignment(caseId: $c, organizationCode: "${X}") { userErrors { code } } }`, {
      c: caseId,
    });
    expect(ended.data!.endAssignment.userErrors).toEqual([]);
    expect(await overdue()).not.toContain(placementId);
    // A retry of the same attempt applies nothing more, and shows no progress the consent does not cover.
    expect((await as(LOG, { p: placementId }, X)).data!.logWorkSession).toEqual({ placement: null, userErrors: [] });
    const visible = await as(`query ($c: ID!) { case(id: $c) { grounds placements { id } } }`, { c: caseId }, X);
    expect(visible.data!.case).toMatchObject({ grounds: ["CONSENT"], placements: null });
  });

  it("computes weeks and months as the rules say", () => {
    expect(weekStart("2025-06-08")).toBe("2025-06-02"); // Sunday → its Monday
    expect(weekStart("2025-06-09")).toBe("2025-06-09");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2025-01-06", 3)).toBe("2025-04-06");
  });
});

async function caseOf(placementId: string): Promise<string> {
  const [row] = await sg.running.em
    .fork()
    .execute<{ case_id: string }[]>(`select case_id from cases.placement where id = ?`, [placementId]);
  return row!.case_id;
}

/** How many sessions the person has between two dates (inclusive), over all their placements. */
async function sessionsOfPerson(personId: string, from: string, to: string): Promise<number> {
  const [row] = await sg.running.em
    .fork()
    .execute<{ n: string }[]>(
      `select count(*) as n from cases.work_session s join cases.placement p on p.id = s.placement_id where p.person_id = ? and s.date between ? and ?`,
      [personId, from, to],
    );
  return Number(row!.n);
}
