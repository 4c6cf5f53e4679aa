import { html } from "htm/preact";
import { render } from "preact";
import { useMemo, useState } from "preact/hooks";
import { liveClient, request, type LinkState, type Session, type UserError } from "./api.js";
import { useBoardData, type Task } from "./board-data.js";
import { BoardHeader, MeetingList, ROLE_OPTIONS, SharedCases } from "./board-panels.js";
import { hrefOf, readRoute, type Route } from "./board-route.js";
import { Directory, ORGANIZATION_LIST_ID, unknownOrganization } from "./directory.js";
import { Field, Submit, useAttemptKey, useForm, type Form } from "./forms.js";
import { formatDate, tokyoToIso } from "./format.js";
import { ACTION_ITEM_STATUS_LABELS } from "@marugoto/shared/labels";
import { MeetingPanel, type ActionEvents } from "./meeting.js";
import * as ops from "./operations.js";
import { SIGN_IN_ORGANIZATIONS } from "./organizations.js";

function loadSession(): Session | null {
  const raw = sessionStorage.getItem("marugoto-session");
  return raw ? (JSON.parse(raw) as Session) : null;
}

/** Development sign-in: pick an organisation and a role, get a development token from the gateway. */
function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const form = useForm({ org: "fukushi-suishin-bu", role: "chair" });
  const submit = form.submit(
    async (v) => {
      const res = await fetch(`/dev/token?org=${encodeURIComponent(v.org)}&role=${encodeURIComponent(v.role)}`);
      if (!res.ok)
        return [
          { code: "NO_DEV_TOKEN", message: "開発用のサインインは利用できません（本番環境では組織の認証基盤からサインインします）。" },
        ];
      const { token } = (await res.json()) as { token: string };
      const session = { token, org: v.org, roles: [v.role] };
      sessionStorage.setItem("marugoto-session", JSON.stringify(session));
      onSignedIn(session);
    },
    { keep: true },
  );
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

/** The bodies the organisation chairs or runs the secretariat of; every body when none. */
function organisedBodies(session: Session, dir: Directory) {
  const organised = dir.bodies.filter((b) =>
    b.members.some((m) => m.organization.code === session.org && (m.role === "CHAIR" || m.role === "SECRETARIAT")),
  );
  return organised.length ? organised : dir.bodies;
}

/** The schedule form's own checks, before anything is sent: its times as ISO, and what is wrong. */
function checkSchedule(v: { startsAt: string; endsAt: string; extra: string }): {
  startsAt: string | null;
  endsAt: string | null;
  problems: UserError[];
} {
  const startsAt = tokyoToIso(v.startsAt);
  const endsAt = v.endsAt ? tokyoToIso(v.endsAt) : null;
  const local: Record<string, string> = {};
  if (!startsAt) local.startsAt = "開始日時を入力してください。";
  if (v.endsAt && !endsAt) local.endsAt = "終了日時が正しくありません。";
  if (v.extra.trim()) local.extra = "「招く」を押して追加するか、入力を消してください。";
  return { startsAt, endsAt, problems: Object.entries(local).map(([field, message]) => ({ field: [field], code: "INVALID", message })) };
}

type ScheduleValues = { bodyCode: string; title: string; startsAt: string; endsAt: string; place: string; extra: string };

/** ほかに招く組織: an organisation typed by name joins the invited ones, each shown as a chip that takes it off again. */
function InvitePicker({
  form,
  dir,
  body,
  invited,
  setInvited,
}: {
  form: Form<ScheduleValues>;
  dir: Directory;
  body: Directory["bodies"][number] | undefined;
  invited: string[];
  setInvited: (codes: string[]) => void;
}) {
  const addInvite = () => {
    const typed = form.values.extra.trim();
    if (!typed) return;
    const code = dir.code(typed);
    if (!code) return form.fail({ extra: unknownOrganization(typed) });
    if (body?.members.some((m) => m.organization.code === code) || invited.includes(code))
      return form.fail({ extra: `${dir.name(code)}はすでに構成員です。` });
    setInvited([...invited, code]);
    form.set("extra", "");
    form.fail({});
  };
  return html`<div class="invite">
    <${Field} form=${form} name="extra" label="ほかに招く組織" list=${ORGANIZATION_LIST_ID} hint=${body?.handlesIndividualCases ? "支援会議などでは、ケースごとに構成員を選びます。組織名で入力してください。" : "組織名で入力してください（例：納税課）。"} />
    <button type="button" onClick=${addInvite}>招く</button>
  </div>
  ${
    invited.length > 0 &&
    html`<ul class="chips" aria-label="招く組織">${invited.map(
      (code) =>
        html`<li>${dir.name(code)} <button type="button" aria-label=${`${dir.name(code)}を招く組織から外す`} onClick=${() => setInvited(invited.filter((c) => c !== code))}>×</button></li>`,
    )}</ul>`
  }`;
}

