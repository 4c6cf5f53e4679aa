import type { ReferenceResolvers } from "@marugoto/shared";
import { organizationRef } from "./organization.type.js";

/** Any organisation code resolves: the directory owns whether it exists. */
export const organizationReference: ReferenceResolvers = {
  Organization: { __resolveReference: (ref: { code: string }) => organizationRef(ref.code) },
};
