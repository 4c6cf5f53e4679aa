import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Client } from "graphql-ws";
import { cursorSeq, follow, request, type Session, type UserError } from "./api.js";
import { ORGANIZATION_LIST_ID, unknownOrganization, type Directory } from "./directory.js";
import { Field, Submit, useAttemptKey, useForm, type Form } from "./forms.js";
import { formatDate, formatDateTime, isoToTokyo, tokyoToIso } from "./format.js";
import type { BoardActionItemsChangedSubscription, BoardAgendaChangedSubscription, BoardMeetingQuery } from "./gql/graphql.js";
import {
  ACTION_ITEM_STATUS_LABELS,
  AGENDA_ITEM_KIND_LABELS,
  AGENDA_ITEM_STATUS_LABELS,
  ATTENDANCE_LABELS,
  labelOf,
  MEETING_MEMBER_ROLE_LABELS,
  MEETING_STATUS_LABELS,
} from "@marugoto/shared/labels";
import * as ops from "./operations.js";

type Meeting = NonNullable<BoardMeetingQuery["meeting"]>;
type AgendaItem = Meeting["agenda"][number];
type ActionEvent = BoardActionItemsChangedSubscription["actionItemsChanged"];

/** Applies an agenda event: the event carries the meeting and the whole agenda as they now stand. */
function applyEvent(meeting: Meeting, event: BoardAgendaChangedSubscription["agendaChanged"]): Meeting {
  const kept = new Map(meeting.agenda.map((i) => [i.id, { decisions: i.decisions, actionItems: i.actionItems }]));
  return {
    ...meeting,
    title: event.meeting.title,
    startsAt: event.meeting.startsAt,
    endsAt: event.meeting.endsAt,
    place: event.meeting.place,
    status: event.meeting.status,
    currentItem: event.meeting.currentItem ?? null,
    agenda: event.agenda.map((i) => ({ ...i, decisions: kept.get(i.id)?.decisions ?? [], actionItems: kept.get(i.id)?.actionItems ?? [] })),
  };
}

/** Applies a change to one of the caller's action items to the agenda item it came from. */
function applyAction(meeting: Meeting, event: ActionEvent): Meeting {
  const a = event.actionItem;
  if (!a || a.meeting?.id !== meeting.id || !a.agendaItemId) return meeting;
  const entry = {
    id: a.id,
    title: a.title,
    status: a.status,
    dueDate: a.dueDate,
    redacted: a.redacted,
    assigneePerson: a.assigneePerson,
    assignee: a.assignee,
  };
  return {
    ...meeting,
    agenda: meeting.agenda.map((item) => {
      if (item.id !== a.agendaItemId) return item;
      const has = item.actionItems.some((x) => x.id === a.id);
      return { ...item, actionItems: has ? item.actionItems.map((x) => (x.id === a.id ? entry : x)) : [...item.actionItems, entry] };
    }),
  };
}

/** Problems of a mutation, or of the request itself, as userErrors. */
async function attempt<P extends { userErrors: UserError[] }>(
  fn: () => Promise<P | null | undefined>,
  onDone?: (payload: P) => void,
): Promise<UserError[]> {
  try {
    const payload = await fn();
    const errors = payload?.userErrors ?? [];
    if (payload && !errors.length) onDone?.(payload);
    return errors;
  } catch (error) {
    return [{ code: "REQUEST_FAILED", message: (error as Error).message || "送信できませんでした。" }];
  }
}

