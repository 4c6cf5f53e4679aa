import { registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";

/** The report's sections, one sheet each (シート). */
export const REPORT_SECTIONS = ["HUBS", "CONSULTATIONS", "PLANS", "MEETINGS", "PARTICIPATION"] as const;
export const ReportSection = enumFrom(REPORT_SECTIONS);
registerEnumType(ReportSection, {
  name: "ReportSection",
  description: "A section of the fiscal-year report, one sheet each.",
  valuesConfig: {
    HUBS: { description: "地域づくり拠点: hubs, sessions, participants, worries, by district." },
    CONSULTATIONS: { description: "相談受付と支援実人数: consultations and people supported." },
    PLANS: { description: "プラン作成と終結: support plans, collaborations ended, closures." },
    MEETINGS: { description: "会議の開催: meetings held by kind of body." },
    PARTICIPATION: { description: "参加支援（チャレンジ就労）: partner sites and participants." },
  },
});
