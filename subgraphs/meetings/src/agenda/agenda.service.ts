import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { InputProblems, loaderOfGroups, NotFoundError, notFoundAs, RuleViolation, type Identity } from "@marugoto/shared";
import { HANDLES_INDIVIDUAL_CASES } from "../body/body.entity.js";
import { screenPolicyText } from "../body/policy-text.js";
import { DecisionEntity, type Decision } from "../decision/decision.entity.js";
import { publishAgendaEvent, publishMeetingEvent, toItemView } from "../events/meeting-events.js";
import { MeetingEntity } from "../meeting/meeting.entity.js";
import { bumpSequence, meetingIdOf, type MeetingService } from "../meeting/meeting.service.js";
import { contentsShown, redactFor, type ItemView, type MeetingView } from "../meeting/meeting.view.js";
import { optionalText, requireKnownOrganization, requireText, isUuid } from "@marugoto/shared";
import { AgendaItemEntity, type AgendaItem, type ItemKindValue } from "./agenda-item.entity.js";

export interface AddItemInput {
  meetingId: string;
  kind: ItemKindValue;
  title: string;
  description?: string | null;
  presenterCode?: string | null;
  timeboxMinutes?: number | null;
  caseId?: string | null;
}

export interface UpdateItemInput {
  itemId: string;
  title?: string | null;
  description?: string | null;
  presenterCode?: string | null;
  timeboxMinutes?: number | null;
  expectedRevision?: number | null;
}

function checkTimebox(minutes: number | null | undefined): void {
  if (minutes != null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 600)) {
    throw new RuleViolation("INVALID_TIMEBOX", "持ち時間は1〜600分で指定してください。", ["timeboxMinutes"]);
  }
}

function checkPresenter(code: string | null | undefined): void {
  if (code) requireKnownOrganization(code, "presenterCode", "報告者");
}

/** The live agenda: items, their order and status, and decisions. */
export class AgendaService {
  private readonly itemsOfMeeting: DataLoader<string, AgendaItem[]>;
  private readonly decisionsOfItem: DataLoader<string, Decision[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly meetings: MeetingService,
  ) {
    this.itemsOfMeeting = loaderOfGroups(
      // Refreshed: an item loaded earlier in this operation must not be older than the meeting's cursor.
      (ids) => this.em.find(AgendaItemEntity, { meeting: { $in: ids } }, { orderBy: { position: "asc" }, refresh: true }),
      (r) => r.meeting.id,
    );
    this.decisionsOfItem = loaderOfGroups(
      (ids) => this.em.find(DecisionEntity, { item: { $in: ids } }, { orderBy: { decidedAt: "asc" } }),
      (r) => r.item.id,
    );
  }

  /** A meeting's agenda as the caller may see it (case items withheld until the pledge). */
  async agendaOf(meeting: MeetingView): Promise<ItemView[]> {
    const items = await this.itemsOfMeeting.load(meeting.id);
    return items.map((i) => redactFor(meeting, this.identity, toItemView(i)));
  }

  /** An item and its meeting, if the caller may see the meeting (the item redacted as needed). */
  async findVisible(itemId: string): Promise<{ item: ItemView; meeting: MeetingView } | null> {
    const row = isUuid(itemId) ? await this.em.findOne(AgendaItemEntity, itemId) : null;
    const meeting = row && (await this.meetings.visible(row.meeting.id));
    return meeting ? { item: redactFor(meeting, this.identity, toItemView(row!)), meeting } : null;
  }

  decision(id: string): Promise<Decision | null> {
    return this.em.findOne(DecisionEntity, id);
  }

  /** A decision as its item may be seen: a case item's decisions follow the pledge. */
  async visibleDecision(id: string): Promise<Decision | null> {
    const decision = await this.decision(id);
    const found = decision && (await this.findVisible(decision.item.id));
    return found && contentsShown(found.item) ? decision : null;
  }

