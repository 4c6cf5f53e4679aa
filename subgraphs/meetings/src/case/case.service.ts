import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loaderOfGroups, type Identity } from "@marugoto/shared";
import { ActionItemEntity, type ActionItem } from "../action-item/action-item.entity.js";
import { AgendaItemEntity, type AgendaItem } from "../agenda/agenda-item.entity.js";
import type { MeetingService } from "../meeting/meeting.service.js";
import type { ActionItemService } from "../action-item/action-item.service.js";
import type { ActionItemView } from "../action-item/action-item.view.js";
import { canSee, hasPledged, type MeetingView } from "../meeting/meeting.view.js";

/**
 * What meetings know of a case: where it was discussed and what came of it. Only meetings where the
 * caller's organisation is a member that pledged confidentiality, i.e. could see the case item itself.
 */
export class CaseMeetingsService {
  private readonly itemsOfCase: DataLoader<string, AgendaItem[]>;
  private readonly actionsOfCase: DataLoader<string, ActionItem[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly meetings: MeetingService,
    private readonly actionItems: ActionItemService,
  ) {
    this.itemsOfCase = loaderOfGroups(
      (caseIds) => this.em.find(AgendaItemEntity, { caseId: { $in: caseIds } }, { orderBy: { createdAt: "asc" } }),
      (r) => r.caseId,
    );
    // Hand-written: a case's action items are found through its agenda items, not by a key of their own.
    this.actionsOfCase = new DataLoader(async (caseIds) => {
      const items = (await this.itemsOfCase.loadMany([...caseIds])).flatMap((x) => (x instanceof Error ? [] : x));
      const actions = items.length
        ? await this.em.find(
            ActionItemEntity,
            { item: { $in: items.map((i) => i.id) } },
            { orderBy: { createdAt: "asc" }, populate: ["item"] },
          )
        : [];
      const caseOf = new Map(items.map((i) => [i.id, i.caseId]));
      return caseIds.map((id) => actions.filter((a) => a.item && caseOf.get(a.item.id) === id));
    });
  }

  private async pledged(meetingIds: string[]): Promise<Map<string, MeetingView>> {
    const views = await Promise.all([...new Set(meetingIds)].map((id) => this.meetings.visible(id)));
    return new Map(
      views.filter((v): v is MeetingView => !!v && canSee(v, this.identity) && hasPledged(v, this.identity)).map((v) => [v.id, v]),
    );
  }

  async meetingsOf(caseId: string): Promise<MeetingView[]> {
    const items = await this.itemsOfCase.load(caseId);
    const visible = await this.pledged(items.map((i) => i.meeting.id));
    return [...visible.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  /** Through the action items' own rule (`actionItemAccess`), like every other path to them. */
  async actionItemsOf(caseId: string, organizationCode: string, openOnly: boolean): Promise<ActionItemView[]> {
    const actions = (await this.actionsOfCase.load(caseId)).filter(
      (a) => a.assigneeCode === organizationCode && (!openOnly || a.status === "OPEN" || a.status === "IN_PROGRESS"),
    );
    return this.actionItems.viewsFor(actions);
  }
}
