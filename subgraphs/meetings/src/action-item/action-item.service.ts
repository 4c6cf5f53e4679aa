import type DataLoader from "dataloader";
import { raw, type EntityManager } from "@mikro-orm/postgresql";
import {
  decodePageCursor,
  ForbiddenError,
  InputProblems,
  loaderOfGroups,
  NotFoundError,
  notFoundAs,
  pageSize,
  RuleViolation,
  toPage,
  tokyoDate,
  type Identity,
  type Page,
} from "@marugoto/shared";
import { AgendaItemEntity } from "../agenda/agenda-item.entity.js";
import { publishActionItemEvent, publishAgendaEvent, SCHEMA } from "../events/meeting-events.js";
import { meetingIdOf, type MeetingService } from "../meeting/meeting.service.js";
import { canEdit, canSee, type MeetingView } from "../meeting/meeting.view.js";
import { HANDLES_INDIVIDUAL_CASES, BODY_KINDS } from "../body/body.entity.js";
import { screenPolicyText } from "../body/policy-text.js";
import { actionItemFor, actionItemView, type ActionItemView } from "./action-item.view.js";
import { optionalText, requireDate, requireKnownOrganization, requireText, isUuid } from "@marugoto/shared";
import { ActionItemEntity, type ActionItem, type ActionStatusValue } from "./action-item.entity.js";

export interface CreateActionItemInput {
  itemId: string;
  title: string;
  assigneeCode: string;
  assigneePerson?: string | null;
  dueDate?: string | null;
}

/** Open and in-progress items past their due date (Asia/Tokyo) are overdue. */
export const isOverdue = (item: Pick<ActionItem, "dueDate" | "status">, today = tokyoDate()) =>
  !!item.dueDate && item.dueDate < today && (item.status === "OPEN" || item.status === "IN_PROGRESS");

/** Action items (アクションアイテム): created by the chair, progressed by their assignee. */
export class ActionItemService {
  private readonly ofAgendaItem: DataLoader<string, ActionItem[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly meetings: MeetingService,
  ) {
    this.ofAgendaItem = loaderOfGroups(
      (ids) => this.em.find(ActionItemEntity, { item: { $in: ids } }, { orderBy: { createdAt: "asc" }, populate: ["item"] }),
      (r) => r.item?.id,
    );
  }

  /**
   * Rows as this caller may see them, in order, the hidden ones left out. Every read path goes
   * through here, so `actionItemAccess` is the only rule that decides. Rows must have their agenda
   * item loaded (`populate: ["item"]`).
   */
  async viewsFor(rows: ActionItem[]): Promise<ActionItemView[]> {
    const meetings = await Promise.all(rows.map((r) => this.meetings.visible(r.meeting.id)));
    return rows.flatMap((r, i) => actionItemFor(meetings[i] ?? null, this.identity, actionItemView(r)) ?? []);
  }

  async forAgendaItem(itemId: string): Promise<ActionItemView[]> {
    return this.viewsFor(await this.ofAgendaItem.load(itemId));
  }