/** 会議を設定: body, title, date and time, place, members besides the body's standing ones. */
function ScheduleForm({ session, dir, onScheduled }: { session: Session; dir: Directory; onScheduled: (id: string) => void }) {
  const bodies = organisedBodies(session, dir);
  const form = useForm({ bodyCode: bodies[0]?.code ?? "", title: "", startsAt: "", endsAt: "", place: "", extra: "" });
  const [invited, setInvited] = useState<string[]>([]);
  const attemptKey = useAttemptKey();
  const body = dir.bodies.find((b) => b.code === form.values.bodyCode);
  const submit = form.submit(async (v): Promise<UserError[] | void> => {
    const { startsAt, endsAt, problems } = checkSchedule(v);
    if (problems.length) return problems;
    const input = {
      bodyCode: v.bodyCode,
      title: v.title,
      startsAt: startsAt!,
      endsAt,
      place: v.place || null,
      memberCodes: invited.length ? invited : null,
    };
    try {
      const { scheduleMeeting } = await request(session, ops.ScheduleMeeting, { key: attemptKey.keyFor(input), input });
      if (scheduleMeeting.userErrors.length)
        return scheduleMeeting.userErrors.map((e) => (e.field?.[e.field.length - 1] === "memberCodes" ? { ...e, field: ["extra"] } : e));
      attemptKey.done();
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
      ${
        body &&
        html`<details class="roster">
        <summary>会議体の構成員（${body.members.length}組織）は自動的に招かれます</summary>
        <ul>${body.members.map((m) => html`<li>${dir.name(m.organization.code)}</li>`)}</ul>
      </details>`
      }
      <${InvitePicker} form=${form} dir=${dir} body=${body} invited=${invited} setInvited=${setInvited} />
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
          }}>${(["OPEN", "IN_PROGRESS", "DONE"] as const).map((s) => html`<option value=${s}>${ACTION_ITEM_STATUS_LABELS[s]}</option>`)}</select>
        </label>
      </li>`,
    )}</ul>
    ${tasks.length === 0 && html`<p class="muted">未完了のタスクはありません。</p>`}
  </section>`;
}

function Board({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [state, setState] = useState<LinkState>("connecting");
  const live = useMemo(() => liveClient(session, setState), [session.token]);
  const [route, setRoute] = useState<Route>(readRoute());
  const actionEvents: ActionEvents = useMemo(() => new Set(), []);
  const { org, meetings, tasks, setTasks, dir, cases, loadError } = useBoardData(session, live, actionEvents, setRoute);

  const go = (next: Route) => {
    history.pushState(null, "", hrefOf(next));
    setRoute(next);
    // The keyboard follows the reader to what was opened.
    setTimeout(() => document.getElementById(next.schedule ? "schedule-heading" : "meeting-title")?.focus(), 50);
  };

  return html`<${BoardHeader} state=${state} session=${session} org=${org} dir=${dir} onSignOut=${onSignOut} />
    <datalist id=${ORGANIZATION_LIST_ID}>${dir.organizations.map((o) => html`<option value=${o.name}></option>`)}</datalist>
    <main class="layout">
      ${loadError && html`<p class="field-error" role="alert">読み込めませんでした：${loadError}</p>`}
      <${MeetingList} session=${session} org=${org} meetings=${meetings} route=${route} go=${go} />
      <div class="center">
        ${
          route.schedule
            ? html`<${ScheduleForm} session=${session} dir=${dir} onScheduled=${(id: string) => go({ meeting: id, schedule: false })} />`
            : route.meeting
              ? html`<${MeetingPanel} key=${route.meeting} session=${session} live=${live} meetingId=${route.meeting} dir=${dir} actionEvents=${actionEvents} />`
              : html`<section class="panel"><h2>会議</h2><p>左の一覧から会議を選んでください。</p></section>`
        }
      </div>
      <div class="side">
        <${TaskList} session=${session} tasks=${tasks} onChanged=${(t: Task) => setTasks((list) => list.map((x) => (x.id === t.id ? t : x)))} />
        <${SharedCases} cases=${cases} />
      </div>
    </main>`;
}

function App() {
  const [session, setSession] = useState<Session | null>(loadSession());
  if (!session) return html`<${SignIn} onSignedIn=${setSession} />`;
  return html`<${Board} session=${session} onSignOut=${() => (sessionStorage.removeItem("marugoto-session"), setSession(null))} />`;
}

render(html`<${App} />`, document.getElementById("app")!);
