import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { follow, GraphError, idempotencyKey, liveClient, request, type LinkState, type Session, type UserError } from "./api.js";
import { Directory, EMPTY_DIRECTORY, ORGANIZATION_LIST_ID, unknownOrganization } from "./directory.js";
import { Field, Submit, useForm } from "./forms.js";
import { formatDate, formatDateTime, tokyoToIso } from "./format.js";
import type { BoardMyOrganizationQuery, BoardSharedCasesQuery } from "./gql/graphql.js";
import { ACTION_LABEL, MeetingPanel, STATUS_LABEL, type ActionEvents } from "./meeting.js";
import * as ops from "./operations.js";
import { SIGN_IN_ORGANIZATIONS } from "./organizations.js";

type Org = NonNullable<BoardMyOrganizationQuery["me"]["organization"]>;
type SharedCase = NonNullable<BoardSharedCasesQuery["me"]["organization"]>["sharedCases"]["nodes"][number];
type MeetingSummary = Org["meetings"]["nodes"][number];
type Task = Org["actionItems"]["nodes"][number];

const CASE_STATUS_LABEL: Record<string, string> = {
  RECEIVED: "受付", ACCEPTED: "受理", ASSESSMENT: "アセスメント", PLANNING: "プラン作成", IN_CONFERENCE: "会議で協議", DECIDED: "支援決定",
  IN_SUPPORT: "支援中", MONITORING: "モニタリング", EVALUATION: "評価", SUSPENDED: "中断", COLLABORATION_ENDED: "多機関協働終結", CLOSED: "終結",
};
const GROUND_LABEL: Record<string, string> = { ASSIGNMENT: "担当", CONSENT: "本人同意", SUPPORT_MEETING: "支援会議", MULTI_LAYERED_SUPPORT_MEETING: "重層的支援会議", BREAK_GLASS: "緊急閲覧" };
const ROLE_OPTIONS = [
  { value: "chair", label: "議長" },
  { value: "secretary", label: "書記" },
  { value: "staff", label: "職員" },
];
const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label]));

function loadSession(): Session | null {
  const raw = sessionStorage.getItem("marugoto-session");
  return raw ? (JSON.parse(raw) as Session) : null;
}

/** What the address says is shown: one meeting (?meeting=<id>) or the scheduling form (?view=schedule). */
interface Route {
  meeting: string | null;
  schedule: boolean;
}
const readRoute = (): Route => {
  const q = new URLSearchParams(location.search);
  return { meeting: q.get("meeting"), schedule: q.get("view") === "schedule" };
};
const hrefOf = (route: Partial<Route>) => (route.schedule ? "?view=schedule" : route.meeting ? `?meeting=${encodeURIComponent(route.meeting)}` : "./");

/** Development sign-in: pick an organisation and a role, get a development token from the gateway. */
function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const form = useForm({ org: "fukushi-suishin-bu", role: "chair" });
  const submit = form.submit(async (v) => {
    const res = await fetch(`/dev/token?org=${encodeURIComponent(v.org)}&role=${encodeURIComponent(v.role)}`);
    if (!res.ok) return [{ code: "NO_DEV_TOKEN", message: "開発用のサインインは利用できません（本番環境では組織の認証基盤からサインインします）。" }];
    const { token } = (await res.json()) as { token: string };
    const session = { token, org: v.org, roles: [v.role] };
    sessionStorage.setItem("marugoto-session", JSON.stringify(session));
    onSignedIn(session);
  }, { keep: true });
  return html`<main class="signin">
    <h1>まるごとグラフ 会議ボード</h1>
    <section class="panel">
      <h2>サインイン（開発用）</h2>
      <form onSubmit=${submit}>
        <${Field} form=${form} name="org" label="組織" options=${SIGN_IN_ORGANIZATIONS.map((o) => ({ value: o.code, label: o.label }))} />
        <${Field} form=${form} name="role" label="役割" options=${ROLE_OPTIONS} />
        <${Submit} form=${form} label="サインイン" />
      </form>
    </section>
  </main>`;
}

