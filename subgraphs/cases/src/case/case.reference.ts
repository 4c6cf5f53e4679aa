import type { ReferenceResolvers } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import { organizationRef } from "../organization/organization.type.js";

/** `_entities`: the same grounds and audit as a query; no ground → null. */
export const caseReference: ReferenceResolvers = {
  Case: { __resolveReference: (ref: { id: string }, ctx: CasesContext) => ctx.cases.read(ref.id, "_entities") },
  Organization: { __resolveReference: (ref: { code: string }) => organizationRef(ref.code) },
};