  /** An organisation's action items that the caller may see. */
  async forOrganization(
    code: string,
    statuses: ActionStatusValue[] | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<ActionItemView>> {
    // The operation's cursor before the rows (see `MeetingService.operationCursor`).
    await this.meetings.operationCursor();
    const size = pageSize(first);
    const where: Record<string, unknown>[] = [{ assigneeCode: code }, ...this.visibleWhere()];
    if (statuses?.length) where.push({ status: { $in: statuses } });
    const key = decodePageCursor(after, ["uuid"]);
    if (key) where.push({ id: { $gt: String(key[0]) } });
    const rows = await this.em.find(ActionItemEntity, { $and: where }, { orderBy: { id: "asc" }, limit: size + 1, populate: ["item"] });
    return toPage(await this.viewsFor(rows), size, (v) => [v.id]);
  }

  /**
   * The conditions (all to hold) that narrow action items in SQL to what `actionItemAccess` can let
   * through, so that pages stay full: meetings the caller may see, and a case item's title only where
   * the caller pledged or is the assignee. The caller's memberships are subqueries of the same
   * statement. The rule itself is still applied to every row read (a row this lets through by mistake
   * is dropped).
   */
  private visibleWhere(): Record<string, unknown>[] {
    const org = this.identity.org;
    const memberOf = (pledged: boolean) =>
      raw(
        (alias: string) =>
          `${alias}.meeting_id in (select meeting_id from "${SCHEMA}".meeting_member where organization_code = ?${pledged ? " and pledged_at is not null" : ""})`,
        [org],
      );
    const caseKinds = BODY_KINDS.filter((k) => HANDLES_INDIVIDUAL_CASES[k]);
    return [
      { $or: [{ meeting: { confidential: false } }, { [memberOf(false)]: [] }] },
      {
        $or: [
          { [memberOf(true)]: [] },
          { assigneeCode: org },
          { item: { kind: { $ne: "CASE" } } },
          { item: null, meeting: { body: { kind: { $nin: caseKinds } } } },
        ],
      },
    ];
  }

  /**
   * Action items the caller may see, counted by assignee organisation and state (for the board's
   * charts): the same rows and rule as `forOrganization`, every organisation at once.
   */
  async tally(limit = 5_000): Promise<{ assigneeCode: string; open: number; overdue: number; done: number }[]> {
    const rows = await this.em.find(
      ActionItemEntity,
      { $and: this.visibleWhere() },
      { orderBy: { id: "desc" }, limit, populate: ["item"] },
    );
    const tallies = new Map<string, { assigneeCode: string; open: number; overdue: number; done: number }>();
    for (const view of await this.viewsFor(rows)) {
      if (view.status === "CANCELLED") continue;
      const t = tallies.get(view.assigneeCode) ?? { assigneeCode: view.assigneeCode, open: 0, overdue: 0, done: 0 };
      if (view.status === "DONE") t.done++;
      else if (isOverdue(view)) t.overdue++;
      else t.open++;
      tallies.set(view.assigneeCode, t);
    }
    return [...tallies.values()].sort(
      (a, b) => b.open + b.overdue + b.done - (a.open + a.overdue + a.done) || a.assigneeCode.localeCompare(b.assigneeCode),
    );
  }

  /** The item as the caller may see it, or null. */
  async visible(id: string): Promise<ActionItemView | null> {
    const item = isUuid(id) ? await this.em.findOne(ActionItemEntity, id, { populate: ["item"] }) : null;
    return item ? ((await this.viewsFor([item]))[0] ?? null) : null;
  }

  async create(tx: EntityManager, input: CreateActionItemInput): Promise<ActionItem> {
    const meetingId = await meetingIdOf(tx, "agenda_item", input.itemId);
    if (!meetingId) throw new NotFoundError("議題", input.itemId);
    const meeting = await notFoundAs("議題", input.itemId, this.meetings.requireEditable(meetingId, tx));
    const agendaItem = await tx.findOne(AgendaItemEntity, input.itemId, { refresh: true });
    if (!agendaItem) throw new NotFoundError("議題", input.itemId);
    // Every problem of the input at once; nothing is written.
    const problems = new InputProblems();
    const title = problems.check(() => requireText(input.title, "title", "タスク名", 200));
    screenPolicyText(meeting.bodyKind, problems, title, "title", "タスク名");
    problems.check(() => requireKnownOrganization(input.assigneeCode, "assigneeCode", "担当組織"));
    requireMemberAssignee(meeting, input.assigneeCode, problems);
    const assigneePerson = problems.check(() => optionalText(input.assigneePerson, "assigneePerson", "担当者", 100));
    const dueDate = input.dueDate ? problems.check(() => requireDate(input.dueDate!, "dueDate", "期限")) : null;
    problems.throwIfAny();
    const action = tx.create(ActionItemEntity, {
      meeting: agendaItem.meeting.id,
      item: agendaItem,
      title: title!,
      assigneeCode: input.assigneeCode,
      assigneePerson: assigneePerson ?? null,
      dueDate: dueDate ?? null,
      status: "OPEN",
    });
    await publishActionItemEvent(tx, action, "ACTION_ITEM_CREATED");
    // Everyone following the meeting sees the task under its agenda item, not only the assignee.
    await publishAgendaEvent(tx, agendaItem.meeting.id, "ACTION_ITEM_ADDED", agendaItem.id);
    return action;
  }

  /** The item's meeting locked first (see `MeetingService.lockForWrite`), then the item as committed. */
  private async forWrite(tx: EntityManager, id: string): Promise<{ action: ActionItem; chair: boolean; meeting: MeetingView }> {
    const meetingId = await meetingIdOf(tx, "action_item", id);
    const meeting = meetingId && (await this.meetings.lockForWrite(meetingId, tx));
    const action =
      meeting && canSee(meeting, this.identity) ? await tx.findOne(ActionItemEntity, id, { refresh: true, populate: ["item"] }) : null;
    if (!action || !meeting) throw new NotFoundError("タスク", id);
    return { action, chair: canEdit(meeting, this.identity), meeting };
  }

  /** The assignee organisation moves its item along; the chair may also cancel or reopen. */
  async updateStatus(tx: EntityManager, id: string, status: ActionStatusValue): Promise<ActionItem> {
    const { action, chair } = await this.forWrite(tx, id);
    const assignee = action.assigneeCode === this.identity.org;
    if (!assignee && !chair) throw new ForbiddenError("状況を更新できるのは担当組織と議長だけです。");
    if (status === "CANCELLED" && !chair) throw new RuleViolation("CANCEL_BY_CHAIR_ONLY", "取り消しは議長だけが行えます。", ["status"]);
    if ((action.status === "DONE" || action.status === "CANCELLED") && !chair) {
      throw new RuleViolation("ACTION_ITEM_CLOSED", "完了または取り消し済みのタスクは変更できません。", ["status"]);
    }
    if (action.status === status) return action;
    action.status = status;
    await publishActionItemEvent(tx, action, "ACTION_ITEM_UPDATED");
    await publishAgendaEvent(tx, action.meeting.id, "ACTION_ITEM_CHANGED", action.item?.id);
    return action;
  }

  async reassign(tx: EntityManager, id: string, assigneeCode: string, assigneePerson?: string | null): Promise<ActionItem> {
    const { action, chair, meeting } = await this.forWrite(tx, id);
    if (!chair) throw new ForbiddenError("担当の変更は議長だけが行えます。");
    const problems = new InputProblems();
    problems.check(() => requireKnownOrganization(assigneeCode, "assigneeCode", "担当組織"));
    requireMemberAssignee(meeting, assigneeCode, problems);
    const person = problems.check(() => optionalText(assigneePerson, "assigneePerson", "担当者", 100));
    problems.throwIfAny();
    const former = action.assigneeCode;
    action.assigneeCode = assigneeCode;
    action.assigneePerson = person ?? null;
    await publishActionItemEvent(tx, action, "ACTION_ITEM_UPDATED", former);
    await publishAgendaEvent(tx, action.meeting.id, "ACTION_ITEM_CHANGED", action.item?.id);
    return action;
  }
}

/**
 * A task of a 非公開 meeting goes to one of its members: only they see the meeting and its tasks, so a
 * task given to anyone else could never be seen, moved along or done by its assignee.
 */
function requireMemberAssignee(meeting: MeetingView, assigneeCode: string, problems: InputProblems): void {
  if (meeting.confidential && !meeting.members.some((m) => m.organizationCode === assigneeCode))
    problems.add(new RuleViolation("ASSIGNEE_NOT_MEMBER", "非公開の会議のタスクは、会議の構成員に割り当ててください。", ["assigneeCode"]));
}
