import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { request, type Session } from "./api.js";
import { japaneseDate, japaneseLocalDate, japaneseTime } from "./dates.js";
import * as files from "./files-operations.js";
import {
  ACTION_ITEM_STATUS_LABELS,
  AGENDA_ITEM_KIND_LABELS,
  ATTENDANCE_LABELS,
  labelOf,
  MEETING_MEMBER_ROLE_LABELS,
} from "@marugoto/shared/labels";
import type { MinutesPrintQuery } from "./gql/graphql.js";

/**
 * The minutes as a printable page (議事録・印刷用), `/board/minutes.html?meeting=<id>`: the same
 * contents as the minutes PDF, read as the signed-in organisation; a draft carries 案.
 */
type Meeting = NonNullable<MinutesPrintQuery["meeting"]>;

const UNKNOWN_ORG = "（名簿にない団体）";

function session(): Session | null {
  const raw = sessionStorage.getItem("marugoto-session");
  return raw ? (JSON.parse(raw) as Session) : null;
}

/** Opens a signed, single-use download link for the caller. */
export async function download(
  s: Session,
  mutation: () => Promise<{ link?: { url: string } | null; userErrors: { message: string }[] }>,
): Promise<string | null> {
  const answer = await mutation();
  if (!answer.link) return answer.userErrors[0]?.message ?? "ダウンロードできません。";
  location.assign(answer.link.url);
  void s;
  return null;
}

function Minutes({ meeting }: { meeting: Meeting }) {
  const m = meeting.minutes!;
  const final = m.status === "APPROVED";
  return html`<article data-testid="minutes-print" data-final=${final ? "true" : "false"}>
    ${!final && html`<div class="watermark" aria-hidden="true">案</div>`}
    <h1>${final ? "議事録" : "議事録（案）"}</h1>
    <p class="state">${final ? "確定版（承認済み）" : "未承認の案です。内容は変更されることがあります。"}</p>
    <h2>会議の概要</h2>
    <p>会議体：${meeting.body.name}</p>
    <p>会議名：${meeting.title}</p>
    <p>日時：${japaneseDate(meeting.startsAt)} ${japaneseTime(meeting.startsAt)}${meeting.endsAt ? `〜${japaneseTime(meeting.endsAt)}` : ""}</p>
    <p>場所：${meeting.place ?? "未定"}</p>
    ${meeting.confidential && html`<p>区分：非公開</p>`}
    <h2>出席者</h2>
    <ul>${meeting.members.map((x) => html`<li>${x.organization?.name ?? UNKNOWN_ORG}（${labelOf(MEETING_MEMBER_ROLE_LABELS, x.role)}）：${labelOf(ATTENDANCE_LABELS, x.attendance)}</li>`)}</ul>
    <h2>議題・決定事項・対応事項</h2>
    ${meeting.agenda.length === 0 && html`<p>（議題なし）</p>`}
    <ol>
      ${meeting.agenda.map(
        (item) => html`<li data-testid="print-item">
          ${item.title}（${labelOf(AGENDA_ITEM_KIND_LABELS, item.kind)}）${item.presenter ? ` 説明：${item.presenter.name}` : ""}
          ${
            item.redacted
              ? html`<p class="redacted">（個別ケースの内容は、守秘義務の誓約をした構成員にだけ記載されます）</p>`
              : html`
                ${item.case && html`<p>ケース番号：${item.case.caseNumber}</p>`}
                ${item.description && html`<p>${item.description}</p>`}
                ${item.decisions.map((d) => html`<p>決定事項：${d.content}</p>`)}
                ${item.actionItems.map(
                  (a) =>
                    html`<p>対応事項：${a.title}／担当：${a.assignee?.name ?? UNKNOWN_ORG}${a.assigneePerson ? `（${a.assigneePerson}）` : ""}／期限：${a.dueDate ? japaneseLocalDate(a.dueDate) : "なし"}／状況：${labelOf(ACTION_ITEM_STATUS_LABELS, a.status)}</p>`,
                )}
              `
          }
        </li>`,
      )}
    </ol>
    <h2>議事の内容</h2>
    ${m.content.split(/\r?\n/).map((line) => html`<p>${line || "\u00a0"}</p>`)}
    ${m.nextReviewDate && html`<h2>次回評価日</h2><p>${japaneseLocalDate(m.nextReviewDate)}</p>`}
    <h2>承認</h2>
    ${
      final
        ? html`<p>承認状況：承認済み（確定版）</p><p>承認者：${m.approvedBy?.name ?? UNKNOWN_ORG}（座長・議長）</p><p>承認日：${japaneseDate(m.approvedAt!)}</p>`
        : html`<p>承認状況：未承認（案）</p><p>承認者：未承認</p>`
    }
  </article>`;
}

function Page() {
  const s = session();
  const id = new URLSearchParams(location.search).get("meeting") ?? "";
  const [meeting, setMeeting] = useState<Meeting | null | undefined>(undefined);
  const [error, setError] = useState("");
  useEffect(() => {
    if (!s || !id) return;
    request(s, files.MinutesPrint, { id })
      .then((d) => setMeeting(d.meeting ?? null))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (!s) return html`<p class="error">会議ボードでサインインしてから開いてください。<a href="./">会議ボードへ</a></p>`;
  if (error) return html`<p class="error">${error}</p>`;
  if (meeting === undefined) return html`<p class="error">読み込み中…</p>`;
  if (!meeting?.minutes)
    return html`<p class="error">議事録が見つからないか、閲覧の権限がありません（個別ケースを扱う会議は、守秘義務の誓約が必要です）。</p>`;
  const pdf = async () => {
    const message = await download(s, async () => (await request(s, files.RequestMinutesFile, { id })).requestMinutesFile);
    if (message) setError(message);
  };
  return html`<nav class="toolbar" aria-label="ページの操作">
      <a href="./">← 会議ボード</a>
      <span style="flex:1"></span>
      <button type="button" onClick=${() => window.print()}>印刷</button>
      <button type="button" data-testid="minutes-pdf" onClick=${pdf}>PDFをダウンロード</button>
    </nav>
    <main><${Minutes} meeting=${meeting} /></main>`;
}

render(html`<${Page} />`, document.getElementById("app")!);
