import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { decodePageCursor, ForbiddenError, NotFoundError, pageSize, RuleViolation, toPage, tokyoDate, type Identity, type Page } from "@marugoto/shared";
import { AgendaItemEntity } from "../agenda/agenda-item.entity.js";
import { publishActionItemEvent } from "../events/meeting-events.js";
import { MeetingMemberEntity } from "../meeting/meeting.entity.js";
import type { MeetingService } from "../meeting/meeting.service.js";
import { canEdit } from "../meeting/meeting.view.js";
import { ORG_CODE, optionalText, requireDate, requireText, isUuid } from "@marugoto/shared";
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
    this.ofAgendaItem = new DataLoader(async (ids) => {
      const rows = await this.em.find(ActionItemEntity, { item: { $in: [...ids] } }, { orderBy: { createdAt: "asc" } });
      return ids.map((id) => rows.filter((r) => r.item?.id === id));
    });
  }

  forAgendaItem(itemId: string): Promise<ActionItem[]> {
    return this.ofAgendaItem.load(itemId);
  }

  /** An organisation's action items from meetings the caller may see, soonest due first. */
  async forOrganization(code: string, statuses: ActionStatusValue[] | null | undefined, first?: number | null, after?: string | null): Promise<Page<ActionItem>> {
    const size = pageSize(first);
    const mine = await this.em.find(MeetingMemberEntity, { organizationCode: this.identity.org }, { fields: ["meeting"] });
    const where: Record<string, unknown>[] = [
      { assigneeCode: code },
      { $or: [{ meeting: { confidential: false } }, { meeting: { $in: mine.map((m) => m.meeting.id) } }] },
    ];
    if (statuses?.length) where.push({ status: { $in: statuses } });
    const key = decodePageCursor(after, ["uuid"]);
    if (key) where.push({ id: { $gt: String(key[0]) } });
    const rows = await this.em.find(ActionItemEntity, { $and: where }, { orderBy: { id: "asc" }, limit: size + 1 });
    return toPage(rows, size, (r) => [r.id]);
  }

  /** The item if the caller may see its meeting. */
  async visible(id: string): Promise<ActionItem | null> {
    const item = isUuid(id) ? await this.em.findOne(ActionItemEntity, id) : null;
    return item && (await this.meetings.visible(item.meeting.id)) ? item : null;
  }

  async create(tx: EntityManager, input: CreateActionItemInput): Promise<ActionItem> {
    const agendaItem = isUuid(input.itemId) ? await tx.findOne(AgendaItemEntity, input.itemId) : null;
    if (!agendaItem) throw new NotFoundError("議題", input.itemId);
    await this.meetings.requireEditable(agendaItem.meeting.id, tx);
    const title = requireText(input.title, "title", "タスク名", 200);
    if (!ORG_CODE.test(input.assigneeCode)) throw new RuleViolation("INVALID_ORGANIZATION_CODE", "担当組織のコードが正しくありません。", ["assigneeCode"]);
    const action = tx.create(ActionItemEntity, {
      meeting: agendaItem.meeting.id,
      item: agendaItem,
      title,
      assigneeCode: input.assigneeCode,
      assigneePerson: optionalText(input.assigneePerson, "assigneePerson", "担当者", 100),
      dueDate: input.dueDate ? requireDate(input.dueDate, "dueDate", "期限") : null,
      status: "OPEN",
    });
    await publishActionItemEvent(tx, action, "ACTION_ITEM_CREATED");
    return action;
  }

  private async forWrite(tx: EntityManager, id: string): Promise<{ action: ActionItem; chair: boolean }> {
    const action = isUuid(id) ? await tx.findOne(ActionItemEntity, id) : null;
    const meeting = action && (await this.meetings.visible(action.meeting.id));
    if (!action || !meeting) throw new NotFoundError("タスク", id);
    return { action, chair: canEdit(meeting, this.identity) };
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
    return action;
  }

  async reassign(tx: EntityManager, id: string, assigneeCode: string, assigneePerson?: string | null): Promise<ActionItem> {
    const { action, chair } = await this.forWrite(tx, id);
    if (!chair) throw new ForbiddenError("担当の変更は議長だけが行えます。");
    if (!ORG_CODE.test(assigneeCode)) throw new RuleViolation("INVALID_ORGANIZATION_CODE", "担当組織のコードが正しくありません。", ["assigneeCode"]);
    const former = action.assigneeCode;
    action.assigneeCode = assigneeCode;
    action.assigneePerson = optionalText(assigneePerson, "assigneePerson", "担当者", 100);
    await publishActionItemEvent(tx, action, "ACTION_ITEM_UPDATED", former);
    return action;
  }
}

