import { html } from "htm/preact";
import type { LinkState, Session } from "./api.js";
import type { MeetingSummary, Org, SharedCase } from "./board-data.js";
import { hrefOf, type Route } from "./board-route.js";
import type { Directory } from "./directory.js";
import { formatDate, formatDateTime } from "./format.js";
import { ACCESS_GROUND_LABELS, CASE_STATUS_LABELS, labelOf, MEETING_STATUS_LABELS } from "@marugoto/shared/labels";

export const ROLE_OPTIONS = [
  { value: "chair", label: "議長" },
  { value: "secretary", label: "書記" },
  { value: "staff", label: "職員" },
];
const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label]));

/** The bar above the board: the live link's state, who is signed in, the reports page, sign-out. */
export function BoardHeader({
  state,
  session,
  org,
  dir,
  onSignOut,
}: {
  state: LinkState;
  session: Session;
  org: Org | null;
  dir: Directory;
  onSignOut: () => void;
}) {
  const linkLabel =
    state === "connected"
      ? "接続中"
      : state === "reconnecting"
        ? "再接続中…"
        : state === "expired"
          ? "サインインの有効期限が切れました。サインアウトして、もう一度サインインしてください。"
          : "接続しています…";
  return html`<header class="top">
      <h1>まるごとグラフ 会議ボード</h1>
      <span data-testid="link-state" role="status" class=${`status ${state === "connected" ? "" : "reconnecting"}`}>${linkLabel}</span>
      <span class="who">${org?.name ?? dir.name(session.org)}（${session.roles.map((r) => ROLE_LABEL[r] ?? r).join("・")}）</span>
      <a data-testid="reports-link" class="top-link" href="reports.html">帳票・カレンダー・グラフ</a>
      <button onClick=${onSignOut}>サインアウト</button>
    </header>`;
}

/** The organisation's meetings (and, for a chair or secretary, the way to schedule one). */
export function MeetingList({
  session,
  org,
  meetings,
  route,
  go,
}: {
  session: Session;
  org: Org | null;
  meetings: MeetingSummary[];
  route: Route;
  go: (next: Route) => void;
}) {
  const organiser = session.roles.includes("chair") || session.roles.includes("secretary");
  return html`<nav class="panel" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">会議</h2>
        ${
          organiser &&
          html`<p><a class="button" href=${hrefOf({ schedule: true })} aria-current=${route.schedule ? "page" : undefined} onClick=${(
            e: MouseEvent,
          ) => {
            e.preventDefault();
            go({ meeting: null, schedule: true });
          }}>＋ 会議を設定</a></p>`
        }
        <ul data-testid="meetings" class="meetings">${meetings.map(
          (m) => html`<li>
            <a href=${hrefOf({ meeting: m.id })} aria-current=${!route.schedule && route.meeting === m.id ? "page" : undefined} onClick=${(
              e: MouseEvent,
            ) => {
              e.preventDefault();
              go({ meeting: m.id, schedule: false });
            }}>${m.title}</a>
            <div class="muted">${formatDateTime(m.startsAt)}・<span data-testid="meeting-list-status">${labelOf(MEETING_STATUS_LABELS, m.status)}</span>${m.confidential ? "・非公開" : ""}</div>
          </li>`,
        )}</ul>
        ${org && meetings.length === 0 && html`<p class="muted">会議はまだありません。</p>`}
      </nav>`;
}

/** Cases shared with the organisation, with the grounds it sees them on. */
export function SharedCases({ cases }: { cases: SharedCase[] }) {
  return html`<section class="panel" aria-labelledby="cases-heading">
          <h2 id="cases-heading">共有されているケース</h2>
          <ul data-testid="shared-cases">${cases.map((c) => html`<li>${c.caseNumber} <span class="muted">${labelOf(CASE_STATUS_LABELS, c.status)}・主担当 ${c.lead?.name ?? "-"}・次回 ${c.nextReviewDate ? formatDate(c.nextReviewDate) : "-"}・${c.grounds.map((g) => labelOf(ACCESS_GROUND_LABELS, g)).join("／")}</span></li>`)}</ul>
          ${cases.length === 0 && html`<p class="muted">共有されているケースはありません。</p>`}
        </section>`;
}
