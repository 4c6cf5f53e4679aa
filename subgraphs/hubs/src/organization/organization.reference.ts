import type { ReferenceResolvers } from "@marugoto/shared";
import { organizationRef } from "./organization.type.js";

/** How `_entities` answers for an organisation: by its code, the only field this subgraph knows. */
export const organizationReference: ReferenceResolvers = {
  Organization: { __resolveReference: (ref: { code: string }) => organizationRef(ref.code) },
};
