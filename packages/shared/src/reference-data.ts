import { readFileSync } from "node:fs";
import { z } from "zod";
import { referenceDataPath } from "./paths.js";

const codeLabel = z.object({ code: z.string(), label: z.string() });

/** The shape of data/yamagata.json: the city's reference data, validated when loaded. */
export const referenceDataSchema = z.object({
  city: z.object({
    name: z.string(),
    districts: z.number().int().positive(),
    programmeStart: z.string(),
  }),
  agencies: z.array(
    z.object({ kind: z.string(), label: z.string(), count: z.number().int().nonnegative(), runByShakyo: z.number().int().nonnegative() }),
  ),
  marugotoCouncil: z.object({
    label: z.string(),
    handlesIndividualCases: z.boolean(),
    directors: z.array(codeLabel.extend({ role: z.enum(["CHAIR", "MEMBER"]) })),
    sections: z.array(codeLabel.extend({ department: z.string(), departmentCode: z.string() })),
    otherMembers: z.array(codeLabel.extend({ kind: z.string() })),
  }),
  internalWorkingGroup: z.object({ label: z.string(), sections: z.array(z.string()) }),
  hubs: z.object({
    history: z.array(z.object({ fiscalYear: z.number(), districts: z.number(), hubs: z.number() })),
    rules: z.object({ minSessionsPerMonth: z.number(), minProfessionalConsultationDaysPerMonth: z.number() }),
  }),
  challengeWork: z.object({
    networkFacilities: z.number().int().nonnegative(),
    feePerSessionYen: z.number(),
    maxSessionsPerWeek: z.number(),
    monitoringIntervalMonths: z.number(),
  }),
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;

let cached: ReferenceData | undefined;

/** Loads and validates data/yamagata.json once per process. */
export function loadReferenceData(): ReferenceData {
  cached ??= referenceDataSchema.parse(JSON.parse(readFileSync(referenceDataPath, "utf8")));
  return cached;
}

/** Codes of the rosters the directory keeps. */
export const ROSTER_CODES = {
  marugotoCouncil: "marugoto-council",
  internalWorkingGroup: "internal-working-group",
} as const;

/**
 * Fixed ids of the fictional demonstration records that two subgraphs seed together (a 支援会議
 * sitting and the cases discussed there), so each seeds its own side without reading the other's.
 */
export const SEED_IDS = {
  supportMeeting: "01900000-0000-7000-8000-00000000a001",
  cases: {
    household8050: "01900000-0000-7000-8000-00000000c001",
    arrearsAndChild: "01900000-0000-7000-8000-00000000c002",
    outreach: "01900000-0000-7000-8000-00000000c003",
    elderlyAlone: "01900000-0000-7000-8000-00000000c004",
  },
} as const;

const pad2 = (n: number) => String(n).padStart(2, "0");
const agencySlug = (kind: string) => kind.toLowerCase().replaceAll("_", "-");

/** The consultation agencies' codes: `<kind>` for a kind of one, `<kind>-NN` for each of several. */
function* agencyCodes(data: ReferenceData): Generator<string> {
  for (const a of data.agencies)
    for (let n = 1; n <= a.count; n++) yield a.count === 1 ? agencySlug(a.kind) : `${agencySlug(a.kind)}-${pad2(n)}`;
}

let organizationCodes: ReadonlySet<string> | undefined;

/**
 * Codes of every organisation in the directory. The directory has no way to add an organisation at
 * runtime: it seeds exactly these from data/yamagata.json at start (agencies, district councils and
 * facilities by count, as `<kind>-NN`), so another subgraph may check a code it is given against
 * this set instead of calling the directory. A test keeps it equal to the directory's seed.
 */
export function referenceOrganizationCodes(data: ReferenceData = loadReferenceData()): ReadonlySet<string> {
  if (data === cached && organizationCodes) return organizationCodes;
  const council = data.marugotoCouncil;
  const codes = new Set<string>([
    ...council.directors.map((d) => d.code),
    ...council.sections.flatMap((s) => [s.departmentCode, s.code]),
    ...council.otherMembers.map((m) => m.code),
  ]);
  for (const code of agencyCodes(data)) codes.add(code);
  for (let n = 1; n <= data.city.districts; n++) codes.add(`district-council-${pad2(n)}`);
  for (let n = 1; n <= data.challengeWork.networkFacilities; n++) codes.add(`welfare-facility-${pad2(n)}`);
  if (data === cached) organizationCodes = codes;
  return codes;
}

/** Whether an organisation with this code exists in the directory. */
export const isKnownOrganization = (code: string): boolean => referenceOrganizationCodes().has(code);

let receiverCodes: ReadonlySet<string> | undefined;

/**
 * Codes of the organisations that take a consultation passed on to them (相談を受ける機関): the
 * council's city sections, 市社協 and the consultation agencies. Not a department (部), a district
 * council (the hub's own operator: that is solving it locally) or a welfare facility.
 */
export function consultationReceiverCodes(data: ReferenceData = loadReferenceData()): ReadonlySet<string> {
  if (data === cached && receiverCodes) return receiverCodes;
  const codes = new Set<string>([
    ...data.marugotoCouncil.sections.map((s) => s.code),
    ...data.marugotoCouncil.otherMembers.filter((m) => m.kind === "SOCIAL_WELFARE_COUNCIL").map((m) => m.code),
  ]);
  for (const code of agencyCodes(data)) codes.add(code);
  if (data === cached) receiverCodes = codes;
  return codes;
}