/** 会議を設定: body, title, date and time, place, members besides the body's standing ones. */
function ScheduleForm({ session, dir, onScheduled }: { session: Session; dir: Directory; onScheduled: (id: string) => void }) {
  const organised = dir.bodies.filter((b) => b.members.some((m) => m.organization.code === session.org && (m.role === "CHAIR" || m.role === "SECRETARIAT")));
  const bodies = organised.length ? organised : dir.bodies;
  const form = useForm({ bodyCode: bodies[0]?.code ?? "", title: "", startsAt: "", endsAt: "", place: "", extra: "" });
  const [invited, setInvited] = useState<string[]>([]);
  const body = dir.bodies.find((b) => b.code === form.values.bodyCode);
  const addInvite = () => {
    const typed = form.values.extra.trim();
    if (!typed) return;
    const code = dir.code(typed);
    if (!code) return form.fail({ extra: unknownOrganization(typed) });
    if (body?.members.some((m) => m.organization.code === code) || invited.includes(code)) return form.fail({ extra: `${dir.name(code)}はすでに構成員です。` });
    setInvited([...invited, code]);
    form.set("extra", "");
    form.fail({});
  };
  const submit = form.submit(async (v): Promise<UserError[] | void> => {
    const startsAt = tokyoToIso(v.startsAt);
    const endsAt = v.endsAt ? tokyoToIso(v.endsAt) : null;
    const local: Record<string, string> = {};
    if (!startsAt) local.startsAt = "開始日時を入力してください。";
    if (v.endsAt && !endsAt) local.endsAt = "終了日時が正しくありません。";
    if (v.extra.trim()) local.extra = "「招く」を押して追加するか、入力を消してください。";
    if (Object.keys(local).length) return Object.entries(local).map(([field, message]) => ({ field: [field], code: "INVALID", message }));
    try {
      const { scheduleMeeting } = await request(session, ops.ScheduleMeeting, {
        key: idempotencyKey(),
        input: { bodyCode: v.bodyCode, title: v.title, startsAt: startsAt!, endsAt, place: v.place || null, memberCodes: invited.length ? invited : null },
      });
      if (scheduleMeeting.userErrors.length) return scheduleMeeting.userErrors.map((e) => (e.field?.[e.field.length - 1] === "memberCodes" ? { ...e, field: ["extra"] } : e));
      setInvited([]);
      if (scheduleMeeting.meeting) onScheduled(scheduleMeeting.meeting.id);
    } catch (error) {
      return [{ code: "REQUEST_FAILED", message: (error as Error).message }];
    }
  });
  return html`<section class="panel" aria-labelledby="schedule-heading" data-testid="schedule">
    <h2 id="schedule-heading" tabindex="-1">会議を設定</h2>
    <form onSubmit=${submit} data-testid="schedule-form">
      <${Field} form=${form} name="bodyCode" label="会議体" options=${bodies.map((b) => ({ value: b.code, label: b.name }))} />
      <${Field} form=${form} name="title" label="会議名" required />
      <div class="grid">
        <${Field} form=${form} name="startsAt" label="開始日時" type="datetime-local" required />
        <${Field} form=${form} name="endsAt" label="終了予定" type="datetime-local" />
      </div>
      <${Field} form=${form} name="place" label="場所" />
      ${body &&
      html`<details class="roster">
        <summary>会議体の構成員（${body.members.length}組織）は自動的に招かれます</summary>
        <ul>${body.members.map((m) => html`<li>${dir.name(m.organization.code)}</li>`)}</ul>
      </details>`}
      <div class="invite">
        <${Field} form=${form} name="extra" label="ほかに招く組織" list=${ORGANIZATION_LIST_ID} hint=${body?.handlesIndividualCases ? "支援会議などでは、ケースごとに構成員を選びます。組織名で入力してください。" : "組織名で入力してください（例：納税課）。"} />
        <button type="button" onClick=${addInvite}>招く</button>
      </div>
      ${invited.length > 0 &&
      html`<ul class="chips" aria-label="招く組織">${invited.map(
        (code) => html`<li>${dir.name(code)} <button type="button" aria-label=${`${dir.name(code)}を招く組織から外す`} onClick=${() => setInvited(invited.filter((c) => c !== code))}>×</button></li>`,
      )}</ul>`}
      <${Submit} form=${form} label="会議を設定" busyLabel="設定しています…" />
    </form>
  </section>`;
}

