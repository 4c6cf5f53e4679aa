import { defaultFieldResolver, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import type { GroundValue } from "../audit/audit.entity.js";
import type { InfoKindValue } from "../consent/consent.entity.js";
import type { CasesContext } from "../context.js";
import type { CaseView } from "./case.service.js";

/**
 * What a field of `Case` belongs to (DOMAIN.md "Who may see a case": each kind of information is a
 * fixed set of fields).
 * - an information kind (BASIC, CONSULTATION, ASSESSMENT, PLAN, PROGRESS): returned only when one of
 *   the caller's grounds discloses that kind, and audited under the strongest ground that does;
 * - `HEADER`: which case this is and where it stands, and the caller's own grounds: disclosed by any
 *   ground (a ground is always about a case; the caller must be able to say which);
 * - `MANAGEMENT`: who the case is shared with and why (consents, disclosures, referrals): for
 *   assigned organisations only (their ASSIGNMENT ground).
 */
export type CaseFieldKind = InfoKindValue | "HEADER" | "MANAGEMENT";

/**
 * The one table mapping every field of `Case` (as the cases subgraph defines it) to its kind. The
 * guard below enforces it for every field; no field resolver decides on its own. A field missing here
 * makes the schema fail to build (and `case-fields.test.ts` fail). README's field table mirrors it.
 */
export const CASE_FIELD_KINDS = {
  id: "HEADER",
  caseNumber: "HEADER",
  status: "HEADER",
  openedOn: "HEADER",
  eventCursor: "HEADER",
  grounds: "HEADER",
  visibleInformation: "HEADER",
  // Who the person is, who lives with them and which organisations support them (an agency's name
  // alone says e.g. "disability" or "elderly"): basic information.
  mainPerson: "BASIC",
  household: "BASIC",
  lead: "BASIC",
  assignments: "BASIC",
  consultations: "CONSULTATION",
  // 複雑化・複合化 is decided from the intake assessment.
  complex: "ASSESSMENT",
  assessments: "ASSESSMENT",
  supportPlans: "PLAN",
  // The course of support: status history with its reasons (closure, suspension), monitoring, the
  // next review, collaboration end and closure, チャレンジ就労 placements.
  transitions: "PROGRESS",
  nextReviewDate: "PROGRESS",
  collaborationEndedAt: "PROGRESS",
  closedAt: "PROGRESS",
  progress: "PROGRESS",
  monitorings: "PROGRESS",
  placements: "PROGRESS",
  referrals: "MANAGEMENT",
  consents: "MANAGEMENT",
  disclosures: "MANAGEMENT",
} as const satisfies Record<string, CaseFieldKind>;

/** The ground under which the caller may read a field of `kind`, or null when none of theirs discloses it. */
function groundFor(view: CaseView, kind: CaseFieldKind): GroundValue | null {
  const { access } = view;
  if (kind === "HEADER") return access.grounds[0] ?? null;
  if (kind === "MANAGEMENT") return access.assigned ? "ASSIGNMENT" : null;
  return access.disclosedBy.get(kind) ?? null;
}

/**
 * Wraps every field of `Case` in the guard: the field's kind from the table, the caller's ground for
 * it, the audit row for that ground (awaited before the value leaves), then the field's own resolver.
 * No ground for the kind → null. A root that is not a case view (no access computed) is refused.
 */
export function guardCaseFields(schema: GraphQLSchema): GraphQLSchema {
  const type = schema.getType("Case");
  if (!(type instanceof GraphQLObjectType)) throw new Error("the cases schema has no Case type");
  for (const field of Object.values(type.getFields())) {
    const kind = (CASE_FIELD_KINDS as Record<string, CaseFieldKind>)[field.name];
    if (!kind) throw new Error(`Case.${field.name} has no information kind in CASE_FIELD_KINDS`);
    const resolve: GraphQLFieldResolver<unknown, CasesContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = async (root, args, ctx, info) => {
      const view = root as CaseView;
      if (!view?.access || !view.row) throw new Error(`Case.${field.name} resolved without a case view`);
      const ground = groundFor(view, kind);
      if (!ground) return null;
      await ctx.access.audit(view.access, ground, view.via);
      return resolve(root, args, ctx, info);
    };
  }
  return schema;
}
