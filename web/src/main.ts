import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Client } from "graphql-ws";
import { follow, liveClient, request, type LinkState, type Session } from "./api.js";
import type { BoardMeetingQuery, BoardMyOrganizationQuery, BoardSharedCasesQuery } from "./gql/graphql.js";
import * as ops from "./operations.js";
import { SIGN_IN_ORGANIZATIONS } from "./organizations.js";

type Meeting = NonNullable<BoardMeetingQuery["meeting"]>;
type AgendaItem = Meeting["agenda"][number];

const STATUS_LABEL: Record<string, string> = { SCHEDULED: "予定", IN_PROGRESS: "開会中", ADJOURNED: "休会", CLOSED: "終了", CANCELLED: "中止" };
const ITEM_LABEL: Record<string, string> = { PENDING: "未協議", CURRENT: "協議中", DONE: "協議済み", DEFERRED: "先送り" };
const ACTION_LABEL: Record<string, string> = { OPEN: "未着手", IN_PROGRESS: "対応中", DONE: "完了", CANCELLED: "取り消し" };
const CASE_STATUS_LABEL: Record<string, string> = {
  RECEIVED: "受付", ACCEPTED: "受理", ASSESSMENT: "アセスメント", PLANNING: "プラン作成", IN_CONFERENCE: "会議で協議", DECIDED: "支援決定",
  IN_SUPPORT: "支援中", MONITORING: "モニタリング", EVALUATION: "評価", SUSPENDED: "中断", COLLABORATION_ENDED: "多機関協働終結", CLOSED: "終結",
};
const GROUND_LABEL: Record<string, string> = { ASSIGNMENT: "担当", CONSENT: "本人同意", SUPPORT_MEETING: "支援会議", MULTI_LAYERED_SUPPORT_MEETING: "重層的支援会議", BREAK_GLASS: "緊急閲覧" };
const fmt = (iso: string) => new Date(iso).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });

function loadSession(): Session | null {
  const raw = sessionStorage.getItem("marugoto-session");
  return raw ? (JSON.parse(raw) as Session) : null;
}

/** Development sign-in: pick an organisation and a role, get a development token from the gateway. */
function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [org, setOrg] = useState("fukushi-suishin-bu");
  const [role, setRole] = useState("chair");
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const res = await fetch(`/dev/token?org=${encodeURIComponent(org)}&role=${encodeURIComponent(role)}`);
    if (!res.ok) return setError("開発用トークンを取得できません（本番環境では利用できません）。");
    const { token } = (await res.json()) as { token: string };
    const session = { token, org, roles: [role] };
    sessionStorage.setItem("marugoto-session", JSON.stringify(session));
    onSignedIn(session);
  };
  return html`<section class="signin">
    <h2>会議ボードにサインイン（開発用）</h2>
    <form onSubmit=${submit}>
      <p><label>組織 <select name="org" value=${org} onChange=${(e: Event) => setOrg((e.target as HTMLSelectElement).value)}>
        ${SIGN_IN_ORGANIZATIONS.map((o) => html`<option value=${o.code}>${o.label}</option>`)}
      </select></label></p>
      <p><label>役割 <select name="role" value=${role} onChange=${(e: Event) => setRole((e.target as HTMLSelectElement).value)}>
        <option value="chair">議長（chair）</option><option value="secretary">書記（secretary）</option><option value="staff">職員（staff）</option>
      </select></label></p>
      <button class="primary" type="submit">サインイン</button>
      ${error && html`<p class="error">${error}</p>`}
    </form>
  </section>`;
}

/** Applies an agenda event: the event carries the whole agenda as it now stands. */
function applyEvent(meeting: Meeting, event: { meeting: { status: string; currentItem?: { id: string } | null }; agenda: unknown[] }): Meeting {
  const decisions = new Map(meeting.agenda.map((i) => [i.id, { decisions: i.decisions, actionItems: i.actionItems }]));
  return {
    ...meeting,
    status: event.meeting.status as Meeting["status"],
    currentItem: event.meeting.currentItem ?? null,
    agenda: (event.agenda as AgendaItem[]).map((i) => ({ ...i, decisions: decisions.get(i.id)?.decisions ?? [], actionItems: decisions.get(i.id)?.actionItems ?? [] })),
  };
}

