import type { ReferenceResolvers } from "@marugoto/shared";
import type { MeetingsContext } from "../context.js";

/** How `_entities` finds a meeting body. */
export const bodyReference: ReferenceResolvers = {
  MeetingBody: { __resolveReference: (ref: { id: string }, ctx: MeetingsContext) => ctx.bodies.byId.load(ref.id) },
};