  /** The item under discussion now, as the caller may see it. */
  async currentItemOf(meeting: MeetingView): Promise<ItemView | null> {
    if (!meeting.currentItemId) return null;
    return (await this.agendaOf(meeting)).find((i) => i.id === meeting.currentItemId) ?? null;
  }

  async decisionsOf(item: ItemView): Promise<Decision[]> {
    return contentsShown(item) ? this.decisionsOfItem.load(item.id) : [];
  }

  /** The item's meeting locked first (see `MeetingService.lockForWrite`), then the item as committed. */
  private async itemForEdit(tx: EntityManager, itemId: string): Promise<{ item: AgendaItem; meeting: MeetingView }> {
    const meetingId = await meetingIdOf(tx, "agenda_item", itemId);
    if (!meetingId) throw new NotFoundError("議題", itemId);
    const meeting = await notFoundAs("議題", itemId, this.meetings.requireEditable(meetingId, tx));
    const item = await tx.findOne(AgendaItemEntity, itemId, { refresh: true });
    if (!item) throw new NotFoundError("議題", itemId);
    return { item, meeting };
  }

  /** An item whose contents the caller may not read (a case meeting's, before its pledge) is not edited or decided on blind. */
  private readable(meeting: MeetingView, item: AgendaItem): void {
    if (redactFor(meeting, this.identity, toItemView(item)).redacted)
      throw new RuleViolation("PLEDGE_REQUIRED", "この議題の内容は、守秘義務の誓約をしてから編集・決定できます。");
  }

  private static open(meeting: MeetingView): void {
    if (meeting.status === "CLOSED") throw new RuleViolation("MEETING_CLOSED", "終了した会議の議題は変更できません。");
  }

  async add(tx: EntityManager, input: AddItemInput): Promise<string> {
    const meeting = await this.meetings.requireEditable(input.meetingId, tx);
    AgendaService.open(meeting);
    // Every problem of the input at once, so that a form can mark each field; nothing is written.
    const problems = new InputProblems();
    if (input.kind === "CASE") {
      if (!HANDLES_INDIVIDUAL_CASES[meeting.bodyKind]) {
        problems.add(
          new RuleViolation(
            "CASE_ITEM_NOT_ALLOWED",
            "この会議体は個別ケースを扱えません。個別ケースの議題は支援会議または重層的支援会議に追加してください。",
            ["kind"],
          ),
        );
      } else if (!input.caseId || !isUuid(input.caseId))
        problems.add(new RuleViolation("CASE_REQUIRED", "個別ケースの議題には対象ケースを指定してください。", ["caseId"]));
    } else if (input.caseId) {
      problems.add(new RuleViolation("CASE_NOT_ALLOWED_ON_ITEM", "ケースを指定できるのは個別ケースの議題だけです。", ["caseId"]));
    }
    const title = problems.check(() => requireText(input.title, "title", "議題名", 200));
    const description = problems.check(() => optionalText(input.description, "description", "説明", 4000));
    screenPolicyText(meeting.bodyKind, problems, title, "title", "議題名");
    screenPolicyText(meeting.bodyKind, problems, description, "description", "説明");
    problems.check(() => checkTimebox(input.timeboxMinutes));
    problems.check(() => checkPresenter(input.presenterCode));
    problems.throwIfAny();
    const last = await tx.findOne(AgendaItemEntity, { meeting: meeting.id }, { orderBy: { position: "desc" }, refresh: true });
    const item = tx.create(AgendaItemEntity, {
      meeting: meeting.id,
      position: (last?.position ?? -1) + 1,
      kind: input.kind,
      title: title!,
      description: description ?? null,
      // An empty code (a form's cleared field) is no presenter, never a code stored unchecked.
      presenterCode: input.presenterCode || null,
      timeboxMinutes: input.timeboxMinutes ?? null,
      status: "PENDING",
      caseId: input.caseId ?? null,
    });
    await tx.flush();
    await bumpSequence(tx, meeting.id); // the agenda is in the calendar's description
    await publishAgendaEvent(tx, meeting.id, "ITEM_ADDED", item.id);
    return item.id;
  }