/** An in-page confirmation (no browser dialog): the keyboard lands on its confirm button. */
function Confirm({
  id,
  text,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  id: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return html`<div class="confirm" role="alertdialog" aria-labelledby=${`${id}-text`} onKeyDown=${(e: KeyboardEvent) => e.key === "Escape" && onCancel()}>
    <p id=${`${id}-text`}>${text}</p>
    <button class="primary" ref=${ref} onClick=${onConfirm}>${confirmLabel}</button>
    <button onClick=${onCancel}>やめる</button>
  </div>`;
}

/** An organisation field: typed or picked by its Japanese name. */
function OrgField<T extends Record<string, string>>(props: { form: Form<T>; name: keyof T & string; label: string; required?: boolean }) {
  return html`<${Field} ...${props} list=${ORGANIZATION_LIST_ID} hint="組織名を入力すると候補が表示されます（例：納税課）" />`;
}

/** Resolves the named organisation fields to codes; on an unknown name, marks the field and returns null. */
function codesOf<T extends Record<string, string>>(
  form: Form<T>,
  dir: Directory,
  names: (keyof T & string)[],
  values: T,
): Record<string, string | null> | null {
  const codes: Record<string, string | null> = {};
  const errors: Record<string, string> = {};
  for (const name of names) {
    const typed = values[name]!.trim();
    if (!typed) codes[name] = null;
    else {
      const code = dir.code(typed);
      if (code) codes[name] = code;
      else errors[name] = unknownOrganization(typed);
    }
  }
  if (Object.keys(errors).length) {
    form.fail(errors);
    return null;
  }
  return codes;
}

/** An item's contents as its edit form holds them. */
const itemValues = (item: AgendaItem, dir: Directory) => ({
  title: item.title,
  description: item.description ?? "",
  presenterCode: item.presenter ? dir.name(item.presenter.code) : "",
  timeboxMinutes: item.timeboxMinutes ? String(item.timeboxMinutes) : "",
});

function EditItemForm({ session, item, dir, onDone }: { session: Session; item: AgendaItem; dir: Directory; onDone: () => void }) {
  const form = useForm(itemValues(item, dir));
  const ref = useRef<HTMLFormElement>(null);
  // The contents this form was opened on: a save over another editor's later one is refused (AGENDA_ITEM_CHANGED).
  const [revision, setRevision] = useState(item.revision);
  // Another editor saved meanwhile (the agenda event brought it): offered, never put over what is being typed.
  const load = () => {
    form.setAll(itemValues(item, dir));
    setRevision(item.revision);
  };
  useEffect(() => (ref.current?.querySelector("input") as HTMLInputElement | null)?.focus(), []);
  const submit = form.submit(
    async (v) => {
      const codes = codesOf(form, dir, ["presenterCode"], v);
      if (!codes) return;
      const errors = await attempt(
        async () =>
          (
            await request(session, ops.UpdateItem, {
              input: {
                itemId: item.id,
                title: v.title,
                description: v.description,
                // Every field of the form is sent: one left empty clears what the item had.
                presenterCode: codes.presenterCode ?? null,
                timeboxMinutes: v.timeboxMinutes ? Number(v.timeboxMinutes) : null,
                expectedRevision: revision,
              },
            })
          ).updateAgendaItem,
      );
      if (!errors.length) onDone();
      return errors;
    },
    { keep: true },
  );
  return html`<form class="edit" ref=${ref} data-testid="edit-item" onSubmit=${submit} aria-label=${`議題「${item.title}」の編集`}>
    <${Field} form=${form} name="title" label="議題名" required />
    <${Field} form=${form} name="description" label="説明" rows=${2} />
    <${OrgField} form=${form} name="presenterCode" label="報告者（組織）" />
    <${Field} form=${form} name="timeboxMinutes" label="持ち時間（分）" inputmode="numeric" />
    <${Submit} form=${form} label="保存"><button type="button" onClick=${onDone}>キャンセル</button><//>
    ${
      item.revision !== revision &&
      html`<p class="notice" role="status" data-testid="item-newer">ほかの方がこの議題を編集しました。<button type="button" onClick=${load}>最新の内容を読み込む</button>（入力中の内容は置き換わります）</p>`
    }
  </form>`;
}

function AddItemForm({ session, meeting, dir }: { session: Session; meeting: Meeting; dir: Directory }) {
  const form = useForm({ title: "", kind: "REPORT", description: "", presenterCode: "", timeboxMinutes: "" });
  const kinds = [
    { value: "REPORT", label: "報告" },
    { value: "TOPIC", label: "検討課題" },
  ];
  const attemptKey = useAttemptKey();
  const submit = form.submit(async (v) => {
    const codes = codesOf(form, dir, ["presenterCode"], v);
    if (!codes) return [{ code: "UNKNOWN_ORGANIZATION", field: ["presenterCode"], message: unknownOrganization(v.presenterCode) }];
    const input = {
      meetingId: meeting.id,
      kind: v.kind as "REPORT",
      title: v.title,
      description: v.description || null,
      presenterCode: codes.presenterCode,
      timeboxMinutes: v.timeboxMinutes ? Number(v.timeboxMinutes) : null,
    };
    return attempt(
      async () => (await request(session, ops.AddItem, { input, key: attemptKey.keyFor(input) })).addAgendaItem,
      attemptKey.done,
    );
  });
  return html`<form data-testid="add-item" onSubmit=${submit} aria-labelledby=${`${form.id}-legend`}>
    <h3 id=${`${form.id}-legend`}>議題を追加</h3>
    <div class="grid">
      <${Field} form=${form} name="title" label="議題名" required />
      <${Field} form=${form} name="kind" label="種類" options=${kinds} />
      <${OrgField} form=${form} name="presenterCode" label="報告者（組織）" />
      <${Field} form=${form} name="timeboxMinutes" label="持ち時間（分）" inputmode="numeric" hint="1〜600分" />
    </div>
    <${Field} form=${form} name="description" label="説明" rows=${2} />
    <${Submit} form=${form} label="議題を追加" busyLabel="追加しています…" />
  </form>`;
}

function DecisionForm({ session, item, onSaved }: { session: Session; item: AgendaItem; onSaved: () => void }) {
  const form = useForm({ content: "" });
  const attemptKey = useAttemptKey();
  const submit = form.submit(async (v) => {
    const decided = { itemId: item.id, content: v.content };
    const errors = await attempt(
      async () => (await request(session, ops.Decide, { ...decided, key: attemptKey.keyFor(decided) })).recordDecision,
      attemptKey.done,
    );
    if (!errors.length) onSaved();
    return errors;
  });
  return html`<form data-testid="decision-form" onSubmit=${submit}>
    <${Field} form=${form} name="content" label="決定事項" rows=${2} required />
    <${Submit} form=${form} label="決定を記録" busyLabel="記録しています…" />
  </form>`;
}

function ActionForm({ session, item, dir, onSaved }: { session: Session; item: AgendaItem; dir: Directory; onSaved: () => void }) {
  const form = useForm({ title: "", assigneeCode: "", assigneePerson: "", dueDate: "" });
  const attemptKey = useAttemptKey();
  const submit = form.submit(async (v) => {
    const codes = codesOf(form, dir, ["assigneeCode"], v);
    if (!codes) return [{ code: "UNKNOWN_ORGANIZATION", field: ["assigneeCode"], message: unknownOrganization(v.assigneeCode) }];
    const input = {
      itemId: item.id,
      title: v.title,
      assigneeCode: codes.assigneeCode ?? "",
      assigneePerson: v.assigneePerson || null,
      dueDate: v.dueDate || null,
    };
    const errors = await attempt(
      async () => (await request(session, ops.CreateAction, { key: attemptKey.keyFor(input), input })).createActionItem,
      attemptKey.done,
    );
    if (!errors.length) onSaved();
    return errors;
  });
  return html`<form data-testid="action-form" onSubmit=${submit}>
    <div class="grid">
      <${Field} form=${form} name="title" label="タスク" required />
      <${OrgField} form=${form} name="assigneeCode" label="担当組織" required />
      <${Field} form=${form} name="assigneePerson" label="担当者（任意）" />
      <${Field} form=${form} name="dueDate" label="期限" type="date" />
    </div>
    <${Submit} form=${form} label="タスクを追加" busyLabel="追加しています…" />
  </form>`;
}

type Act = (fn: () => Promise<{ userErrors: UserError[] } | null | undefined>) => Promise<void>;

/** One member of the meeting: its role, pledge and attendance, which the chair records (and may take the member off). */
function MemberRow({
  session,
  meeting,
  member: m,
  dir,
  act,
}: {
  session: Session;
  meeting: Meeting;
  member: Meeting["members"][number];
  dir: Directory;
  act: Act;
}) {
  const casework = meeting.body.handlesIndividualCases;
  const code = m.organization?.code ?? "";
  const name = dir.name(code) || "（名簿にない組織）";
  return html`<li>
    <span>${name}</span> <span class="muted">${labelOf(MEETING_MEMBER_ROLE_LABELS, m.role)}${casework ? (m.pledged ? "・誓約済み" : "・未誓約") : ""}</span>
    ${
      meeting.canEdit
        ? html` <label class="inline-label">出欠 <span class="visually-hidden">（${name}）</span>
            <select value=${m.attendance} onChange=${(e: Event) => act(async () => (await request(session, ops.RecordAttendance, { id: meeting.id, code, attendance: (e.target as HTMLSelectElement).value as "PRESENT" })).recordAttendance)}>
              ${Object.entries(ATTENDANCE_LABELS).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
            </select></label>
          ${m.role !== "CHAIR" && changeable(meeting) && html` <button aria-label=${`${name}を構成員から外す`} onClick=${() => act(async () => (await request(session, ops.RemoveMember, { id: meeting.id, code })).removeMeetingMember)}>外す</button>`}`
        : html` <span class="muted">・${labelOf(ATTENDANCE_LABELS, m.attendance)}</span>`
    }
  </li>`;
}

function MembersPanel({
  session,
  meeting,
  dir,
  reload,
  report,
}: {
  session: Session;
  meeting: Meeting;
  dir: Directory;
  reload: () => void;
  report: (errors: UserError[]) => void;
}) {
  const form = useForm({ organizationCode: "" });
  const casework = meeting.body.handlesIndividualCases;
  const mine = meeting.members.find((m) => m.organization?.code === session.org);
  const submit = form.submit(async (v) => {
    const codes = codesOf(form, dir, ["organizationCode"], v);
    if (!codes) return [{ code: "UNKNOWN_ORGANIZATION", field: ["organizationCode"], message: unknownOrganization(v.organizationCode) }];
    const errors = await attempt(
      async () => (await request(session, ops.AddMember, { id: meeting.id, code: codes.organizationCode ?? "" })).addMeetingMember,
    );
    if (!errors.length) reload();
    return errors;
  });
  const act = async (fn: () => Promise<{ userErrors: UserError[] } | null | undefined>) => {
    const errors = await attempt(fn);
    report(errors);
    if (!errors.length) reload();
  };
  return html`<section class="panel" aria-labelledby="members-heading" data-testid="members">
    <h3 id="members-heading">構成員（${meeting.members.length}）</h3>
    ${casework && mine && !mine.pledged && html`<p><button class="primary" onClick=${() => act(async () => (await request(session, ops.Pledge, { id: meeting.id })).pledgeConfidentiality)}>守秘義務を誓約する</button></p>`}
    <details class="roster" data-testid="member-list">
    <summary>構成員の一覧・出欠</summary>
    <ul class="members">
      ${meeting.members.map((m) => html`<${MemberRow} session=${session} meeting=${meeting} member=${m} dir=${dir} act=${act} />`)}
    </ul>
    </details>
    ${
      meeting.canEdit &&
      changeable(meeting) &&
      html`<form data-testid="add-member" onSubmit=${submit}>
      <${OrgField} form=${form} name="organizationCode" label="構成員を追加（組織）" required />
      <${Submit} form=${form} label="追加" />
    </form>`
    }
  </section>`;
}

/**
 * The minutes form and the draft its text started from (`base`): saved only as that revision, never over a
 * newer one unread. A draft saved elsewhere becomes the text when nothing was typed over it; otherwise it
 * is offered (`newer`, `load`).
 */
function useMinutesDraft(minutes: Meeting["minutes"]) {
  const latest = { content: minutes?.content ?? "", nextReviewDate: minutes?.nextReviewDate ?? "", revision: minutes?.revision ?? 0 };
  const form = useForm({ content: latest.content, nextReviewDate: latest.nextReviewDate });
  const [base, setBase] = useState(latest);
  const edited = form.values.content !== base.content || form.values.nextReviewDate !== base.nextReviewDate;
  const load = () => {
    form.setAll({ content: latest.content, nextReviewDate: latest.nextReviewDate });
    setBase(latest);
  };
  useEffect(() => {
    if (!form.busy && latest.revision !== base.revision && !edited) load();
  }, [latest.revision, form.busy]);
  return { form, base, setBase, load, newer: latest.revision !== base.revision };
}

function MinutesPanel({ session, meeting, reload }: { session: Session; meeting: Meeting; reload: () => void }) {
  const minutes = meeting.minutes;
  const approved = minutes?.status === "APPROVED";
  const casework = meeting.body.handlesIndividualCases;
  const { form, base, setBase, load, newer } = useMinutesDraft(minutes);
  const [confirming, setConfirming] = useState(false);
  const [approving, setApproving] = useState(0);
  const [approveErrors, setApproveErrors] = useState<UserError[]>([]);
  const submit = form.submit(
    async (v) => {
      const errors = await attempt(
        async () =>
          (
            await request(session, ops.DraftMinutes, {
              id: meeting.id,
              content: v.content,
              nextReviewDate: casework && v.nextReviewDate ? v.nextReviewDate : null,
              // The draft this text was written over: saving over another's newer one is refused.
              rev: base.revision,
            })
          ).draftMinutes,
        (payload) => payload.minutes && setBase({ ...v, revision: payload.minutes.revision }),
      );
      if (!errors.length) reload();
      return errors;
    },
    { keep: true },
  );
  const approve = async () => {
    setConfirming(false);
    const errors = await attempt(
      async () => (await request(session, ops.ApproveMinutes, { id: meeting.id, rev: approving })).approveMinutes,
    );
    setApproveErrors(errors);
    if (!errors.length) reload();
  };
  return html`<section class="panel" aria-labelledby="minutes-heading" data-testid="minutes">
    <h3 id="minutes-heading">議事録 <span class="status">${!minutes ? "未作成" : approved ? "承認済み" : "下書き"}</span></h3>
    ${minutes?.approvedAt && html`<p class="muted">承認日時 ${formatDateTime(minutes.approvedAt)}</p>`}
    ${
      meeting.canEdit && !approved
        ? html`<form data-testid="minutes-form" onSubmit=${submit}>
          <${Field} form=${form} name="content" label="議事録の本文" rows=${5} required />
          ${casework && html`<${Field} form=${form} name="nextReviewDate" label="次回評価日" type="date" />`}
          <${Submit} form=${form} label="下書きを保存" busyLabel="保存しています…">
            ${minutes?.status === "DRAFT" && (meeting.status === "CLOSED" ? html`<button type="button" onClick=${() => (setApproving(base.revision), setConfirming(true))}>承認する</button>` : html`<span class="muted" data-testid="minutes-approval-later">議事録は、閉会後に承認できます。</span>`)}
          <//>
          ${confirming && html`<${Confirm} id="approve-minutes" text="議事録を承認すると、以後は変更できません。承認しますか？" confirmLabel="承認する" onConfirm=${approve} onCancel=${() => setConfirming(false)} />`}
          ${approveErrors.length > 0 && html`<p class="field-error" role="alert">${approveErrors.map((e) => e.message).join(" ")}</p>`}
          ${
            newer &&
            html`<p class="notice" role="status" data-testid="minutes-newer">ほかの方が新しい下書きを保存しました。<button type="button" onClick=${load}>最新の下書きを読み込む</button>（入力中の内容は置き換わります）</p>`
          }
        </form>`
        : minutes
          ? html`<div class="minutes-text">${minutes.content}</div>${minutes.nextReviewDate && html`<p class="muted">次回評価日 ${formatDate(minutes.nextReviewDate)}</p>`}`
          : html`<p class="muted">議事録はまだありません。</p>`
    }
    ${minutes && html`<p><a data-testid="minutes-print-link" href=${`minutes.html?meeting=${meeting.id}`}>議事録（印刷用・PDF）</a></p>`}
  </section>`;
}

/** An agenda item's reordering, editing, deferring and removing buttons. */
function ItemActions({
  session,
  meeting,
  item,
  index,
  act,
  onEdit,
  onRemove,
}: {
  session: Session;
  meeting: Meeting;
  item: AgendaItem;
  index: number;
  act: Act;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const ids = meeting.agenda.map((i) => i.id);
  const move = (by: number) => {
    const next = [...ids];
    const [it] = next.splice(index, 1);
    next.splice(index + by, 0, it!);
    // The order this screen shows goes with it: a move over an order another editor changed meanwhile is refused (AGENDA_ORDER_CHANGED).
    return act(async () => (await request(session, ops.Reorder, { id: meeting.id, itemIds: next, seen: ids })).reorderAgenda);
  };
  return html`<div class="item-actions" role="group" aria-label=${`議題「${item.title}」の操作`}>
    <button aria-label=${`「${item.title}」を上へ`} disabled=${index === 0} onClick=${() => move(-1)}>↑ 上へ</button>
    <button aria-label=${`「${item.title}」を下へ`} disabled=${index === ids.length - 1} onClick=${() => move(1)}>↓ 下へ</button>
    ${!item.redacted && item.status !== "DONE" && html`<button onClick=${onEdit}>編集</button>`}
    ${(item.status === "PENDING" || item.status === "CURRENT") && html`<button onClick=${() => act(async () => (await request(session, ops.Defer, { itemId: item.id })).deferAgendaItem)}>先送り</button>`}
    ${(item.status === "PENDING" || item.status === "DEFERRED") && item.decisions.length === 0 && html`<button onClick=${onRemove}>削除</button>`}
  </div>`;
}

/** What an agenda item brought: its decisions and its tasks (nothing for either when there is none). */
function itemOutcomes(item: AgendaItem, dir: Directory) {
  return html`
    ${
      item.decisions.length > 0 &&
      html`<div class="sub"><h4>決定事項</h4><ul data-testid="decisions">${item.decisions.map((d) => html`<li>${d.content}</li>`)}</ul></div>`
    }
    ${
      item.actionItems.length > 0 &&
      html`<div class="sub"><h4>タスク</h4><ul data-testid="item-actions">${item.actionItems.map(
        (a) =>
          html`<li>${a.title}<span class="muted">（${dir.name(a.assignee?.code)}${a.assigneePerson ? `・${a.assigneePerson}` : ""}・${labelOf(ACTION_ITEM_STATUS_LABELS, a.status)}${a.dueDate ? `・期限 ${formatDate(a.dueDate)}` : ""}）</span></li>`,
      )}</ul></div>`
    }
  `;
}

function ItemView({
  session,
  meeting,
  item,
  index,
  dir,
  reload,
  report,
}: {
  session: Session;
  meeting: Meeting;
  item: AgendaItem;
  index: number;
  dir: Directory;
  reload: () => void;
  report: (e: UserError[]) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const editable = meeting.canEdit && changeable(meeting);
  const act = async (fn: () => Promise<{ userErrors: UserError[] } | null | undefined>) => report(await attempt(fn));
  const isCurrent = item.status === "CURRENT";
  return html`<li data-testid="agenda-item" class=${`item ${item.status.toLowerCase()}`} aria-current=${isCurrent ? "step" : undefined}>
    <div class="item-head">
      <span class="title">${item.title}</span>
      <span class="badge">${labelOf(AGENDA_ITEM_STATUS_LABELS, item.status)}</span>
    </div>
    <p class="muted">${labelOf(AGENDA_ITEM_KIND_LABELS, item.kind)}${item.presenter ? `・報告者 ${dir.name(item.presenter.code)}` : ""}${item.timeboxMinutes ? `・${item.timeboxMinutes}分` : ""}</p>
    ${item.description && html`<p class="description">${item.description}</p>`}
    ${
      editable &&
      !editing &&
      html`<${ItemActions} session=${session} meeting=${meeting} item=${item} index=${index} act=${act} onEdit=${() => setEditing(true)} onRemove=${() => setRemoving(true)} />`
    }
    ${
      removing &&
      html`<${Confirm} id=${`remove-${item.id}`} text=${`議題「${item.title}」を削除しますか？`} confirmLabel="削除する" onCancel=${() => setRemoving(false)} onConfirm=${() => {
        setRemoving(false);
        void act(async () => (await request(session, ops.RemoveItem, { itemId: item.id })).removeAgendaItem);
      }} />`
    }
    ${editing && html`<${EditItemForm} session=${session} item=${item} dir=${dir} onDone=${() => setEditing(false)} />`}
    ${itemOutcomes(item, dir)}
    ${
      isCurrent &&
      meeting.canEdit &&
      meeting.status === "IN_PROGRESS" &&
      html`<div class="current-forms">
      <${DecisionForm} session=${session} item=${item} onSaved=${reload} />
      <${ActionForm} session=${session} item=${item} dir=${dir} onSaved=${reload} />
    </div>`
    }
  </li>`;
}

/** 日時・場所を変更: a new start, planned end and place for a meeting not yet closed. */
function RescheduleForm({ session, meeting, onDone }: { session: Session; meeting: Meeting; onDone: () => void }) {
  const form = useForm({
    startsAt: isoToTokyo(meeting.startsAt),
    endsAt: meeting.endsAt ? isoToTokyo(meeting.endsAt) : "",
    place: meeting.place ?? "",
  });
  const attemptKey = useAttemptKey();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => (ref.current?.querySelector("input") as HTMLInputElement | null)?.focus(), []);
  const submit = form.submit(
    async (v) => {
      const startsAt = tokyoToIso(v.startsAt);
      const endsAt = v.endsAt ? tokyoToIso(v.endsAt) : null;
      if (!startsAt) return [{ code: "INVALID_DATE", field: ["startsAt"], message: "開始日時を入力してください。" }];
      if (v.endsAt && !endsAt) return [{ code: "INVALID_DATE", field: ["endsAt"], message: "終了日時が正しくありません。" }];
      const input = { meetingId: meeting.id, startsAt, endsAt, place: v.place };
      const errors = await attempt(
        async () => (await request(session, ops.RescheduleMeeting, { key: attemptKey.keyFor(input), input })).rescheduleMeeting,
        attemptKey.done,
      );
      if (!errors.length) onDone();
      return errors;
    },
    { keep: true },
  );
  return html`<form class="edit" ref=${ref} data-testid="reschedule-form" onSubmit=${submit} aria-label="日時・場所の変更">
    <div class="grid">
      <${Field} form=${form} name="startsAt" label="開始日時" type="datetime-local" required />
      <${Field} form=${form} name="endsAt" label="終了予定" type="datetime-local" />
    </div>
    <${Field} form=${form} name="place" label="場所" />
    <${Submit} form=${form} label="変更を保存"><button type="button" onClick=${onDone}>キャンセル</button><//>
  </form>`;
}

function RunControls({ session, meeting, report }: { session: Session; meeting: Meeting; report: (e: UserError[]) => void }) {
  const [confirming, setConfirming] = useState<"advance" | "close" | "cancel" | null>(null);
  // What the 次の議題へ confirmation showed when it opened: confirming it acts on that, not on an agenda
  // another editor has moved on since (the server refuses it then: CURRENT_ITEM_CHANGED).
  const [asked, setAsked] = useState<{ seen: string; text: string }>({ seen: "", text: "" });
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<{ userErrors: UserError[] } | null | undefined>) => {
    setConfirming(null);
    setBusy(true);
    report(await attempt(fn));
    setBusy(false);
  };
  const current = meeting.agenda.find((i) => i.status === "CURRENT");
  const next = meeting.agenda.find((i) => i.status === "PENDING");
  const anyDone = meeting.agenda.some((i) => i.status === "DONE");
  const advanceText = `${current ? `「${current.title}」を協議済みにして、` : ""}${next ? `「${next.title}」へ進みますか？` : "次の議題はありません。現在の議題を終えますか？"}「前の議題に戻る」で取り消せます。`;
  // 中止 is the chair's alone (the server says so too), and only before the meeting opens.
  const chairs = meeting.members.some((m) => m.role === "CHAIR" && m.organization?.code === session.org);
  return html`<div class="run" role="group" aria-label="会議の進行">
    ${
      (meeting.status === "SCHEDULED" || meeting.status === "ADJOURNED") &&
      html`<button class="primary" disabled=${busy} onClick=${() => act(async () => (await request(session, ops.Start, { id: meeting.id })).startMeeting)}>${meeting.status === "ADJOURNED" ? "再開" : "開会"}</button>`
    }
    ${meeting.status === "SCHEDULED" && chairs && html`<button disabled=${busy} onClick=${() => setConfirming("cancel")}>中止</button>`}
    ${
      confirming === "cancel" &&
      html`<${Confirm} id="confirm-cancel" text="この会議を中止しますか？ 構成員の予定表には中止と表示され、この会議の未完了のタスクも取り消されます。" confirmLabel="中止する" onCancel=${() => setConfirming(null)} onConfirm=${() => act(async () => (await request(session, ops.Cancel, { id: meeting.id })).cancelMeeting)} />`
    }
    ${
      meeting.status === "IN_PROGRESS" &&
      html`<button class="primary" disabled=${busy} onClick=${() => (setAsked({ seen: current?.id ?? "", text: advanceText }), setConfirming("advance"))}>次の議題へ</button>
      ${anyDone && html`<button disabled=${busy} onClick=${() => act(async () => (await request(session, ops.StepBack, { id: meeting.id, seen: current?.id ?? "" })).returnToPreviousItem)}>前の議題に戻る</button>`}
      <button disabled=${busy} onClick=${() => act(async () => (await request(session, ops.Adjourn, { id: meeting.id })).adjournMeeting)}>休会</button>`
    }
    ${(meeting.status === "IN_PROGRESS" || meeting.status === "ADJOURNED") && html`<button disabled=${busy} onClick=${() => setConfirming("close")}>閉会</button>`}
    ${
      confirming === "advance" &&
      html`<${Confirm} id="confirm-advance" text=${asked.text} confirmLabel="次の議題へ進む" onCancel=${() => setConfirming(null)} onConfirm=${() => act(async () => (await request(session, ops.Advance, { id: meeting.id, seen: asked.seen })).advanceAgenda)} />`
    }
    ${
      confirming === "close" &&
      html`<${Confirm} id="confirm-close" text="閉会すると、この会議の議題は以後変更できません。閉会しますか？" confirmLabel="閉会する" onCancel=${() => setConfirming(null)} onConfirm=${() => act(async () => (await request(session, ops.Close, { id: meeting.id })).closeMeeting)} />`
    }
  </div>`;
}

/** Whether the meeting's agenda, members and schedule may still change: not after 閉会, nor once 中止. */
const changeable = (meeting: Meeting) => meeting.status !== "CLOSED" && meeting.status !== "CANCELLED";

/** Kinds of agenda event whose snapshot lacks something shown here (decisions, tasks, members, minutes): read the meeting again. */
const RELOAD_ON = new Set([
  "DECISION_RECORDED",
  "MEMBERS_CHANGED",
  "ITEM_REMOVED",
  "ACTION_ITEM_ADDED",
  "ACTION_ITEM_CHANGED",
  "MINUTES_DRAFTED",
  "MINUTES_APPROVED",
]);

/**
 * How many times a read is made again because its answer was read before an event the board has
 * already shown, and how long it waits before the first (doubling each time), before showing it anyway.
 */
const MAX_REREADS = 5;
const REREAD_WAIT_MS = 50;

/** The meeting as the board reads it, or why no answer came (the network, the gateway). */
async function readBoard(session: Session, meetingId: string): Promise<{ meeting?: Meeting | null; failure: string | null }> {
  try {
    return { meeting: (await request(session, ops.MeetingBoard, { id: meetingId })).meeting, failure: null };
  } catch (error) {
    return { failure: (error as Error).message || "会議を読み込めませんでした。" };
  }
}

/** Where the board announces changes to its organisation's action items (each listener gets every one). */
export type ActionEvents = Set<(event: ActionEvent) => void>;

/**
 * The meeting as it now stands (undefined while read, null when missing or not visible): read once, then kept
 * current by its agenda events and the board's action-item events; reload reads it again.
 */
function useMeeting(session: Session, live: Client, meetingId: string, actionEvents: ActionEvents) {
  const [meeting, setMeeting] = useState<Meeting | null | undefined>(undefined);
  /** Why the first read got no answer (the meeting stays unknown), and how many times it was tried. */
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  /** Why the last read again got no answer after every try (the board shown may lack a change), or null. */
  const [reloadError, setReloadError] = useState<string | null>(null);
  /** The latest event applied (agenda and action items, one sequence): a read whose cursor is behind it was read before it. */
  const seen = useRef(0);
  const sawEvent = (cursor: string) => (seen.current = Math.max(seen.current, cursorSeq(cursor)));
  /** The latest read asked for: an earlier one answering later is older, and dropped. */
  const latestRead = useRef(0);
  /**
   * Reads the meeting again and shows it whole — unless a newer read was asked for meanwhile (its
   * answer will come), or the answer was read before an event the board has already applied: read
   * while that event was under way, or kept by the gateway before it heard of the change (its notice
   * comes by another path than the event). Showing it would put the board back (the current item, the
   * status, a decision missing) until the next event. Then it waits a moment and reads again; after a
   * few tries it shows the last answer, the next event correcting it.
   */
  const readAgain = async (tries: number): Promise<void> => {
    const read = ++latestRead.current;
    const { meeting: m, failure } = await readBoard(session, meetingId);
    if (read !== latestRead.current) return;
    const stale = failure === null && m && cursorSeq(m.eventCursor) < seen.current;
    if ((failure !== null || stale) && tries < MAX_REREADS) {
      await new Promise((resolve) => setTimeout(resolve, REREAD_WAIT_MS * 2 ** tries));
      if (read === latestRead.current) return readAgain(tries + 1);
      return;
    }
    // No answer after every try (the network, the gateway): the board keeps what its events made of
    // it, and says it may lack what only a read brings (decisions, tasks, members, minutes).
    setReloadError(failure);
    if (failure === null) setMeeting(m ?? null);
  };
  const reload = () => readAgain(0);

  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    request(session, ops.MeetingBoard, { id: meetingId })
      .then(({ meeting: m }) => {
        if (cancelled) return;
        setMeeting(m ?? null);
        if (!m) return;
        // Read before an action event already heard (a kept answer): the stream below replays agenda
        // events from this read's cursor, not action events; read again.
        if (cursorSeq(m.eventCursor) < seen.current) void reload();
        // From the cursor of the read: nothing between the read and the subscription is missed.
        stop = follow(live, ops.AgendaChanged, { id: meetingId, after: m.eventCursor }, (e) => {
          sawEvent(e.agendaChanged.cursor);
          setMeeting((current) => (current ? applyEvent(current, e.agendaChanged) : current));
          if (RELOAD_ON.has(e.agendaChanged.kind)) void reload();
        });
      })
      // No answer (the network, the gateway): said so, with a way to try again — not "not found".
      .catch((error: Error) => !cancelled && setLoadError(error.message || "会議を読み込めませんでした。"));
    return () => {
      cancelled = true;
      // A read again under way (or waiting to be made) is for the meeting left: dropped.
      latestRead.current++;
      stop();
    };
  }, [meetingId, loadAttempt]);

  useEffect(() => {
    const listener = (event: ActionEvent) => {
      sawEvent(event.cursor);
      setMeeting((current) => (current ? applyAction(current, event) : current));
    };
    actionEvents.add(listener);
    return () => void actionEvents.delete(listener);
  }, [actionEvents]);
  const retryLoad = () => {
    setLoadError(null);
    setLoadAttempt((n) => n + 1);
  };
  return { meeting, reload, loadError, retryLoad, reloadError };
}

