import type { ReferenceResolvers } from "@marugoto/shared";
import type { DirectoryContext } from "../context.js";

/** How `_entities` finds an organisation: by either of its keys. */
export const organizationReference: ReferenceResolvers = {
  Organization: {
    __resolveReference: (ref: { id?: string; code?: string }, ctx: DirectoryContext) => ctx.organizations.resolveReference(ref),
  },
};
