import { describe, expect, it } from "vitest";
import { judge } from "./compliance.service.js";

const rules = { minSessionsPerMonth: 8, minProfessionalConsultationDaysPerMonth: 1 };
const month = (sessions: number, consultationDays: number) => judge({ hubId: "h", month: "2025-01", sessions, consultationDays }, rules);

describe("compliance: the monthly rule", () => {
  it("holds with 8 sessions and a consultation day", () => {
    expect(month(8, 1)).toMatchObject({ compliant: true, missingSessions: 0, lacksConsultationDay: false });
    expect(month(12, 2)).toMatchObject({ compliant: true, missingSessions: 0, lacksConsultationDay: false });
  });

  it("counts the sessions short of 8", () => {
    expect(month(7, 1)).toMatchObject({ compliant: false, missingSessions: 1, lacksConsultationDay: false });
    expect(month(0, 0)).toMatchObject({ compliant: false, missingSessions: 8, lacksConsultationDay: true });
  });

  it("fails a month of enough sessions without a consultation day", () => {
    expect(month(9, 0)).toMatchObject({ compliant: false, missingSessions: 0, lacksConsultationDay: true });
  });
});
