import type { ReferenceResolvers } from "@marugoto/shared";
import type { HubsContext } from "../context.js";

/** How `_entities` finds a hub: by id. */
export const hubReference: ReferenceResolvers = {
  Hub: { __resolveReference: (ref: { id: string }, ctx: HubsContext) => ctx.hubs.hub(ref.id) },
};
