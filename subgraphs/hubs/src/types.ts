import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { Count, enumFrom, UserError } from "@marugoto/shared";
import { ACTIVITY_KINDS } from "./activity/activity.entity.js";
import { HUB_EVENT_KINDS } from "./events/hub-events.js";
import { HUB_STATUSES } from "./hub/hub.entity.js";
import { WORRY_RESOLUTIONS } from "./worry/worry.entity.js";

export const HubStatus = enumFrom(HUB_STATUSES);
registerEnumType(HubStatus, { name: "HubStatus", description: "Whether a hub is running (ACTIVE), paused (SUSPENDED) or closed." });
export const ActivityKind = enumFrom(ACTIVITY_KINDS);
registerEnumType(ActivityKind, {
  name: "ActivityKind",
  description: "Kind of hub session.",
  valuesConfig: {
    SALON: { description: "いきいきサロン." },
    EXERCISE: { description: "100歳体操." },
    PROFESSIONAL_CONSULTATION: { description: "専門職の相談日: at least one a month." },
    OTHER: { description: "Other activities." },
  },
});
export const WorryResolution = enumFrom(WORRY_RESOLUTIONS);
registerEnumType(WorryResolution, {
  name: "WorryResolution",
  description: "What became of a worry heard at a hub.",
  valuesConfig: { OPEN: { description: "Not yet." }, SOLVED_LOCALLY: { description: "地域で解決." }, PASSED_ON: { description: "相談機関へつないだ." } },
});
export const HubEventKind = enumFrom(HUB_EVENT_KINDS);
registerEnumType(HubEventKind, { name: "HubEventKind", description: "What happened at a hub." });

@ObjectType("District", { description: "A district (地区) of the city; every one has a district council (地区社協)." })
export class DistrictType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Stable code, e.g. `district-01`." })
  code!: string;
  @Field(() => String, { description: "Name (placeholders 仮称 until the real names are loaded)." })
  name!: string;
  @Field(() => Boolean, { description: "True while the name is a placeholder." })
  placeholder!: boolean;
}

@ObjectType("Hub", { description: "A community hub (地域づくり拠点), run by its district council under contract with 市社協." })
@Directive('@key(fields: "id")')
export class HubType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => String, { description: "Stable code, e.g. `hub-01`." })
  code!: string;
  @Field(() => String, { description: "Name." })
  name!: string;
  @Field(() => Int, { description: "Fiscal year it opened (開設年度)." })
  openedFiscalYear!: number;
  @Field(() => Int, { nullable: true, description: "Fiscal year it closed." })
  closedFiscalYear?: number | null;
  @Field(() => String, { nullable: true, description: "Where it meets (場所)." })
  place?: string | null;
  @Field(() => HubStatus, { description: "Status." })
  status!: keyof typeof HubStatus;
}

@ObjectType("ActivityStaff", { description: "Who staffed a session, by kind (counts only)." })
export class ActivityStaffType {
  @Field(() => Int, { description: "地区社協." })
  districtCouncil!: number;
  @Field(() => Int, { description: "町内会役員." })
  neighbourhoodOfficers!: number;
  @Field(() => Int, { description: "民生委員." })
  welfareCommissioners!: number;
  @Field(() => Int, { description: "専門職." })
  professionals!: number;
}

@InputType("ActivityStaffInput", { description: "Who staffed a session, by kind (counts only)." })
export class ActivityStaffInput {
  @Field(() => Int, { description: "地区社協." })
  districtCouncil!: number;
  @Field(() => Int, { description: "町内会役員." })
  neighbourhoodOfficers!: number;
  @Field(() => Int, { description: "民生委員." })
  welfareCommissioners!: number;
  @Field(() => Int, { description: "専門職." })
  professionals!: number;
}

@InputType("RecordActivityInput", { description: "A session held at a hub." })
export class RecordActivityInput {
  @Field(() => ID, { description: "The hub." })
  hubId!: string;
  @Field(() => Date, { description: "When it started; its month is counted in Asia/Tokyo." })
  startsAt!: Date;
  @Field(() => ActivityKind, { description: "Kind." })
  kind!: keyof typeof ActivityKind;
  @Field(() => String, { nullable: true, description: "Title." })
  title?: string | null;
  @Field(() => Int, { description: "Participants (参加者数)." })
  participants!: number;
  @Field(() => ActivityStaffInput, { description: "Staff by kind." })
  staff!: ActivityStaffInput;
  @Field(() => String, { nullable: true, description: "Notes." })
  notes?: string | null;
}

@ObjectType("Activity", { description: "A session a hub held (活動)." })
export class ActivityType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => Date, { description: "When it started." })
  startsAt!: Date;
  @Field(() => ActivityKind, { description: "Kind." })
  kind!: keyof typeof ActivityKind;
  @Field(() => String, { nullable: true, description: "Title." })
  title?: string | null;
  @Field(() => Int, { description: "Participants." })
  participants!: number;
  @Field(() => ActivityStaffType, { description: "Staff by kind." })
  staff!: ActivityStaffType;
}

