import { html } from "htm/preact";
import type { LinkState, Session } from "./api.js";
import type { MeetingSummary, Org, SharedCase } from "./board-data.js";
import { hrefOf, type Route } from "./board-route.js";
import type { Directory } from "./directory.js";
import { formatDate, formatDateTime } from "./format.js";
import { STATUS_LABEL } from "./meeting.js";

const CASE_STATUS_LABEL: Record<string, string> = {
  RECEIVED: "受付", ACCEPTED: "受理", ASSESSMENT: "アセスメント", PLANNING: "プラン作成", IN_CONFERENCE: "会議で協議", DECIDED: "支援決定",
  IN_SUPPORT: "支援中", MONITORING: "モニタリング", EVALUATION: "評価", SUSPENDED: "中断", COLLABORATION_ENDED: "多機関協働終結", CLOSED: "終結",
};
const GROUND_LABEL: Record<string, string> = { ASSIGNMENT: "担当", CONSENT: "本人同意", SUPPORT_MEETING: "支援会議", MULTI_LAYERED_SUPPORT_MEETING: "重層的支援会議", BREAK_GLASS: "緊急閲覧" };
export const ROLE_OPTIONS = [
  { value: "chair", label: "議長" },
  { value: "secretary", label: "書記" },
  { value: "staff", label: "職員" },
];
const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label]));

/** The bar above the board: the live link's state, who is signed in, the reports page, sign-out. */
export function BoardHeader({ state, session, org, dir, onSignOut }: { state: LinkState; session: Session; org: Org | null; dir: Directory; onSignOut: () => void }) {
  const linkLabel = state === "connected" ? "接続中" : state === "reconnecting" ? "再接続中…" : "接続しています…";
  return html`<header class="top">
      <h1>まるごとグラフ 会議ボード</h1>
      <span data-testid="link-state" role="status" class=${`status ${state === "connected" ? "" : "reconnecting"}`}>${linkLabel}</span>
      <span class="who">${org?.name ?? dir.name(session.org)}（${session.roles.map((r) => ROLE_LABEL[r] ?? r).join("・")}）</span>
      <a data-testid="reports-link" class="top-link" href="reports.html">帳票・カレンダー・グラフ</a>
      <button onClick=${onSignOut}>サインアウト</button>
    </header>`;
}

/** The organisation's meetings (and, for a chair or secretary, the way to schedule one). */
export function MeetingList({ session, org, meetings, route, go }: { session: Session; org: Org | null; meetings: MeetingSummary[]; route: Route; go: (next: Route) => void }) {
  const organiser = session.roles.includes("chair") || session.roles.includes("secretary");
  return html`<nav class="panel" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">会議</h2>
        ${organiser &&
        html`<p><a class="button" href=${hrefOf({ schedule: true })} aria-current=${route.schedule ? "page" : undefined} onClick=${(e: MouseEvent) => {
          e.preventDefault();
          go({ meeting: null, schedule: true });
        }}>＋ 会議を設定</a></p>`}
        <ul data-testid="meetings" class="meetings">${meetings.map(
          (m) => html`<li>
            <a href=${hrefOf({ meeting: m.id })} aria-current=${!route.schedule && route.meeting === m.id ? "page" : undefined} onClick=${(e: MouseEvent) => {
              e.preventDefault();
              go({ meeting: m.id, schedule: false });
            }}>${m.title}</a>
            <div class="muted">${formatDateTime(m.startsAt)}・<span data-testid="meeting-list-status">${STATUS_LABEL[m.status]}</span>${m.confidential ? "・非公開" : ""}</div>
          </li>`,
        )}</ul>
        ${org && meetings.length === 0 && html`<p class="muted">会議はまだありません。</p>`}
      </nav>`;
}

/** Cases shared with the organisation, with the grounds it sees them on. */
export function SharedCases({ cases }: { cases: SharedCase[] }) {
  return html`<section class="panel" aria-labelledby="cases-heading">
          <h2 id="cases-heading">共有されているケース</h2>
          <ul data-testid="shared-cases">${cases.map((c) => html`<li>${c.caseNumber} <span class="muted">${CASE_STATUS_LABEL[c.status] ?? c.status}・主担当 ${c.lead?.name ?? "-"}・次回 ${c.nextReviewDate ? formatDate(c.nextReviewDate) : "-"}・${c.grounds.map((g) => GROUND_LABEL[g] ?? g).join("／")}</span></li>`)}</ul>
          ${cases.length === 0 && html`<p class="muted">共有されているケースはありません。</p>`}
        </section>`;
}
