import type { CaseStatusValue } from "./case.entity.js";

/**
 * Legal moves of the support lifecycle. 多機関協働の終結 (COLLABORATION_ENDED: the lead keeps
 * accompanying the person) is a different state from CLOSED (ケース終結).
 */
const TRANSITIONS: Record<CaseStatusValue, CaseStatusValue[]> = {
  RECEIVED: ["ACCEPTED", "CLOSED"],
  ACCEPTED: ["ASSESSMENT", "CLOSED"],
  ASSESSMENT: ["PLANNING", "CLOSED"],
  PLANNING: ["IN_CONFERENCE", "CLOSED"],
  IN_CONFERENCE: ["DECIDED", "PLANNING"],
  DECIDED: ["IN_SUPPORT"],
  IN_SUPPORT: ["MONITORING", "SUSPENDED"],
  MONITORING: ["EVALUATION", "IN_SUPPORT"],
  EVALUATION: ["IN_SUPPORT", "PLANNING", "SUSPENDED", "COLLABORATION_ENDED", "CLOSED"],
  SUSPENDED: ["IN_SUPPORT", "CLOSED"],
  COLLABORATION_ENDED: ["CLOSED", "PLANNING"],
  CLOSED: [],
};

export const canMove = (from: CaseStatusValue, to: CaseStatusValue) => TRANSITIONS[from].includes(to);