export function MeetingPanel({
  session,
  live,
  meetingId,
  dir,
  actionEvents,
}: {
  session: Session;
  live: Client;
  meetingId: string;
  dir: Directory;
  actionEvents: ActionEvents;
}) {
  const { meeting, reload, loadError, retryLoad, reloadError } = useMeeting(session, live, meetingId, actionEvents);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [rescheduling, setRescheduling] = useState(false);

  if (meeting === undefined && loadError)
    return html`<section class="panel" data-testid="meeting-load-error"><h2>会議</h2><p class="field-error" role="alert">${loadError}</p><p><button onClick=${retryLoad}>もう一度読み込む</button></p></section>`;
  if (meeting === undefined) return html`<section class="panel" aria-busy="true"><p class="muted">読み込み中…</p></section>`;
  if (meeting === null) return html`<section class="panel"><h2>会議</h2><p>この会議は見つからないか、閲覧できません。</p></section>`;
  const report = (errors: UserError[]) => setProblems(errors);

  return html`<section class="panel meeting" data-testid="meeting" aria-labelledby="meeting-title">
    <h2 id="meeting-title" tabindex="-1">${meeting.title} <span class="status" data-testid="meeting-status">${labelOf(MEETING_STATUS_LABELS, meeting.status)}</span></h2>
    <p class="muted">${meeting.body.name}・${formatDateTime(meeting.startsAt)}${meeting.endsAt ? ` 〜 ${formatDateTime(meeting.endsAt)}` : ""}${meeting.place ? `・${meeting.place}` : ""}${meeting.confidential ? "・非公開" : ""}</p>
    ${meeting.canEdit && html`<${RunControls} session=${session} meeting=${meeting} report=${report} />`}
    ${
      meeting.canEdit &&
      changeable(meeting) &&
      (rescheduling
        ? html`<${RescheduleForm} session=${session} meeting=${meeting} onDone=${() => setRescheduling(false)} />`
        : html`<p><button onClick=${() => setRescheduling(true)}>日時・場所を変更</button></p>`)
    }
    ${
      reloadError !== null &&
      html`<div class="field-error" role="alert" data-testid="meeting-reload-error"><p>最新の内容を読み込めませんでした（${reloadError}）。決定事項・タスク・出席者・議事録の表示が古い可能性があります。</p><p><button onClick=${() => void reload()}>もう一度読み込む</button></p></div>`
    }
    <div role="status" aria-live="polite">${problems.length > 0 && html`<p class="field-error" data-testid="problems">${problems.map((p) => p.message).join(" ")}</p>`}</div>
    <h3>議題</h3>
    ${meeting.agenda.length === 0 && html`<p class="muted">議題はまだありません。</p>`}
    <ol data-testid="agenda" class="agenda">
      ${meeting.agenda.map((item, index) => html`<${ItemView} key=${item.id} session=${session} meeting=${meeting} item=${item} index=${index} dir=${dir} reload=${reload} report=${report} />`)}
    </ol>
    ${meeting.canEdit && changeable(meeting) && html`<${AddItemForm} session=${session} meeting=${meeting} dir=${dir} />`}
    <${MembersPanel} session=${session} meeting=${meeting} dir=${dir} reload=${reload} report=${report} />
    <${MinutesPanel} session=${session} meeting=${meeting} reload=${reload} />
  </section>`;
}