function TaskList({ session, tasks, onChanged }: { session: Session; tasks: Task[]; onChanged: (t: Task) => void }) {
  const [problem, setProblem] = useState("");
  return html`<section class="panel" aria-labelledby="tasks-heading">
    <h2 id="tasks-heading">自組織のタスク</h2>
    ${problem && html`<p class="field-error" role="alert">${problem}</p>`}
    <ul data-testid="my-actions" class="tasks">${tasks.map(
      (a) => html`<li>
        <span class="task-title">${a.title}</span>${a.overdue ? html` <strong class="overdue">期限超過</strong>` : ""}
        <div class="muted">${a.meeting?.title ?? ""}${a.dueDate ? `・期限 ${formatDate(a.dueDate)}` : ""}</div>
        <label class="inline-label">状況 <span class="visually-hidden">（${a.title}）</span>
          <select value=${a.status} onChange=${async (e: Event) => {
            const status = (e.target as HTMLSelectElement).value as "OPEN";
            try {
              const { updateActionItemStatus: r } = await request(session, ops.UpdateActionStatus, { id: a.id, status });
              setProblem(r.userErrors.map((u) => u.message).join(" "));
              if (!r.userErrors.length) onChanged({ ...a, status });
            } catch (error) {
              setProblem((error as Error).message);
            }
          }}>${["OPEN", "IN_PROGRESS", "DONE"].map((s) => html`<option value=${s}>${ACTION_LABEL[s]}</option>`)}</select>
        </label>
      </li>`,
    )}</ul>
    ${tasks.length === 0 && html`<p class="muted">未完了のタスクはありません。</p>`}
  </section>`;
}

/** The meeting list starts this many days back (older meetings stay reachable by their address). */
const LIST_FROM_DAYS = 180;
const byStart = (a: MeetingSummary, b: MeetingSummary) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id);
const OPEN_TASK = new Set(["OPEN", "IN_PROGRESS"]);

