import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYear, fiscalYearLabel, repoRoot, signFileTicket } from "@marugoto/shared";
import { consultationInput } from "../helpers/cases.js";
import { bearer, dataAs } from "../helpers/client.js";
import { pdfFonts, pdfText } from "../helpers/readers.js";
import { loadSupergraph, startGateway } from "../../gateway/src/server.js";
import { anotherGateway, startStack, TEST_SECRET, type Stack } from "../helpers/stack.js";

const LEAD = "self-reliance-support-agency";
const ARTIFACTS = path.join(repoRoot, "test-results");
const CHAIR = "seikatsu-fukushi";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const gql = (query: string, variables: Record<string, unknown>, token: string, operationName?: string) =>
  dataAs(stack.gateway.url, token, query, variables, { operationName });

const origin = () => stack.gateway.url.replace(/\/graphql$/, "");
const download = (url: string) => fetch(origin() + url);

const MINUTES_FILE = `mutation ($id: ID!) { requestMinutesFile(meetingId: $id) { link { url fileName contentType expiresAt } userErrors { code message } } }`;

async function minutesLink(meetingId: string, token: string) {
  return (await gql(MINUTES_FILE, { id: meetingId }, token)).requestMinutesFile as {
    link: { url: string; contentType: string; expiresAt: string } | null;
    userErrors: { code: string }[];
  };
}

async function auditOf(caseId: string, org: string) {
  const d = await gql(
    `query ($id: ID!, $org: String!) { auditLog(caseId: $id, organizationCode: $org, first: 100) { edges { node { ground operation } } } }`,
    { id: caseId, org },
    await stack.token(CHAIR, ["auditor"]),
  );
  return d.auditLog.edges.map((e: { node: unknown }) => e.node) as { ground: string; operation: string }[];
}

/**
 * A 支援会議 on 2031-05-01 14:00 (Tokyo) with one case item, a decision and an action item, and draft
 * minutes. The case is disclosed to kaigo-hoken only; the chair, nozei and kaigo-hoken pledged; the
 * lead agency did not.
 */
