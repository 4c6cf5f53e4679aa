import { BODY_KIND_LABELS, labelOf } from "@marugoto/shared/core";
import { fiscalYearLabel } from "./japanese.js";

/** What the report file reads from the graph, as the ticket's holder (small counts suppressed alike). */
export const REPORT_QUERY = `query FiscalYearReportFile($fy: Int!) {
  fiscalYearReport(fiscalYear: $fy) {
    fiscalYear label
    caseFigures {
      consultations { ...Figure } peopleSupported { ...Figure } supportPlans { ...Figure } collaborationsEnded { ...Figure }
      closures { ...Figure } participationPartners { ...Figure } participationParticipants { ...Figure }
    }
    meetingsHeld { kind held { ...Figure } }
    hubFigures {
      hubs { ...Figure } hubSessions { ...Figure } hubParticipants { ...Figure } worriesHeard { ...Figure } worriesPassedOn { ...Figure } districtsWithHub { ...Figure }
      byDistrict { district { code name } hubs { ...Figure } hubSessions { ...Figure } hubParticipants { ...Figure } worriesHeard { ...Figure } worriesPassedOn { ...Figure } }
    }
  }
}
fragment Figure on Count { value display suppressed }`;

interface Figure {
  value: number | null;
  display: string;
  suppressed: boolean;
}
type Hubs = { hubs: Figure; hubSessions: Figure; hubParticipants: Figure; worriesHeard: Figure; worriesPassedOn: Figure };
export interface ReportData {
  fiscalYearReport: {
    fiscalYear: number;
    label: string;
    caseFigures: Record<
      | "consultations"
      | "peopleSupported"
      | "supportPlans"
      | "collaborationsEnded"
      | "closures"
      | "participationPartners"
      | "participationParticipants",
      Figure
    >;
    meetingsHeld: { kind: string; held: Figure }[];
    hubFigures: Hubs & { districtsWithHub: Figure; byDistrict: (Hubs & { district: { code: string; name: string } })[] };
  } | null;
}
type Report = NonNullable<ReportData["fiscalYearReport"]>;

/** A cell: the number, or the text the graph shows in its place ("<5"). */
type Cell = string | number;
export interface Sheet {
  section: string;
  name: string;
  rows: Cell[][];
}

const SUPPRESSION_NOTE = "「<5」は5未満の人数で、閲覧の権限がある方にだけ数値で表示されます。";
const TABLE_SUPPRESSION_NOTE =
  "「—」は、5未満の数値と、それを合計などから逆算されないよう併せて伏せた数値（表の合計を含むことがあります）です。閲覧の権限がある方にだけ数値で表示されます。";

const cell = (f: Figure): Cell => (f.suppressed || f.value === null ? f.display : f.value);

type Title = (name: string) => Cell[];

/** Hubs by district, their total, and how many districts have one. */
function hubsSheet(h: Report["hubFigures"], title: Title): Sheet {
  return {
    section: "HUBS",
    name: "地域づくり拠点",
    rows: [
      title("地域づくり拠点"),
      ["地区", "拠点数", "活動回数", "参加者数（延べ）", "困りごと", "つないだ困りごと"],
      ...h.byDistrict.map((d) => [
        d.district.name,
        cell(d.hubs),
        cell(d.hubSessions),
        cell(d.hubParticipants),
        cell(d.worriesHeard),
        cell(d.worriesPassedOn),
      ]),
      ["合計", cell(h.hubs), cell(h.hubSessions), cell(h.hubParticipants), cell(h.worriesHeard), cell(h.worriesPassedOn)],
      ["拠点のある地区数", cell(h.districtsWithHub)],
      [TABLE_SUPPRESSION_NOTE],
      [SUPPRESSION_NOTE],
    ],
  };
}

/** The case figures' sections (consultations, plans, participation), each with the suppression note. */
function caseSheets(c: Report["caseFigures"], title: Title): Record<"consultations" | "plans" | "participation", Sheet> {
  return {
    consultations: {
      section: "CONSULTATIONS",
      name: "相談・支援実人数",
      rows: [
        title("相談受付・支援実人数"),
        ["項目", "件数"],
        ["相談受付件数", cell(c.consultations)],
        ["支援実人数", cell(c.peopleSupported)],
        [SUPPRESSION_NOTE],
      ],
    },
    plans: {
      section: "PLANS",
      name: "プラン・終結",
      rows: [
        title("プラン作成・終結"),
        ["項目", "件数"],
        ["プラン作成件数", cell(c.supportPlans)],
        ["多機関協働の終結", cell(c.collaborationsEnded)],
        ["終結件数", cell(c.closures)],
        [SUPPRESSION_NOTE],
      ],
    },
    participation: {
      section: "PARTICIPATION",
      name: "参加支援",
      rows: [
        title("参加支援（チャレンジ就労）"),
        ["項目", "件数"],
        ["受け入れ先", cell(c.participationPartners)],
        ["利用者数", cell(c.participationParticipants)],
        [SUPPRESSION_NOTE],
      ],
    },
  };
}

/** Meetings held, by kind of body. */
function meetingsSheet(meetingsHeld: Report["meetingsHeld"], title: Title): Sheet {
  return {
    section: "MEETINGS",
    name: "会議の開催",
    rows: [title("会議の開催"), ["会議の種類", "開催回数"], ...meetingsHeld.map((m) => [labelOf(BODY_KIND_LABELS, m.kind), cell(m.held)])],
  };
}

/** The report as sheets of rows, one per section: what the workbook and each CSV hold. */
export function reportSheets(r: Report): Sheet[] {
  const label = fiscalYearLabel(r.fiscalYear);
  const title: Title = (name) => [`${label}（${r.fiscalYear}年度）${name}`];
  const cases = caseSheets(r.caseFigures, title);
  return [hubsSheet(r.hubFigures, title), cases.consultations, cases.plans, meetingsSheet(r.meetingsHeld, title), cases.participation];
}

export async function renderReportXlsx(r: Report): Promise<Buffer> {
  // Loaded on first use: the spreadsheet library is not part of every gateway start.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "まるごとグラフ";
  workbook.title = `年度実績 ${fiscalYearLabel(r.fiscalYear)}`;
  for (const sheet of reportSheets(r)) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true, size: 13 };
    ws.getRow(2).font = { bold: true };
    ws.getColumn(1).width = 28;
    for (let i = 2; i <= 6; i++) ws.getColumn(i).width = 16;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvField = (v: Cell) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One sheet as CSV: UTF-8 with a BOM (Japanese Excel needs it), CRLF line ends. */
export function renderCsv(sheet: Sheet): Buffer {
  return Buffer.from("\uFEFF" + sheet.rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n", "utf8");
}