function Board({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [state, setState] = useState<LinkState>("connecting");
  const live = useMemo(() => liveClient(session, setState), [session.token]);
  const [org, setOrg] = useState<Org | null>(null);
  const [meetings, setMeetings] = useState<MeetingSummary[]>([]);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [dir, setDir] = useState<Directory>(EMPTY_DIRECTORY);
  const [cases, setCases] = useState<SharedCase[]>([]);
  const [route, setRoute] = useState<Route>(readRoute());
  const actionEvents: ActionEvents = useMemo(() => new Set(), []);
  const [loadError, setLoadError] = useState("");

  const go = (next: Route) => {
    history.pushState(null, "", hrefOf(next));
    setRoute(next);
    // The keyboard follows the reader to what was opened.
    setTimeout(() => document.getElementById(next.schedule ? "schedule-heading" : "meeting-title")?.focus(), 50);
  };

  useEffect(() => {
    const onPop = () => setRoute(readRoute());
    addEventListener("popstate", onPop);
    const stops: (() => void)[] = [];
    let cancelled = false;
    (async () => {
      try {
        const [mine, directory] = await Promise.all([request(session, ops.MyOrganization, { from: new Date(Date.now() - LIST_FROM_DAYS * 86_400_000).toISOString() }), request(session, ops.Directory, {})]);
        if (cancelled) return;
        if (!mine.me.organization) throw new Error("所属組織が名簿にありません。");
        const data = { organization: mine.me.organization };
        setDir(new Directory(directory.organizations, directory.meetingBodies));
        setOrg(data.organization);
        setMeetings([...data.organization.meetings.nodes].sort(byStart));
        setTasks(data.organization.actionItems.nodes);
        // Without a selection, the next meeting that is not closed (kept in the address).
        if (!readRoute().meeting && !readRoute().schedule) {
          const first = data.organization.meetings.nodes.find((m) => m.status !== "CLOSED");
          if (first) {
            history.replaceState(null, "", hrefOf({ meeting: first.id }));
            setRoute({ meeting: first.id, schedule: false });
          }
        }
        // The organisation's cursor is read before its lists: following its streams from it misses nothing.
        const after = data.organization.eventCursor;
        stops.push(
          follow(live, ops.MeetingsChanged, { code: session.org, after }, ({ meetingsChanged: e }) =>
            setMeetings((list) => [...list.filter((m) => m.id !== e.meeting.id), { ...e.meeting, eventCursor: "" }].sort(byStart)),
          ),
          follow(live, ops.ActionItemsChanged, { code: session.org, after }, ({ actionItemsChanged: e }) => {
            const a = e.actionItem;
            setTasks((list) => {
              const rest = list.filter((t) => t.id !== a.id);
              const mine = e.kind !== "ACTION_ITEM_REASSIGNED_AWAY" && a.assignee?.code === session.org && OPEN_TASK.has(a.status);
              if (!mine) return rest;
              const task: Task = { id: a.id, title: a.title, status: a.status, dueDate: a.dueDate, overdue: a.overdue, redacted: a.redacted, agendaItemId: a.agendaItemId, assignee: a.assignee, meeting: a.meeting };
              const at = list.findIndex((t) => t.id === a.id);
              return at < 0 ? [...rest, task] : list.map((t) => (t.id === a.id ? task : t));
            });
            actionEvents.forEach((listener) => listener(e));
          }),
        );
        // Cases shared with the organisation, then kept live: a case newly shared appears, an unshared one goes.
        const shared = await request(session, ops.SharedCases, {}).catch(() => null);
        const list = shared?.me.organization?.sharedCases;
        if (list && !cancelled) {
          setCases(list.nodes);
          stops.push(
            follow(live, ops.SharedCasesChanged, { after: list.eventCursor }, ({ sharedCasesChanged: e }) =>
              setCases((current) => {
                const rest = current.filter((c) => c.id !== e.caseId);
                return e.kind === "CASE_SHARED" && e.case ? [...rest, e.case] : rest;
              }),
            ),
          );
        }
      } catch (error) {
        setLoadError(
          error instanceof GraphError && error.code === "UNAUTHENTICATED" ? "サインインの有効期限が切れています。サインアウトして、もう一度サインインしてください。" : (error as Error).message,
        );
      }
    })();
    return () => {
      cancelled = true;
      removeEventListener("popstate", onPop);
      stops.forEach((stop) => stop());
      void live.dispose();
    };
  }, [session.token]);

  const organiser = session.roles.includes("chair") || session.roles.includes("secretary");
  const linkLabel = state === "connected" ? "接続中" : state === "reconnecting" ? "再接続中…" : "接続しています…";
  return html`<header class="top">
      <h1>まるごとグラフ 会議ボード</h1>
      <span data-testid="link-state" role="status" class=${`status ${state === "connected" ? "" : "reconnecting"}`}>${linkLabel}</span>
      <span class="who">${org?.name ?? dir.name(session.org)}（${session.roles.map((r) => ROLE_LABEL[r] ?? r).join("・")}）</span>
      <a data-testid="reports-link" class="top-link" href="reports.html">帳票・カレンダー・グラフ</a>
      <button onClick=${onSignOut}>サインアウト</button>
    </header>
    <datalist id=${ORGANIZATION_LIST_ID}>${dir.organizations.map((o) => html`<option value=${o.name}></option>`)}</datalist>
    <main class="layout">
      ${loadError && html`<p class="field-error" role="alert">読み込めませんでした：${loadError}</p>`}
      <nav class="panel" aria-labelledby="meetings-heading">
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
      </nav>
      <div class="center">
        ${route.schedule
          ? html`<${ScheduleForm} session=${session} dir=${dir} onScheduled=${(id: string) => go({ meeting: id, schedule: false })} />`
          : route.meeting
            ? html`<${MeetingPanel} key=${route.meeting} session=${session} live=${live} meetingId=${route.meeting} dir=${dir} actionEvents=${actionEvents} />`
            : html`<section class="panel"><h2>会議</h2><p>左の一覧から会議を選んでください。</p></section>`}
      </div>
      <div class="side">
        <${TaskList} session=${session} tasks=${tasks} onChanged=${(t: Task) => setTasks((list) => list.map((x) => (x.id === t.id ? t : x)))} />
        <section class="panel" aria-labelledby="cases-heading">
          <h2 id="cases-heading">共有されているケース</h2>
          <ul data-testid="shared-cases">${cases.map((c) => html`<li>${c.caseNumber} <span class="muted">${CASE_STATUS_LABEL[c.status] ?? c.status}・主担当 ${c.lead?.name ?? "-"}・次回 ${c.nextReviewDate ? formatDate(c.nextReviewDate) : "-"}・${c.grounds.map((g) => GROUND_LABEL[g] ?? g).join("／")}</span></li>`)}</ul>
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