  async update(tx: EntityManager, input: UpdateItemInput): Promise<string> {
    const { item, meeting } = await this.itemForEdit(tx, input.itemId);
    AgendaService.open(meeting);
    this.readable(meeting, item);
    // Two editors of one item: each saves only over the contents it read (under the meeting's lock, afresh).
    if (input.expectedRevision != null && input.expectedRevision !== item.revision)
      throw new RuleViolation(
        "AGENDA_ITEM_CHANGED",
        "この議題は、ほかの方が先に編集しました。最新の内容を確かめてから、もう一度保存してください。",
        ["expectedRevision"],
      );
    const problems = new InputProblems();
    const title = input.title != null ? problems.check(() => requireText(input.title, "title", "議題名", 200)) : undefined;
    const description =
      input.description !== undefined ? problems.check(() => optionalText(input.description, "description", "説明", 4000)) : undefined;
    screenPolicyText(meeting.bodyKind, problems, title, "title", "議題名");
    screenPolicyText(meeting.bodyKind, problems, description, "description", "説明");
    if (input.presenterCode !== undefined) problems.check(() => checkPresenter(input.presenterCode));
    if (input.timeboxMinutes !== undefined) problems.check(() => checkTimebox(input.timeboxMinutes));
    problems.throwIfAny();
    if (title !== undefined && title !== item.title) {
      item.title = title;
      await bumpSequence(tx, meeting.id);
    }
    if (input.description !== undefined) item.description = description ?? null;
    if (input.presenterCode !== undefined) item.presenterCode = input.presenterCode || null;
    if (input.timeboxMinutes !== undefined) item.timeboxMinutes = input.timeboxMinutes ?? null;
    item.revision += 1;
    await publishAgendaEvent(tx, meeting.id, "ITEM_UPDATED", item.id);
    return item.id;
  }

  async remove(tx: EntityManager, itemId: string): Promise<string> {
    const { item, meeting } = await this.itemForEdit(tx, itemId);
    AgendaService.open(meeting);
    if (item.status === "CURRENT" || item.status === "DONE") {
      throw new RuleViolation("ITEM_NOT_REMOVABLE", "協議中または協議済みの議題は削除できません。");
    }
    if ((await tx.count(DecisionEntity, { item })) > 0)
      throw new RuleViolation("ITEM_HAS_DECISIONS", "決定事項のある議題は削除できません。");
    tx.remove(item);
    await tx.flush();
    const rest = await tx.find(AgendaItemEntity, { meeting: meeting.id }, { orderBy: { position: "asc" }, refresh: true });
    rest.forEach((r, i) => (r.position = i));
    await bumpSequence(tx, meeting.id);
    await publishAgendaEvent(tx, meeting.id, "ITEM_REMOVED", itemId);
    return meeting.id;
  }