function MeetingPanel({ session, live, meetingId }: { session: Session; live: Client; meetingId: string }) {
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [message, setMessage] = useState("");
  const reload = async () => setMeeting((await request(session, ops.MeetingBoard, { id: meetingId })).meeting ?? null);

  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    request(session, ops.MeetingBoard, { id: meetingId }).then(({ meeting: m }) => {
      if (cancelled || !m) return;
      setMeeting(m);
      // From the cursor of the read: nothing between the read and the subscription is missed.
      stop = follow(live, ops.AgendaChanged, { id: meetingId, after: m.eventCursor }, (e) => setMeeting((current) => (current ? applyEvent(current, e.agendaChanged) : current)));
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [meetingId]);

  if (!meeting) return html`<section><p class="muted">読み込み中…</p></section>`;
  const run = async (fn: () => Promise<{ userErrors?: { message: string }[] } | null | undefined>) => {
    const result = await fn().catch((e: Error) => ({ userErrors: [{ message: e.message }] }));
    setMessage(result?.userErrors?.map((u) => u.message).join(" ") ?? "");
  };
  const ids = meeting.agenda.map((i) => i.id);
  const move = (index: number, by: number) => {
    const next = [...ids];
    const [it] = next.splice(index, 1);
    next.splice(index + by, 0, it!);
    return run(async () => (await request(session, ops.Reorder, { id: meeting.id, itemIds: next })).reorderAgenda);
  };
  const current = meeting.agenda.find((i) => i.id === meeting.currentItem?.id);

  return html`<section data-testid="meeting">
    <h2>${meeting.title} <span class="status">${STATUS_LABEL[meeting.status]}</span></h2>
    <p class="muted">${fmt(meeting.startsAt)} ${meeting.place ?? ""}</p>
    <ol data-testid="agenda">
      ${meeting.agenda.map(
        (item, index) => html`<li data-testid="agenda-item" class=${item.status === "CURRENT" ? "current" : item.status === "DONE" ? "done" : item.status === "DEFERRED" ? "deferred" : ""}>
          <span class="title">${item.title}</span>
          <span class="muted"> ${ITEM_LABEL[item.status]}${item.presenter ? ` ・ ${item.presenter.name ?? item.presenter.code}` : ""}${item.timeboxMinutes ? ` ・ ${item.timeboxMinutes}分` : ""}</span>
          ${meeting.canEdit &&
          html` <button aria-label="上へ" disabled=${index === 0} onClick=${() => move(index, -1)}>↑</button>
            <button aria-label="下へ" disabled=${index === ids.length - 1} onClick=${() => move(index, 1)}>↓</button>
            ${!item.redacted &&
            item.status !== "DONE" &&
            html`<button onClick=${() => {
              const title = prompt("議題名を編集", item.title);
              if (title && title !== item.title) void run(async () => (await request(session, ops.UpdateItem, { input: { itemId: item.id, title } })).updateAgendaItem);
            }}>編集</button>`}
            ${(item.status === "PENDING" || item.status === "CURRENT") && html`<button onClick=${() => run(async () => (await request(session, ops.Defer, { itemId: item.id })).deferAgendaItem)}>先送り</button>`}`}
          ${item.decisions.map((d) => html`<div class="muted">決定: ${d.content}</div>`)}
          ${item.actionItems.map((a) => html`<div class="muted">タスク: ${a.title}（${a.assignee?.name ?? ""}・${ACTION_LABEL[a.status]}）</div>`)}
        </li>`,
      )}
    </ol>
    ${meeting.canEdit &&
    html`<div>
      <form class="inline" data-testid="add-item" onSubmit=${(e: Event) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        const data = new FormData(form);
        void run(async () => (await request(session, ops.AddItem, { input: { meetingId: meeting.id, kind: data.get("kind") as "REPORT", title: String(data.get("title")), presenterCode: String(data.get("presenter") || "") || null, timeboxMinutes: Number(data.get("timebox")) || null } })).addAgendaItem).then(() => form.reset());
      }}>
        <input name="title" placeholder="議題名" required />
        <select name="kind"><option value="REPORT">報告</option><option value="TOPIC">検討課題</option></select>
        <input name="presenter" placeholder="報告者の組織コード" size="12" />
        <input name="timebox" type="number" min="1" max="600" placeholder="分" style="width:4rem" />
        <button class="primary" type="submit">議題を追加</button>
      </form>
      <p>
        ${(meeting.status === "SCHEDULED" || meeting.status === "ADJOURNED") && html`<button class="primary" onClick=${() => run(async () => (await request(session, ops.Start, { id: meeting.id })).startMeeting)}>開会</button>`}
        ${meeting.status === "IN_PROGRESS" && html`<button class="primary" onClick=${() => run(async () => (await request(session, ops.Advance, { id: meeting.id })).advanceAgenda)}>次の議題へ</button>`}
      </p>
      ${current &&
      html`<form class="inline" onSubmit=${(e: Event) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        const data = new FormData(form);
        void run(async () => (await request(session, ops.Decide, { itemId: current.id, content: String(data.get("decision")) })).recordDecision).then(reload);
      }}><input name="decision" placeholder="決定事項" required /><button type="submit">決定を記録</button></form>
      <form class="inline" onSubmit=${(e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        void run(async () => (await request(session, ops.CreateAction, { input: { itemId: current.id, title: String(data.get("title")), assigneeCode: String(data.get("assignee")), dueDate: String(data.get("due") || "") || null } })).createActionItem).then(reload);
      }}><input name="title" placeholder="タスク" required /><input name="assignee" placeholder="担当組織コード" required size="12" /><input name="due" type="date" /><button type="submit">タスクを追加</button></form>`}
      <form class="inline" onSubmit=${(e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        void run(async () => (await request(session, ops.DraftMinutes, { id: meeting.id, content: String(data.get("minutes")) })).draftMinutes).then(reload);
      }}>
        <textarea name="minutes" rows="3" cols="40" placeholder="議事録" disabled=${meeting.minutes?.status === "APPROVED"}>${meeting.minutes?.content ?? ""}</textarea>
        <button type="submit" disabled=${meeting.minutes?.status === "APPROVED"}>議事録を保存</button>
        ${meeting.minutes?.status === "DRAFT" && html`<button type="button" onClick=${() => run(async () => (await request(session, ops.ApproveMinutes, { id: meeting.id })).approveMinutes).then(reload)}>承認</button>`}
        ${meeting.minutes?.status === "APPROVED" && html`<span class="muted">承認済み</span>`}
      </form>
    </div>`}
    ${meeting.minutes && html`<p><a data-testid="minutes-print-link" href=${`minutes.html?meeting=${meeting.id}`}>議事録（印刷用・PDF）</a></p>`}
    ${message && html`<p class="error" role="alert">${message}</p>`}
  </section>`;
}

