import { createRequire } from "node:module";
import {
  ACTION_ITEM_STATUS_LABELS,
  AGENDA_ITEM_KIND_LABELS,
  ATTENDANCE_LABELS,
  labelOf,
  MEETING_MEMBER_ROLE_LABELS,
} from "@marugoto/shared/core";
import { japaneseDate, japaneseLocalDate, japaneseTime } from "./japanese.js";

const require = createRequire(import.meta.url);
/** Noto Sans JP from the npm registry (OFL): embedded and subset, so the file reads the same everywhere. */
const FONT_REGULAR = require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");
const FONT_BOLD = require.resolve("@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf");

/** What the minutes file reads from the graph, as the ticket's holder. */
export const MINUTES_QUERY = `query MinutesFile($id: ID!) {
  meeting(id: $id) {
    id title startsAt endsAt place confidential status
    body { name kind handlesIndividualCases }
    members { role attendance pledged organization { name } }
    agenda {
      position kind title description redacted
      case { caseNumber }
      presenter { name }
      decisions { content decidedAt }
      actionItems { title assigneePerson dueDate status assignee { name } }
    }
    minutes { content status nextReviewDate approvedAt updatedAt approvedBy { name } }
  }
}`;

export interface MinutesData {
  meeting: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string | null;
    place: string | null;
    confidential: boolean;
    status: string;
    body: { name: string; kind: string; handlesIndividualCases: boolean };
    members: { role: string; attendance: string; pledged: boolean; organization: { name: string } | null }[];
    agenda: {
      position: number;
      kind: string;
      title: string;
      description: string | null;
      redacted: boolean;
      case: { caseNumber: string } | null;
      presenter: { name: string } | null;
      decisions: { content: string; decidedAt: string }[];
      actionItems: {
        title: string;
        assigneePerson: string | null;
        dueDate: string | null;
        status: string;
        assignee: { name: string } | null;
      }[];
    }[];
    minutes: {
      content: string;
      status: string;
      nextReviewDate: string | null;
      approvedAt: string | null;
      updatedAt: string;
      /** Who approved, as stored at approval: never the chair of today. */
      approvedBy: { name: string } | null;
    } | null;
  } | null;
}

type Meeting = NonNullable<MinutesData["meeting"]>;

const UNKNOWN_ORG = "（名簿にない団体）";
const REDACTED_NOTE = "（個別ケースの内容は、守秘義務の誓約をした構成員にだけ記載されます）";
const DRAFT_MARK = "案";

/** The minutes as printable lines, grouped: what the PDF and the board's print page both show. */
function minutesSections(meeting: Meeting): { heading: string; lines: string[] }[] {
  const m = meeting.minutes!;
  const start = new Date(meeting.startsAt);
  const when = `${japaneseDate(start)} ${japaneseTime(start)}${meeting.endsAt ? `〜${japaneseTime(new Date(meeting.endsAt))}` : ""}`;
  const approval =
    m.status === "APPROVED"
      ? [
          `承認状況：承認済み（確定版）`,
          `承認者：${m.approvedBy?.name ?? UNKNOWN_ORG}（座長・議長）`,
          `承認日：${japaneseDate(new Date(m.approvedAt!))}`,
        ]
      : [`承認状況：未承認（案）`, `承認者：未承認`];
  const agenda = meeting.agenda.flatMap((item, i) => {
    const lines = [
      `${i + 1}. ${item.title}（${labelOf(AGENDA_ITEM_KIND_LABELS, item.kind)}）${item.presenter ? ` 説明：${item.presenter.name}` : ""}`,
    ];
    if (item.redacted) {
      lines.push(`　${REDACTED_NOTE}`);
      return lines;
    }
    if (item.case) lines.push(`　ケース番号：${item.case.caseNumber}`);
    if (item.description) lines.push(`　${item.description}`);
    for (const d of item.decisions) lines.push(`　決定事項：${d.content}`);
    for (const a of item.actionItems) {
      const who = `${a.assignee?.name ?? UNKNOWN_ORG}${a.assigneePerson ? `（${a.assigneePerson}）` : ""}`;
      lines.push(
        `　対応事項：${a.title}／担当：${who}／期限：${a.dueDate ? japaneseLocalDate(a.dueDate) : "なし"}／状況：${labelOf(ACTION_ITEM_STATUS_LABELS, a.status)}`,
      );
    }
    return lines;
  });
  return [
    {
      heading: "会議の概要",
      lines: [
        `会議体：${meeting.body.name}`,
        `会議名：${meeting.title}`,
        `日時：${when}`,
        `場所：${meeting.place ?? "未定"}`,
        ...(meeting.confidential ? ["区分：非公開"] : []),
      ],
    },
    {
      heading: "出席者",
      lines: meeting.members.map(
        (x) =>
          `${x.organization?.name ?? UNKNOWN_ORG}（${labelOf(MEETING_MEMBER_ROLE_LABELS, x.role)}）：${labelOf(ATTENDANCE_LABELS, x.attendance)}`,
      ),
    },
    { heading: "議題・決定事項・対応事項", lines: agenda.length ? agenda : ["（議題なし）"] },
    { heading: "議事の内容", lines: m.content.split(/\r?\n/) },
    ...(m.nextReviewDate ? [{ heading: "次回評価日", lines: [japaneseLocalDate(m.nextReviewDate)] }] : []),
    { heading: "承認", lines: approval },
  ];
}