  /**
   * Puts the agenda in the order given (every item once). With `expectedItemIds`, the order the caller's
   * screen showed: when another editor reordered meanwhile, nothing changes (AGENDA_ORDER_CHANGED) —
   * each editor's move computes a whole order from what it saw, so the later would undo the earlier.
   * The meeting's row lock (`requireEditable`) makes two reorders take turns.
   */
  async reorder(tx: EntityManager, meetingId: string, itemIds: string[], expectedItemIds?: string[] | null): Promise<void> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    AgendaService.open(meeting);
    const items = await tx.find(AgendaItemEntity, { meeting: meetingId }, { refresh: true, orderBy: { position: "asc", id: "asc" } });
    const byId = new Map(items.map((i) => [i.id, i]));
    if (itemIds.length !== items.length || new Set(itemIds).size !== itemIds.length || !itemIds.every((id) => byId.has(id))) {
      throw new RuleViolation("INVALID_ORDER", "並べ替えには、この会議のすべての議題を一度ずつ指定してください。", ["itemIds"]);
    }
    const seen = (ids: string[]) => ids.map((id) => id.toLowerCase()).join(",");
    if (expectedItemIds && seen(expectedItemIds) !== seen(items.map((i) => i.id)))
      throw new RuleViolation(
        "AGENDA_ORDER_CHANGED",
        "議題の順番が、ほかの方の操作で変わりました。画面の順番を確かめてから、もう一度並べ替えてください。",
        ["expectedItemIds"],
      );
    itemIds.forEach((id, position) => (byId.get(id)!.position = position));
    await bumpSequence(tx, meetingId);
    await publishAgendaEvent(tx, meetingId, "AGENDA_REORDERED");
  }

  /** The next pending item after the current order, made current; or none. */
  private static async makeNextCurrent(tx: EntityManager, meetingId: string): Promise<string | null> {
    // What this transaction changed is written first, so the fresh reads below cannot undo it.
    await tx.flush();
    const next = await tx.findOne(
      AgendaItemEntity,
      { meeting: meetingId, status: "PENDING" },
      { orderBy: { position: "asc" }, refresh: true },
    );
    if (next) next.status = "CURRENT";
    const meeting = await tx.findOneOrFail(MeetingEntity, meetingId, { refresh: true });
    meeting.currentItemId = next?.id ?? null;
    return next?.id ?? null;
  }

  async start(tx: EntityManager, meetingId: string): Promise<void> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    if (meeting.status !== "SCHEDULED" && meeting.status !== "ADJOURNED") {
      throw new RuleViolation(
        "INVALID_MEETING_STATUS",
        meeting.status === "IN_PROGRESS" ? "会議はすでに開会しています。" : "終了した会議は開会できません。",
      );
    }
    const row = await tx.findOneOrFail(MeetingEntity, meetingId);
    row.status = "IN_PROGRESS";
    if (!row.currentItemId) await AgendaService.makeNextCurrent(tx, meetingId);
    await publishAgendaEvent(tx, meetingId, "MEETING_STARTED");
    await publishMeetingEvent(tx, meetingId, "MEETING_STATUS_CHANGED");
  }

  /**
   * Two editors confirming 次の議題へ at once would move the agenda on twice (the second finishing an
   * item nobody discussed): given the item the caller saw as current, anything else is refused.
   */
  private static requireCurrent(meeting: MeetingView, expected: string | null | undefined): void {
    if (expected === undefined || expected === null) return;
    // "": the caller saw no item current (after the last one was done). An id is a UUID: its case is no part of it.
    if ((expected === "" ? null : expected.toLowerCase()) !== (meeting.currentItemId?.toLowerCase() ?? null))
      throw new RuleViolation(
        "CURRENT_ITEM_CHANGED",
        "協議中の議題が、ほかの方の操作で変わりました。画面の議題を確かめてから、もう一度操作してください。",
        ["expectedCurrentItemId"],
      );
  }

  /** 次の議題へ: the current item is done, the next pending one becomes current. */
  async advance(tx: EntityManager, meetingId: string, expectedCurrentItemId?: string | null): Promise<void> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    if (meeting.status !== "IN_PROGRESS") throw new RuleViolation("MEETING_NOT_IN_PROGRESS", "会議が開会していません。");
    AgendaService.requireCurrent(meeting, expectedCurrentItemId);
    if (meeting.currentItemId) {
      const current = await tx.findOneOrFail(AgendaItemEntity, meeting.currentItemId, { refresh: true });
      current.status = "DONE";
    }
    const next = await AgendaService.makeNextCurrent(tx, meetingId);
    if (!meeting.currentItemId && !next) throw new RuleViolation("NO_MORE_ITEMS", "次の議題がありません。");
    await publishAgendaEvent(tx, meetingId, "AGENDA_ADVANCED", next ?? undefined);
  }

  /**
   * Undoes 次の議題へ: the current item (if any) is pending again and the last item done before it
   * (by position) is current again. Decisions and action items stay as recorded.
   */
  async stepBack(tx: EntityManager, meetingId: string, expectedCurrentItemId?: string | null): Promise<void> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    if (meeting.status !== "IN_PROGRESS") throw new RuleViolation("MEETING_NOT_IN_PROGRESS", "会議が開会していません。");
    AgendaService.requireCurrent(meeting, expectedCurrentItemId);
    const current = meeting.currentItemId ? await tx.findOneOrFail(AgendaItemEntity, meeting.currentItemId, { refresh: true }) : null;
    const previous = await tx.findOne(
      AgendaItemEntity,
      { meeting: meetingId, status: "DONE", ...(current ? { position: { $lt: current.position } } : {}) },
      { orderBy: { position: "desc" }, refresh: true },
    );
    if (!previous) throw new RuleViolation("NO_PREVIOUS_ITEM", "戻れる協議済みの議題がありません。");
    if (current) current.status = "PENDING";
    previous.status = "CURRENT";
    (await tx.findOneOrFail(MeetingEntity, meetingId)).currentItemId = previous.id;
    await publishAgendaEvent(tx, meetingId, "AGENDA_STEPPED_BACK", previous.id);
  }

  async defer(tx: EntityManager, itemId: string): Promise<void> {
    const { item, meeting } = await this.itemForEdit(tx, itemId);
    AgendaService.open(meeting);
    if (item.status !== "PENDING" && item.status !== "CURRENT")
      throw new RuleViolation("ITEM_NOT_DEFERRABLE", "未協議または協議中の議題だけを先送りできます。");
    const wasCurrent = item.status === "CURRENT";
    item.status = "DEFERRED";
    if (wasCurrent) {
      await tx.flush();
      await AgendaService.makeNextCurrent(tx, meeting.id);
    }
    await publishAgendaEvent(tx, meeting.id, "ITEM_DEFERRED", item.id);
  }

  async adjourn(tx: EntityManager, meetingId: string): Promise<void> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    if (meeting.status !== "IN_PROGRESS") throw new RuleViolation("MEETING_NOT_IN_PROGRESS", "会議が開会していません。");
    (await tx.findOneOrFail(MeetingEntity, meetingId)).status = "ADJOURNED";
    await publishAgendaEvent(tx, meetingId, "MEETING_ADJOURNED");
    await publishMeetingEvent(tx, meetingId, "MEETING_STATUS_CHANGED");
  }

  async close(tx: EntityManager, meetingId: string): Promise<void> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    if (meeting.status === "CLOSED") throw new RuleViolation("MEETING_CLOSED", "会議はすでに終了しています。");
    // A meeting that never opened was not held: it is called off (中止), not closed — closed, it would count as held.
    if (meeting.status === "SCHEDULED")
      throw new RuleViolation("MEETING_NOT_IN_PROGRESS", "開会していない会議は閉会できません。開催しない場合は中止してください。");
    const row = await tx.findOneOrFail(MeetingEntity, meetingId);
    if (row.currentItemId) (await tx.findOneOrFail(AgendaItemEntity, row.currentItemId, { refresh: true })).status = "DONE";
    row.currentItemId = null;
    row.status = "CLOSED";
    await publishAgendaEvent(tx, meetingId, "MEETING_CLOSED");
    await publishMeetingEvent(tx, meetingId, "MEETING_STATUS_CHANGED");
  }

  async recordDecision(tx: EntityManager, itemId: string, content: string): Promise<string> {
    const { item, meeting } = await this.itemForEdit(tx, itemId);
    AgendaService.open(meeting);
    this.readable(meeting, item);
    // A decision is made at a sitting: none before it opens (a meeting with decisions has met and cannot be called off).
    if (meeting.status === "SCHEDULED") throw new RuleViolation("MEETING_NOT_OPENED", "決定事項は、会議の開会後に記録できます。");
    const problems = new InputProblems();
    const text = problems.check(() => requireText(content, "content", "決定事項", 4000));
    screenPolicyText(meeting.bodyKind, problems, text, "content", "決定事項");
    problems.throwIfAny();
    const decision = tx.create(DecisionEntity, { item, content: text!, recordedBy: this.identity.sub });
    await tx.flush();
    await publishAgendaEvent(tx, meeting.id, "DECISION_RECORDED", item.id);
    return decision.id;
  }
}