@ObjectType("Worry", { description: "A worry heard at a hub (困りごと・相談ごと): a category and a short summary, never a name." })
export class WorryType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "When it was heard." })
  heardOn!: string;
  @Field(() => String, { description: "Category (分類)." })
  category!: string;
  @Field(() => WorryResolution, { description: "What became of it." })
  resolution!: keyof typeof WorryResolution;
  @Field(() => Date, { nullable: true, description: "When it was resolved." })
  resolvedAt?: Date | null;
}

@ObjectType("HubMonthCompliance", { description: "A hub's month against the rule: at least 8 sessions, one a professional consultation day." })
export class HubMonthComplianceType {
  @Field(() => String, { description: "Month, YYYY-MM (Asia/Tokyo)." })
  month!: string;
  @Field(() => Int, { description: "Sessions held." })
  sessions!: number;
  @Field(() => Int, { description: "Days with a professional consultation session." })
  consultationDays!: number;
  @Field(() => Boolean, { description: "Meets both rules." })
  compliant!: boolean;
  @Field(() => Int, { description: "Sessions short of the minimum (0 when enough)." })
  missingSessions!: number;
  @Field(() => Boolean, { description: "No professional consultation day this month." })
  lacksConsultationDay!: boolean;
}

@ObjectType("ComplianceMonth", { description: "Compliance of all active hubs in one month." })
export class ComplianceMonthType {
  @Field(() => String, { description: "Month, YYYY-MM." })
  month!: string;
  @Field(() => Int, { description: "Active hubs." })
  hubs!: number;
  @Field(() => Int, { description: "Hubs meeting both rules." })
  compliantHubs!: number;
}

@ObjectType("HubCoverageYear", { description: "Districts with a hub in one fiscal year, against the goal of all 30." })
export class CoverageYearType {
  @Field(() => Int, { description: "Fiscal year (April–March)." })
  fiscalYear!: number;
  @Field(() => Int, { description: "Hubs active." })
  hubs!: number;
  @Field(() => Int, { description: "Districts with at least one hub." })
  districtsWithHub!: number;
  @Field(() => Int, { description: "The goal: every district." })
  goal!: number;
  @Field(() => Int, { nullable: true, description: "Hubs as the city's document reports them, for comparison." })
  reportedHubs?: number | null;
  @Field(() => Int, { nullable: true, description: "Districts as the city's document reports them." })
  reportedDistricts?: number | null;
}

@ObjectType("HubCoverage", { description: "Districts with and without a hub now." })
export class HubCoverageType {
  @Field(() => Int, { description: "The goal: every district." })
  goal!: number;
  @Field(() => [DistrictType], { description: "Districts with an active hub." })
  withHub!: DistrictType[];
  @Field(() => [DistrictType], { description: "Districts without one." })
  withoutHub!: DistrictType[];
}

@ObjectType("DistrictFigures", { description: "One district's hub figures in a fiscal year." })
export class DistrictFiguresType {
  @Field(() => Count, { description: "Hubs active." })
  hubs!: Count;
  @Field(() => Count, { description: "Sessions held." })
  hubSessions!: Count;
  @Field(() => Count, { description: "Participants, summed over sessions." })
  hubParticipants!: Count;
  @Field(() => Count, { description: "Worries heard." })
  worriesHeard!: Count;
  @Field(() => Count, { description: "Worries passed on to an organisation." })
  worriesPassedOn!: Count;
}

@ObjectType("FiscalYearReport", {
  description: "The figures the city reports for a fiscal year (April–March, Asia/Tokyo). Each subgraph contributes its own; counts of people below 5 are suppressed for callers not entitled.",
})
@Directive('@key(fields: "fiscalYear")')
export class FiscalYearReportType {
  @Field(() => Int, { description: "Fiscal year, e.g. 2026 for 令和8年度 (2026-04 to 2027-03)." })
  fiscalYear!: number;
}

@ObjectType("HubEvent", { description: "Something recorded at a hub." })
export class HubEventType {
  @Field(() => String, { description: "Resume point for `after`." })
  cursor!: string;
  @Field(() => HubEventKind, { description: "What happened." })
  kind!: keyof typeof HubEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}

@ObjectType("ActivityPayload", { description: "Result of recording an activity." })
export class ActivityPayload {
  @Field(() => ActivityType, { nullable: true, description: "The activity; null when refused." })
  activity?: ActivityType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("WorryPayload", { description: "Result of a mutation on a worry." })
export class WorryPayload {
  @Field(() => WorryType, { nullable: true, description: "The worry; null when refused." })
  worry?: WorryType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

@ObjectType("HubComplianceEntry", { description: "One hub's month against the rule." })
export class HubComplianceEntry extends HubMonthComplianceType {
  @Field(() => HubType, { description: "The hub." })
  hub!: HubType;
}

@ObjectType("DistrictHubFigures", { description: "A district's hub figures in a fiscal year." })
export class DistrictHubFiguresType extends DistrictFiguresType {
  @Field(() => DistrictType, { description: "The district." })
  district!: DistrictType;
}

@ObjectType("HubFigures", { description: "The hubs' figures of a fiscal year. Worries are about people: small counts are suppressed." })
export class HubFiguresType extends DistrictFiguresType {
  @Field(() => Count, { description: "Districts with an active hub." })
  districtsWithHub!: Count;

  @Field(() => [DistrictHubFiguresType], { description: "By district." })
  byDistrict!: DistrictHubFiguresType[];
}
