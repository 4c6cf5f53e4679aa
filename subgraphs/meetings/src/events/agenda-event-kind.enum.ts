import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { AGENDA_EVENT_KINDS } from "./meeting-events.js";

/** What a live agenda stream carries: every published kind, and the mark of a replay's end. */
export const AgendaEventKind = enumFrom([...AGENDA_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(AgendaEventKind, {
  name: "AgendaEventKind",
  description: "What changed on a live agenda.",
  valuesConfig: {
    ITEM_ADDED: { description: "An item was added at the end (議題の追加); `itemId` is the new item." },
    ITEM_UPDATED: { description: "An item was edited; `itemId` is the item." },
    ITEM_REMOVED: { description: "A pending or deferred item was removed; `itemId` is the removed item." },
    AGENDA_REORDERED: { description: "The agenda was put in a new order." },
    MEETING_STARTED: { description: "開会: the meeting was opened (or reopened); the first pending item is current." },
    AGENDA_ADVANCED: { description: "次の議題へ: the current item is done; `itemId` is the new current item, if any." },
    ITEM_DEFERRED: { description: "先送り: an item was deferred; `itemId` is the item." },
    MEETING_ADJOURNED: { description: "休会: the meeting was paused." },
    MEETING_CLOSED: { description: "閉会: the meeting was closed; its agenda no longer changes." },
    MEETING_CANCELLED: { description: "中止: the meeting was called off before it opened." },
    MEETING_RESCHEDULED: { description: "The meeting was moved to a new time or place." },
    MEMBERS_CHANGED: { description: "Membership, roles, attendance or a pledge (守秘義務の誓約) changed." },
    DECISION_RECORDED: { description: "A decision (決定事項) was recorded; `itemId` is its item." },
    AGENDA_STEPPED_BACK: { description: "前の議題に戻る: the last item done is current again; `itemId` is that item." },
    ACTION_ITEM_ADDED: { description: "An action item was created from an item; `itemId` is that item." },
    ACTION_ITEM_CHANGED: { description: "An action item from an item changed status or assignee; `itemId` is that item, if any." },
    MINUTES_DRAFTED: { description: "The minutes (議事録) were drafted or redrafted." },
    MINUTES_APPROVED: { description: "The minutes were approved and locked." },
    CAUGHT_UP: { description: "The end of a replay (with `markCaughtUp`): the agenda as of then; what follows is live." },
  },
});
