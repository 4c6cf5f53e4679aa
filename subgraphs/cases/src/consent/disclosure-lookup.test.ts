import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokyoDate } from "@marugoto/shared";
import { consultationInput } from "../../../../tests/helpers/cases.js";
import { startSubgraph, type TestSubgraph } from "../../../../tests/helpers/subgraph.js";
import { casesSubgraph } from "../subgraph.js";

/**
 * The meetings subgraph as the cases subgraph asks it before a disclosure, held until the test lets
 * it answer: a 支援会議 with 介護保険課 among its members.
 */
let meetings: Server;
let asked = 0;
let answer: () => void = () => undefined;
let sg: TestSubgraph;
beforeAll(async () => {
  meetings = createServer((req, res) => {
    asked++;
    req.resume();
    answer = () =>
      res.setHeader("content-type", "application/json").end(
        JSON.stringify({
          data: { meeting: { body: { kind: "SUPPORT_MEETING" }, members: [{ pledged: true, organization: { code: "kaigo-hoken" } }] } },
        }),
      );
  });
  await new Promise<void>((resolve) => meetings.listen(0, "127.0.0.1", resolve));
  sg = await startSubgraph(casesSubgraph, { MEETINGS_URL: `http://127.0.0.1:${(meetings.address() as AddressInfo).port}/graphql` });
});
afterAll(async () => {
  await sg?.close();
  meetings?.closeAllConnections();
  await new Promise((resolve) => meetings?.close(resolve));
});

const LEAD = "self-reliance-support-agency";

describe("a disclosure asks the meetings subgraph before its transaction and the case's lock", () => {
  it("lets another write on the case through while the meeting is being asked", async () => {
    const opened = await sg.query(
      `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id } userErrors { code } } }`,
      { i: consultationInput({ name: "架空 五郎" }) },
      LEAD,
    );
    const caseId = opened.data!.receiveConsultation.case.id as string;
    const disclosure = sg.query(
      `mutation ($c: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $c, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["kaigo-hoken"], purpose: "支援方針の協議" }) { case { id } userErrors { code } } }`,
      { c: caseId, m: "0190a0a0-0000-7000-8000-000000000001" },
      LEAD,
    );
    await expect.poll(() => asked, { timeout: 10_000 }).toBe(1);
    // Asked before its transaction opened: no connection of the cases subgraph is in one meanwhile.
    const [open] = await sg.running.em
      .fork()
      .execute<{ n: string }[]>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()`,
      );
    expect(Number(open!.n)).toBe(0);
    // The meeting has not answered yet: a progress entry on the same case is written meanwhile (it waited for
    // the whole call while the disclosure held the case's lock, and with a slow meetings subgraph so did every write).
    const progress = sg.query(
      `mutation ($c: ID!, $d: LocalDate!) { logProgress(input: { caseId: $c, date: $d, method: PHONE, staff: "担当", content: "電話で確認" }) { userErrors { code } } }`,
      { c: caseId, d: tokyoDate() },
      LEAD,
    );
    const first = await Promise.race([progress.then(() => "progress"), new Promise((r) => setTimeout(() => r("still waiting"), 3_000))]);
    answer();
    expect(first).toBe("progress");
    expect((await progress).data!.logProgress.userErrors).toEqual([]);
    expect((await disclosure).data!.discloseToMeeting).toEqual({ case: { id: caseId }, userErrors: [] });
  });
});