async function caseMeeting(): Promise<{ meetingId: string; caseId: string; caseNumber: string }> {
  const chair = await stack.token(CHAIR, ["chair"]);
  const lead = await stack.token(LEAD);
  const meetingId = (
    await gql(
      `mutation { scheduleMeeting(input: { bodyCode: "support-meeting", title: "第3回 支援会議", startsAt: "2031-05-01T05:00:00Z", endsAt: "2031-05-01T06:30:00Z", place: "山形市役所 本庁舎 第1会議室", memberCodes: ["nozei", "kaigo-hoken", "${LEAD}"] }) { meeting { id } userErrors { code } } }`,
      {},
      chair,
    )
  ).scheduleMeeting.meeting.id as string;
  const opened = await gql(
    `mutation ($i: ReceiveConsultationInput!) { receiveConsultation(input: $i) { case { id caseNumber } userErrors { code } } }`,
    {
      i: consultationInput({ name: "架空 三郎" }),
    },
    lead,
  );
  const { id: caseId, caseNumber } = opened.receiveConsultation.case;
  for (const org of [CHAIR, "nozei", "kaigo-hoken"]) {
    const r = await gql(
      `mutation ($id: ID!) { pledgeConfidentiality(meetingId: $id) { userErrors { code } } }`,
      { id: meetingId },
      org === CHAIR ? chair : await stack.token(org),
    );
    expect(r.pledgeConfidentiality.userErrors).toEqual([]);
  }
  const disclosed = await gql(
    `mutation ($id: ID!, $m: ID!) { discloseToMeeting(input: { caseId: $id, kind: SUPPORT_MEETING, meetingId: $m, organizationCodes: ["kaigo-hoken"], purpose: "支援方針の協議" }) { userErrors { code } } }`,
    { id: caseId, m: meetingId },
    lead,
  );
  expect(disclosed.discloseToMeeting.userErrors).toEqual([]);
  const item = await gql(
    `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } userErrors { code } } }`,
    { i: { meetingId, kind: "CASE", title: "債務整理の支援方針", description: "家計改善支援の利用を検討する。", caseId } },
    chair,
  );
  expect(item.addAgendaItem.userErrors).toEqual([]);
  const itemId = item.addAgendaItem.item.id as string;
  await gql(
    `mutation ($id: ID!) { recordAttendance(meetingId: $id, organizationCode: "nozei", attendance: PRESENT) { userErrors { code } } }`,
    { id: meetingId },
    chair,
  );
  await gql(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
  const decided = await gql(
    `mutation ($id: ID!) { recordDecision(itemId: $id, content: "家計改善支援につなぐ。") { userErrors { code } } }`,
    { id: itemId },
    chair,
  );
  expect(decided.recordDecision.userErrors).toEqual([]);
  const action = await gql(
    `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { userErrors { code } } }`,
    { i: { itemId, title: "納付相談の日程調整", assigneeCode: "nozei", dueDate: "2031-05-15" } },
    chair,
  );
  expect(action.createActionItem.userErrors).toEqual([]);
  const drafted = await gql(
    `mutation ($id: ID!) { draftMinutes(meetingId: $id, content: "開会。\\n債務整理の支援方針について協議した。\\n閉会。") { userErrors { code } } }`,
    { id: meetingId },
    chair,
  );
  expect(drafted.draftMinutes.userErrors).toEqual([]);
  return { meetingId, caseId, caseNumber };
}

const REPORT = `query ($fy: Int!) {
  fiscalYearReport(fiscalYear: $fy) {
    caseFigures { consultations { value display } peopleSupported { value display } supportPlans { value display } collaborationsEnded { value display } closures { value display } participationPartners { value display } participationParticipants { value display } }
    meetingsHeld { kind held { value display } }
    hubFigures { hubs { value display } hubSessions { value display } hubParticipants { value display } worriesHeard { value display } worriesPassedOn { value display } districtsWithHub { value display }
      byDistrict { district { name } hubs { value display } hubSessions { value display } hubParticipants { value display } worriesHeard { value display } worriesPassedOn { value display } } }
  }
}`;
const REPORT_FILE = `mutation ($fy: Int!, $format: ReportFileFormat!, $section: ReportSection) { requestFiscalYearReportFile(fiscalYear: $fy, format: $format, section: $section) { link { url fileName } userErrors { code message } } }`;

type F = { value: number | null; display: string };
const shown = (f: F) => (f.value === null ? f.display : f.value);

async function workbook(fy: number, token: string) {
  const r = (await gql(REPORT_FILE, { fy, format: "XLSX" }, token)).requestFiscalYearReportFile;
  expect(r.userErrors).toEqual([]);
  const res = await download(r.link.url);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return wb;
}
const rowsOf = (wb: ExcelJS.Workbook, name: string) => {
  const rows: unknown[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};
const valueOf = (rows: unknown[][], label: string) => rows.find((r) => r[0] === label)?.[1];

// First: the seeded year has fewer than 5 consultations until the minutes tests open cases.
describe("the fiscal-year report as a workbook and CSV", () => {
  const fy = () => fiscalYear(new Date(Date.now() - 90 * 86_400_000));

  it("equals fiscalYearReport's figures, sheet by sheet, with 令和 labels and district rows, small counts suppressed for a caller without analyst or auditor", async () => {
    for (const [org, roles] of [
      ["koho", ["staff"]],
      ["fukushi-suishin-bu", ["analyst"]],
    ] as const) {
      const token = await stack.token(org, [...roles]);
      const graph = (await gql(REPORT, { fy: fy() }, token)).fiscalYearReport;
      const wb = await workbook(fy(), token);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["地域づくり拠点", "相談・支援実人数", "プラン・終結", "会議の開催", "参加支援"]);
      const c = graph.caseFigures;
      const consult = rowsOf(wb, "相談・支援実人数");
      expect(consult[0]![0]).toBe(`${fiscalYearLabel(fy())}（${fy()}年度）相談受付・支援実人数`);
      expect(valueOf(consult, "相談受付件数")).toBe(shown(c.consultations));
      expect(valueOf(consult, "支援実人数")).toBe(shown(c.peopleSupported));
      const plans = rowsOf(wb, "プラン・終結");
      expect(valueOf(plans, "プラン作成件数")).toBe(shown(c.supportPlans));
      expect(valueOf(plans, "多機関協働の終結")).toBe(shown(c.collaborationsEnded));
      expect(valueOf(plans, "終結件数")).toBe(shown(c.closures));
      const part = rowsOf(wb, "参加支援");
      expect(valueOf(part, "受け入れ先")).toBe(shown(c.participationPartners));
      expect(valueOf(part, "利用者数")).toBe(shown(c.participationParticipants));
      const meetings = rowsOf(wb, "会議の開催");
      expect(meetings.slice(2).map((r) => r[1])).toEqual(graph.meetingsHeld.map((m: { held: F }) => shown(m.held)));
      expect(meetings[2]![0]).toBe("支援会議");
      const hubs = rowsOf(wb, "地域づくり拠点");
      const districts = graph.hubFigures.byDistrict as {
        district: { name: string };
        hubs: F;
        hubSessions: F;
        hubParticipants: F;
        worriesHeard: F;
        worriesPassedOn: F;
      }[];
      expect(hubs.slice(2, 2 + districts.length)).toEqual(
        districts.map((d) => [
          d.district.name,
          shown(d.hubs),
          shown(d.hubSessions),
          shown(d.hubParticipants),
          shown(d.worriesHeard),
          shown(d.worriesPassedOn),
        ]),
      );
      const h = graph.hubFigures;
      expect(hubs[2 + districts.length]).toEqual([
        "合計",
        shown(h.hubs),
        shown(h.hubSessions),
        shown(h.hubParticipants),
        shown(h.worriesHeard),
        shown(h.worriesPassedOn),
      ]);
      if (org === "koho") expect(valueOf(consult, "相談受付件数")).toBe("<5");
      else expect(typeof valueOf(consult, "相談受付件数")).toBe("number");
    }
  });

  it("gives each section as CSV in UTF-8 with a BOM, with the same suppression", async () => {
    const token = await stack.token("koho");
    const r = (await gql(REPORT_FILE, { fy: fy(), format: "CSV", section: "CONSULTATIONS" }, token)).requestFiscalYearReportFile;
    expect(r.userErrors).toEqual([]);
    const res = await download(r.link.url);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[1]).toBe("項目,件数");
    expect(lines[2]).toBe("相談受付件数,<5");
    const missing = (await gql(REPORT_FILE, { fy: fy(), format: "CSV" }, token)).requestFiscalYearReportFile;
    expect(missing).toEqual({ link: null, userErrors: [{ code: "SECTION_REQUIRED", message: expect.stringContaining("CSV") }] });
  });

  it("gives the hubs, plans, participation and meetings sections as CSV too: BOM, title, header, a row per district, and <5 for staff", async () => {
    const token = await stack.token("koho");
    const graph = (await gql(REPORT, { fy: fy() }, token)).fiscalYearReport;
    const csv = async (section: string) => {
      const r = (await gql(REPORT_FILE, { fy: fy(), format: "CSV", section }, token)).requestFiscalYearReportFile;
      expect(r.userErrors).toEqual([]);
      const res = await download(r.link.url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString("utf8").slice(1).split("\r\n");
      expect(lines.pop()).toBe(""); // every line ends with CRLF
      return lines;
    };
    const row = (...cells: unknown[]) => cells.map(String).join(",");
    const title = (name: string) => `${fiscalYearLabel(fy())}（${fy()}年度）${name}`;
    const c = graph.caseFigures;

    const hubs = await csv("HUBS");
    const h = graph.hubFigures;
    const districts = h.byDistrict as ({ district: { name: string } } & Record<
      "hubs" | "hubSessions" | "hubParticipants" | "worriesHeard" | "worriesPassedOn",
      F
    >)[];
    expect(districts.length).toBeGreaterThanOrEqual(30); // every district, with or without a hub
    expect(hubs).toEqual([
      title("地域づくり拠点"),
      "地区,拠点数,活動回数,参加者数（延べ）,困りごと,つないだ困りごと",
      ...districts.map((d) =>
        row(
          d.district.name,
          shown(d.hubs),
          shown(d.hubSessions),
          shown(d.hubParticipants),
          shown(d.worriesHeard),
          shown(d.worriesPassedOn),
        ),
      ),
      row("合計", shown(h.hubs), shown(h.hubSessions), shown(h.hubParticipants), shown(h.worriesHeard), shown(h.worriesPassedOn)),
      row("拠点のある地区数", shown(h.districtsWithHub)),
      "「—」は、5未満の数値と、それを合計などから逆算されないよう併せて伏せた数値（表の合計を含むことがあります）です。閲覧の権限がある方にだけ数値で表示されます。",
      "「<5」は5未満の人数で、閲覧の権限がある方にだけ数値で表示されます。",
    ]);

    const plans = await csv("PLANS");
    expect(plans.slice(0, 5)).toEqual([
      title("プラン作成・終結"),
      "項目,件数",
      row("プラン作成件数", shown(c.supportPlans)),
      row("多機関協働の終結", shown(c.collaborationsEnded)),
      row("終結件数", shown(c.closures)),
    ]);
    expect(plans[5]).toContain("<5");
    expect(plans[2]).toBe("プラン作成件数,<5"); // a staff member: the seeded year has fewer than 5 plans

    const participation = await csv("PARTICIPATION");
    expect(participation.slice(0, 4)).toEqual([
      title("参加支援（チャレンジ就労）"),
      "項目,件数",
      row("受け入れ先", shown(c.participationPartners)),
      row("利用者数", shown(c.participationParticipants)),
    ]);
    expect(participation[3]).toBe("利用者数,<5");

    const meetings = await csv("MEETINGS");
    expect(meetings.slice(0, 2)).toEqual([title("会議の開催"), "会議の種類,開催回数"]);
    expect(meetings.slice(2).map((l) => l.split(",")[1])).toEqual(graph.meetingsHeld.map((m: { held: F }) => String(shown(m.held))));
  });

  it("cannot turn a staff member's link into an analyst's: the roles are those of the caller who asked", async () => {
    const token = await stack.token("fukushi-suishin-bu", ["staff"]);
    const wb = await workbook(fy(), token);
    expect(valueOf(rowsOf(wb, "相談・支援実人数"), "相談受付件数")).toBe("<5");
  });
});

describe("the minutes as a PDF", () => {
  it("gives a pledged member a Japanese PDF with fonts embedded: a draft with 案, the date in 令和 and Western form, place, attendance, agenda, decisions and action items", async () => {
    const { meetingId, caseNumber } = await caseMeeting();
    const { link, userErrors } = await minutesLink(meetingId, await stack.token("nozei"));
    expect(userErrors).toEqual([]);
    expect(link!.url).toMatch(/^\/files\//);
    expect(new Date(link!.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const res = await download(link!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const pdf = Buffer.from(await res.arrayBuffer());
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, "minutes-draft.pdf"), pdf);
    const text = await pdfText(pdf);
    for (const line of [
      "議事録（案）",
      "会議体：支援会議",
      "会議名：第3回 支援会議",
      "日時：令和13年5月1日（2031年5月1日） 14時00分〜15時30分",
      "場所：山形市役所 本庁舎 第1会議室",
      "納税課（構成員）：出席",
      "1. 債務整理の支援方針（個別ケース）",
      "家計改善支援の利用を検討する。",
      "決定事項：家計改善支援につなぐ。",
      "対応事項：納付相談の日程調整／担当：納税課／期限：令和13年5月15日（2031年5月15日）／状況：未着手",
      "債務整理の支援方針について協議した。",
      "承認状況：未承認（案）",
    ]) {
      expect(text.replaceAll("\n", "")).toContain(line);
    }
    expect(text).toMatch(/^案$/m); // the watermark
    expect(text).not.toContain("確定版");
    // nozei pledged but has no ground to the case: no case number, as in the graph.
    expect(text).not.toContain(caseNumber);
    const fonts = await pdfFonts(pdf);
    expect(fonts.some((f) => /NotoSansJP/.test(f.name))).toBe(true);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]); // each font its own file: none left to the reader's machine
  });

  it("marks approved minutes final with the approver, and shows the case number to a member with a ground, audited as a read", async () => {
    const { meetingId, caseId, caseNumber } = await caseMeeting();
    const chair = await stack.token(CHAIR, ["chair"]);
    await gql(`mutation ($id: ID!) { closeMeeting(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
    const approved = await gql(`mutation ($id: ID!) { approveMinutes(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
    expect(approved.approveMinutes.userErrors).toEqual([]);
    // The chair changes after the approval (a roster correction): the minutes still name who approved them.
    await stack.subgraphs
      .meetings!.em.fork()
      .execute(
        `update meetings.meeting_member set role = case organization_code when ? then 'MEMBER' else 'CHAIR' end where meeting_id = ? and organization_code in (?, 'nozei')`,
        [CHAIR, meetingId, CHAIR],
      );
    expect(await auditOf(caseId, "kaigo-hoken")).toEqual([]);
    const { link } = await minutesLink(meetingId, await stack.token("kaigo-hoken"));
    const text = await pdfText(Buffer.from(await (await download(link!.url)).arrayBuffer()));
    expect(text).toContain("確定版（承認済み）");
    expect(text).toContain("承認状況：承認済み（確定版）");
    expect(text).toContain("承認者：生活福祉課（座長・議長）");
    expect(text).toContain("納税課（座長・議長）："); // the chair now, in the attendance list only
    expect(text).not.toContain("承認者：納税課");
    expect(text).not.toMatch(/^案$/m);
    expect(text).not.toContain("議事録（案）");
    expect(text).toContain(`ケース番号：${caseNumber}`);
    expect(await auditOf(caseId, "kaigo-hoken")).toContainEqual({ ground: "SUPPORT_MEETING", operation: "MinutesFile:AgendaItem.case" });
  });

  it("refuses a member without a pledge and a non-member, as the graph does", async () => {
    const { meetingId } = await caseMeeting();
    expect((await minutesLink(meetingId, await stack.token(LEAD))).userErrors.map((e) => e.code)).toEqual(["PLEDGE_REQUIRED"]);
    expect((await minutesLink(meetingId, await stack.token("koho"))).userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    expect((await minutesLink("00000000-0000-0000-0000-000000000000", await stack.token("nozei"))).userErrors.map((e) => e.code)).toEqual([
      "NOT_FOUND",
    ]);
  });

  it("serves a link once, to its holder's rights only: reused, expired, tampered or forged links are refused", async () => {
    const { meetingId, caseNumber } = await caseMeeting();
    const { link } = await minutesLink(meetingId, await stack.token("nozei"));
    expect((await download(link!.url)).status).toBe(200);
    const again = await download(link!.url);
    expect(again.status).toBe(410);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("TICKET_USED");

    // A ticket naming another caller or document needs the gateway's secret: a changed one is refused.
    const fresh = (await minutesLink(meetingId, await stack.token("nozei"))).link!.url;
    const [payload, signature] = fresh.slice("/files/".length).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    claims.id = { sub: "user-kaigo-hoken", org: "kaigo-hoken", roles: ["staff"] };
    const swapped = `/files/${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    expect((await download(swapped)).status).toBe(403);
    expect((await download("/files/garbage")).status).toBe(403);
    expect((await download(fresh)).status).toBe(200);

    const expired = signFileTicket(
      { sub: "user-nozei", org: "nozei", roles: ["staff"] },
      { kind: "minutes", meetingId },
      TEST_SECRET,
      Date.now() - 6 * 60_000,
    );
    expect((await download(`/files/${expired.ticket}`)).status).toBe(410);

    // A ticket made with the secret for someone who may not read the minutes still shows only what
    // the graph shows them: nothing.
    for (const [sub, org] of [
      ["user-koho", "koho"],
      [`user-${LEAD}`, LEAD],
    ]) {
      const stranger = signFileTicket({ sub: sub!, org: org!, roles: ["staff"] }, { kind: "minutes", meetingId }, TEST_SECRET);
      const refused = await download(`/files/${stranger.ticket}`);
      expect(refused.status).toBe(404);
      const body = await refused.text();
      for (const secret of [caseNumber, "債務整理", "家計改善", "納付相談"]) expect(body).not.toContain(secret);
    }
  });
});

describe("a file when part of the graph is away", () => {
  it("is not made at all (503), rather than a document that looks complete without its case items", async () => {
    const { meetingId } = await caseMeeting();
    const { link } = await minutesLink(meetingId, await stack.token("kaigo-hoken"));
    await stack.stopSubgraph("cases");
    try {
      const res = await download(link!.url);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FILE_UNAVAILABLE");
    } finally {
      await stack.startSubgraph("cases");
    }
  });
});

describe("files from a production gateway (registered documents only)", () => {
  it("builds the file from the gateway's own document, while a client still cannot send an unregistered one", async () => {
    const prod = await startGateway({
      supergraph: await loadSupergraph(),
      subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])),
      verifier: stack.verifier,
      identitySecret: TEST_SECRET,
      production: true,
      host: "127.0.0.1",
      port: 0,
      security: { trustedDocuments: new Map() },
    });
    try {
      const base = prod.url.replace(/\/graphql$/, "");
      const fy = fiscalYear(new Date());
      const ticket = signFileTicket(
        { sub: "user-koho", org: "koho", roles: ["staff"] },
        { kind: "fiscal-year-report", fiscalYear: fy, format: "csv", section: "MEETINGS" },
        TEST_SECRET,
      );
      const res = await fetch(`${base}/files/${ticket.ticket}`);
      expect(res.status).toBe(200);
      expect((await res.text()).split("\r\n")[1]).toBe("会議の種類,開催回数");
      const arbitrary = await fetch(prod.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(await stack.token("koho")) },
        body: JSON.stringify({ query: "query FiscalYearReportFile { __typename }" }),
      });
      expect(((await arbitrary.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        "PERSISTED_DOCUMENT_REQUIRED",
      );
    } finally {
      await prod.close();
    }
  });
});

describe("guessing links and feed tokens", () => {
  it("rate-limits each calendar feed on its own, as an identity of its own", async () => {
    const CREATE = `mutation ($label: String!) { createCalendarFeed(label: $label) { url userErrors { code } } }`;
    const nozei = await stack.token("nozei");
    const urlOf = async (label: string) => (await dataAs(stack.gateway.url, nozei, CREATE, { label })).createCalendarFeed.url as string;
    const [busy, quiet] = [await urlOf("頻繁に読まれる配信"), await urlOf("別の配信")];
    const limited = await anotherGateway(stack, { security: { rateLimitPerMinute: 3 } });
    try {
      const base = limited.url.replace(/\/graphql$/, "");
      const statuses: number[] = [];
      const responses: Response[] = [];
      for (let i = 0; i < 4; i++) responses.push(await fetch(base + busy));
      statuses.push(...responses.map((r) => r.status));
      expect(statuses).toEqual([200, 200, 200, 429]);
      // A calendar client is told when to come back.
      expect(Number(responses[3]!.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another feed has its own allowance; the address is not refused for the busy one.
      expect((await fetch(base + quiet)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("writes no rate-limit row for an unknown feed token (RATE_LIMIT_STORE=postgres); a found feed is counted there", async () => {
    const CREATE = `mutation ($label: String!) { createCalendarFeed(label: $label) { url userErrors { code } } }`;
    const url = (await dataAs(stack.gateway.url, await stack.token("nozei"), CREATE, { label: "共有の上限で数える配信" }))
      .createCalendarFeed.url as string;
    const feedKey = (token: string) => `requests:calendar-feed:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
    const shared = await anotherGateway(stack, {
      security: { rateLimitPerMinute: 3 },
      rateLimitStore: { databaseUrl: stack.database.url },
    });
    const db = new pg.Client({ connectionString: stack.database.url });
    await db.connect();
    const rows = async () => (await db.query<{ key: string }>(`select key from gateway.rate_limit`)).rows.map((r) => r.key).sort();
    try {
      const base = shared.url.replace(/\/graphql$/, "");
      const before = await rows();
      // Random tokens of a valid shape, as a guesser would send them (under the address's failure limit).
      const guesses = Array.from({ length: 30 }, () => randomBytes(32).toString("base64url"));
      for (const guess of guesses) expect((await fetch(`${base}/calendars/${guess}.ics`)).status).toBe(404);
      expect(await rows()).toEqual(before);
      // The feed that exists is served, and its allowance is counted in the shared table, per feed.
      const token = /\/calendars\/(.+)\.ics$/.exec(url)![1]!;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(base + url)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(await rows()).toEqual([...before, feedKey(token)].sort());
      const [counted] = (await db.query<{ points: number }>(`select points from gateway.rate_limit where key = $1`, [feedKey(token)])).rows;
      // The refused fourth was refused on a read: only the three served were counted.
      expect(counted!.points).toBe(3);
    } finally {
      await db.end();
      await shared.close();
    }
  });

  it("counts bad tickets and unknown feed tokens as failed authentications of the address, but not expired genuine links", async () => {
    const strict = await startGateway({
      supergraph: await loadSupergraph(),
      subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])),
      verifier: stack.verifier,
      identitySecret: TEST_SECRET,
      production: false,
      host: "127.0.0.1",
      port: 0,
      security: { authFailuresPerMinute: 3 },
    });
    try {
      const base = strict.url.replace(/\/graphql$/, "");
      // Late clicks on genuine links (expired, signature valid) are not guesses: they never use the budget up.
      for (let i = 0; i < 5; i++) {
        const late = signFileTicket(
          { sub: "user-nozei", org: "nozei", roles: ["staff"] },
          { kind: "fiscal-year-report", fiscalYear: 2025, format: "xlsx" },
          TEST_SECRET,
          Date.now() - 6 * 60_000,
        );
        expect((await fetch(`${base}/files/${late.ticket}`)).status).toBe(410);
      }
      expect((await fetch(`${base}/files/guess1.x`)).status).toBe(403);
      expect((await fetch(`${base}/calendars/${"a".repeat(43)}.ics`)).status).toBe(404);
      expect((await fetch(`${base}/files/guess2.x`)).status).toBe(403);
      const limited = await fetch(`${base}/calendars/${"b".repeat(43)}.ics`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      const file = await fetch(`${base}/files/guess3.x`);
      expect(file.status).toBe(429);
      expect(Number(file.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await file.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    } finally {
      await strict.close();
    }
  });
});