function Board({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [state, setState] = useState<LinkState>("connecting");
  const live = useMemo(() => liveClient(session, setState), [session.token]);
  const [org, setOrg] = useState<BoardMyOrganizationQuery["organization"] | null>(null);
  const [cases, setCases] = useState<NonNullable<BoardSharedCasesQuery["organization"]>["sharedCases"]["edges"]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const load = async () => {
    const data = await request(session, ops.MyOrganization, { code: session.org });
    setOrg(data.organization);
    setSelected((s) => s ?? data.organization.meetings.nodes.find((m) => m.status !== "CLOSED")?.id ?? null);
    const shared = await request(session, ops.SharedCases, { code: session.org }).catch(() => null);
    setCases(shared?.organization.sharedCases.edges ?? []);
  };
  useEffect(() => {
    void load();
    return () => void live.dispose();
  }, [session.token]);

  return html`<header>
      <h1>まるごとグラフ 会議ボード</h1>
      <span data-testid="link-state" class=${`status ${state === "connected" ? "" : "reconnecting"}`}>${state === "connected" ? "接続中" : state === "reconnecting" ? "再接続中…" : "接続しています…"}</span>
      <span>${org?.name ?? session.org}（${session.roles.join(", ")}）</span>
      <a data-testid="reports-link" href="reports.html" style="color:#fff">帳票・カレンダー・グラフ</a>
      <button onClick=${onSignOut}>サインアウト</button>
    </header>
    <main>
      <section>
        <h2>会議</h2>
        <ul>${org?.meetings.nodes.map((m) => html`<li><a href="#" onClick=${(e: Event) => (e.preventDefault(), setSelected(m.id))}>${m.title}</a><div class="muted">${fmt(m.startsAt)} ・ ${STATUS_LABEL[m.status]}${m.confidential ? " ・ 非公開" : ""}</div></li>`)}</ul>
      </section>
      ${selected ? html`<${MeetingPanel} key=${selected} session=${session} live=${live} meetingId=${selected} />` : html`<section><p class="muted">会議を選んでください。</p></section>`}
      <div>
        <section>
          <h2>自組織のタスク</h2>
          <ul data-testid="my-actions">${org?.actionItems.nodes.map(
            (a) => html`<li>${a.title}${a.overdue ? html` <strong class="error">期限超過</strong>` : ""}<div class="muted">${a.meeting?.title ?? ""} ${a.dueDate ?? ""}</div>
              <select value=${a.status} onChange=${async (e: Event) => {
                await request(session, ops.UpdateActionStatus, { id: a.id, status: (e.target as HTMLSelectElement).value as "OPEN" });
                await load();
              }}>${["OPEN", "IN_PROGRESS", "DONE"].map((s) => html`<option value=${s}>${ACTION_LABEL[s]}</option>`)}</select></li>`,
          )}</ul>
        </section>
        <section>
          <h2>共有されているケース</h2>
          <ul>${cases.map((c) => html`<li>${c.node.caseNumber} <span class="muted">${CASE_STATUS_LABEL[c.node.status] ?? c.node.status} ・ 主担当 ${c.node.lead?.name ?? "-"} ・ 次回 ${c.node.nextReviewDate ?? "-"} ・ ${c.grounds.map((g) => GROUND_LABEL[g] ?? g).join("/")}</span></li>`)}</ul>
          ${cases.length === 0 && html`<p class="muted">共有されているケースはありません。</p>`}
        </section>
      </div>
    </main>`;
}

function App() {
  const [session, setSession] = useState<Session | null>(loadSession());
  if (!session) return html`<${SignIn} onSignedIn=${setSession} />`;
  return html`<${Board} session=${session} onSignOut=${() => (sessionStorage.removeItem("marugoto-session"), setSession(null))} />`;
}

render(html`<${App} />`, document.getElementById("app")!);