/** Renders the minutes (議事録) as an A4 PDF with Noto Sans JP embedded; drafts carry a 案 watermark on every page. */
export async function renderMinutesPdf(meeting: Meeting): Promise<Buffer> {
  // Loaded on first use: the PDF library is not part of every gateway start.
  const { default: PDFDocument } = await import("pdfkit");
  const final = meeting.minutes!.status === "APPROVED";
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `議事録 ${meeting.title}`, Subject: meeting.body.name, Creator: "まるごとグラフ" },
    lang: "ja-JP",
    bufferPages: true,
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  writeMinutes(doc, meeting, final);
  stampPages(doc, final);
  doc.end();
  return done;
}

/** The title, then each section under its heading; a detail line keeps its indent when it wraps. */
function writeMinutes(doc: PDFKit.PDFDocument, meeting: Meeting, final: boolean): void {
  doc
    .font("bold")
    .fontSize(20)
    .text(final ? "議事録" : "議事録（案）", { align: "center" });
  doc.moveDown(0.3);
  doc
    .font("regular")
    .fontSize(10)
    .text(final ? "確定版（承認済み）" : "未承認の案です。内容は変更されることがあります。", { align: "center" });
  doc.moveDown(1);
  for (const section of minutesSections(meeting)) {
    doc.font("bold").fontSize(13).text(`■ ${section.heading}`, doc.page.margins.left, doc.y);
    doc.moveDown(0.2);
    doc.font("regular").fontSize(10.5);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const line of section.lines) {
      // A detail line (decision, action item) keeps its indent when it wraps.
      const detail = line.startsWith("　");
      doc.text(detail ? line.slice(1) : line || " ", detail ? left + 16 : left, doc.y, { width: detail ? width - 16 : width, lineGap: 2 });
    }
    doc.x = left;
    doc.moveDown(0.8);
  }
}

/** Page numbers, and the draft's watermark over every page. */
function stampPages(doc: PDFKit.PDFDocument, final: boolean): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(9)
      .fillColor("#000000")
      .text(`${i + 1} / ${range.count}`, 0, height - 36, { width, align: "center", lineBreak: false });
    if (!final) {
      doc.save();
      doc.rotate(-30, { origin: [width / 2, height / 2] });
      doc
        .font("bold")
        .fontSize(220)
        .fillColor("#999999")
        .fillOpacity(0.25)
        .text(DRAFT_MARK, 0, height / 2 - 160, { width, align: "center", lineBreak: false });
      doc.restore();
      doc.fillOpacity(1).fillColor("#000000");
    }
    doc.page.margins.bottom = bottom;
  }
}
