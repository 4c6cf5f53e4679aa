import type { ReferenceResolvers } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";

/**
 * How `_entities` finds meetings, agenda items, action items and topics. The same visibility as
 * queries: a confidential meeting (and what is on it) resolves to null for a non-member.
 */
export const meetingReference: ReferenceResolvers = {
  Meeting: { __resolveReference: (ref: { id: string }, ctx: MeetingsContext) => ctx.meetings.visible(ref.id) },
  AgendaItem: {
    __resolveReference: async (ref: { id: string }, ctx: MeetingsContext) => (await ctx.agenda.findVisible(ref.id))?.item ?? null,
  },
  ActionItem: {
    __resolveReference: (ref: { id: string }, ctx: MeetingsContext) => ctx.actionItems.visible(ref.id),
  },
  Topic: { __resolveReference: (ref: { id: string }, ctx: MeetingsContext) => ctx.topics.byId(ref.id) },
};
