import type { EntityManager } from "@mikro-orm/postgresql";
import { loadReferenceData, SEED_IDS, tokyoDate, type SeedOptions } from "@marugoto/shared";
import { ParticipationSiteEntity, PlacementEntity, WorkSessionEntity } from "../participation/participation.entity.js";
import { DisclosureEntity } from "../access/access.entity.js";
import { AssignmentEntity, type AssignmentRoleValue } from "../assignment/assignment.entity.js";
import { CaseEntity, CaseTransitionEntity, type Case, type CaseStatusValue } from "../case/case.entity.js";
import { ConsentEntity, type InfoKindValue } from "../consent/consent.entity.js";
import { ConsultationEntity, type ProblemAreaValue, type SourceKindValue } from "../consultation/consultation.entity.js";
import {
  HouseholdEntity,
  HouseholdMemberEntity,
  PersonEntity,
  type Household,
  type Person,
  type SexValue,
} from "../person/person.entity.js";
import { AssessmentEntity, ProgressEntryEntity, SupportPlanEntity } from "../record/record.entity.js";

interface SeedPerson {
  relation: string;
  name: string | null;
  kana?: string;
  sex: SexValue;
  birthDate?: string;
}

interface SeedCase {
  id: string;
  number: string;
  status: CaseStatusValue;
  complex: boolean | null;
  people: SeedPerson[];
  consultation: {
    by: string;
    source: SourceKindValue;
    areas: ProblemAreaValue[];
    main: ProblemAreaValue;
    narrative: string;
    consent: "GIVEN" | "REFUSED" | "NOT_ASKED";
  };
  assignments: [string, AssignmentRoleValue][];
  consent?: { orgs: string[]; kinds: InfoKindValue[]; multiLayered: boolean };
  supportMeeting?: string[];
  plan?: { goals: string; direction: string; roles: [string, string, string][] };
  progress?: [string, string][];
  reviewInDays?: number;
}

const daysFromNow = (days: number) => tokyoDate(new Date(Date.now() + days * 86_400_000));

/** Fictional households (架空の事例) so a fresh start shows the liaison view. Every name is invented. */
const CASES: SeedCase[] = [
  {
    id: SEED_IDS.cases.household8050,
    number: "SEED-0001",
    status: "IN_SUPPORT",
    complex: true,
    people: [
      { relation: "本人", name: "山形 ハナ", kana: "やまがた はな", sex: "FEMALE", birthDate: "1943-05-12" },
      { relation: "長男", name: "山形 一郎", kana: "やまがた いちろう", sex: "MALE", birthDate: "1971-09-03" },
    ],
    consultation: {
      by: "community-general-support-center-03",
      source: "AGENCY",
      areas: ["ELDERLY_CARE", "WITHDRAWAL", "LIVELIHOOD"],
      main: "ELDERLY_CARE",
      narrative: "（架空）介護認定の相談時に、同居の長男が長年ひきこもっていることが分かった。",
      consent: "GIVEN",
    },
    assignments: [
      ["community-general-support-center-03", "LEAD"],
      ["shakyo", "COORDINATOR"],
      ["seikatsu-shien", "SUPPORT"],
    ],
    consent: { orgs: ["hatarakiyasusa", "seikatsu-fukushi"], kinds: ["BASIC", "PLAN"], multiLayered: true },
    plan: {
      goals: "（架空）母の介護サービス利用を安定させ、長男が週1回外出できる。",
      direction: "（架空）包括が母の支援、市社協が長男へのアウトリーチとチャレンジ就労の検討。",
      roles: [
        ["community-general-support-center-03", "母の介護サービス調整", "月1回"],
        ["shakyo", "長男への訪問", "週1回"],
      ],
    },
    progress: [["VISIT", "（架空）自宅訪問。長男と短時間会話できた。"]],
    reviewInDays: 30,
  },
  {
    id: SEED_IDS.cases.arrearsAndChild,
    number: "SEED-0002",
    status: "PLANNING",
    complex: true,
    people: [
      { relation: "本人", name: "最上 みどり", kana: "もがみ みどり", sex: "FEMALE", birthDate: "1987-02-20" },
      { relation: "長女", name: "最上 さくら", kana: "もがみ さくら", sex: "FEMALE", birthDate: "2015-07-01" },
    ],
    consultation: {
      by: "self-reliance-support-agency",
      source: "CITY_SECTION",
      areas: ["DEBT", "LIVELIHOOD", "CHILD_REARING"],
      main: "DEBT",
      narrative: "（架空）納税相談から生活困窮の相談につながった。",
      consent: "GIVEN",
    },
    assignments: [
      ["self-reliance-support-agency", "LEAD"],
      ["shakyo", "COORDINATOR"],
      ["nozei", "SUPPORT"],
    ],
    consent: { orgs: ["kodomo-katei-shien"], kinds: ["BASIC", "CONSULTATION"], multiLayered: false },
    supportMeeting: ["seikatsu-fukushi", "shakyo", "kaigo-hoken", "community-general-support-center-01", "nozei"],
    reviewInDays: 14,
  },
  {
    id: SEED_IDS.cases.outreach,
    number: "SEED-0003",
    status: "RECEIVED",
    complex: null,
    people: [{ relation: "本人", name: null, sex: "MALE" }],
    consultation: {
      by: "shakyo",
      source: "WELFARE_COMMISSIONER",
      areas: ["WITHDRAWAL"],
      main: "WITHDRAWAL",
      narrative: "（架空）民生委員から、近所の中年男性が長く外に出ていないとの情報。",
      consent: "NOT_ASKED",
    },
    assignments: [["shakyo", "LEAD"]],
  },
  {
    id: SEED_IDS.cases.elderlyAlone,
    number: "SEED-0004",
    status: "MONITORING",
    complex: false,
    people: [{ relation: "本人", name: "蔵王 正", kana: "ざおう ただし", sex: "MALE", birthDate: "1950-11-30" }],
    consultation: {
      by: "community-general-support-center-01",
      source: "AGENCY",
      areas: ["HOUSING", "ELDERLY_CARE"],
      main: "HOUSING",
      narrative: "（架空）ごみの堆積について近隣から相談。",
      consent: "GIVEN",
    },
    assignments: [
      ["community-general-support-center-01", "LEAD"],
      ["haikibutsu-shido", "SUPPORT"],
    ],
    reviewInDays: 60,
  },
];

const pad = (n: number) => String(n).padStart(2, "0");

/** チャレンジ就労 sites: the network's facilities (placeholders, as in the directory) and two new partners. */
async function seedSites(tx: EntityManager): Promise<number> {
  const existing = new Set((await tx.find(ParticipationSiteEntity, {})).map((s) => s.code));
  const wanted = [
    ...Array.from({ length: loadReferenceData().challengeWork.networkFacilities }, (_, i) => ({
      code: `welfare-facility-${pad(i + 1)}`,
      name: `社会福祉施設 第${i + 1}（仮称）`,
      kind: "WELFARE_FACILITY" as const,
      organizationCode: `welfare-facility-${pad(i + 1)}`,
    })),
    { code: "partner-farm-01", name: "農園（仮称・新規協力先）", kind: "NON_WELFARE_PARTNER" as const, organizationCode: null },
    { code: "partner-shop-01", name: "商店（仮称・新規協力先）", kind: "NON_WELFARE_PARTNER" as const, organizationCode: null },
  ];
  let created = 0;
  for (const site of wanted) {
    if (existing.has(site.code)) continue;
    tx.create(ParticipationSiteEntity, { ...site, active: true, joinedOn: "2022-04-01" });
    created++;
  }
  return created;
}

/** The household and its people: the main person first, pseudonyms from the case number. */
function seedHousehold(tx: EntityManager, c: SeedCase) {
  const household = tx.create(HouseholdEntity, {});
  const people = c.people.map((p, i) =>
    tx.create(PersonEntity, {
      pseudonym: `仮名-${c.number}-${i + 1}`,
      name: p.name,
      nameKana: p.kana ?? null,
      sex: p.sex,
      birthDate: p.birthDate ?? null,
      address: p.name ? "山形市（架空）" : null,
      phone: null,
    }),
  );
  people.forEach((person, i) => tx.create(HouseholdMemberEntity, { household, person, relation: c.people[i]!.relation }));
  return { household, people };
}

/** The case opened 90 days ago by its consultation, moved on to its status. */
function seedIntake(tx: EntityManager, c: SeedCase, household: Household, mainPerson: Person, opened: string): Case {
  const row = tx.create(CaseEntity, {
    id: c.id,
    caseNumber: c.number,
    household,
    mainPerson,
    status: c.status,
    complex: c.complex,
    nextReviewDate: c.reviewInDays ? daysFromNow(c.reviewInDays) : null,
    openedOn: opened,
    closedAt: null,
    collaborationEndedAt: null,
  });
  tx.create(CaseTransitionEntity, {
    case: row,
    fromStatus: null,
    toStatus: "RECEIVED",
    reason: "相談受付",
    actor: "seed",
    actorOrg: c.consultation.by,
  });
  if (c.status !== "RECEIVED")
    tx.create(CaseTransitionEntity, {
      case: row,
      fromStatus: "RECEIVED",
      toStatus: c.status,
      reason: "（架空）初期データ",
      actor: "seed",
      actorOrg: c.consultation.by,
    });
  tx.create(ConsultationEntity, {
    case: row,
    receivedOn: opened,
    receivedByCode: c.consultation.by,
    takenBy: "（架空）相談員",
    sourceKind: c.consultation.source,
    sourceHubId: null,
    visitor: null,
    visitorRelation: null,
    problemAreas: c.consultation.areas,
    mainProblemArea: c.consultation.main,
    narrative: c.consultation.narrative,
    consentAnswer: c.consultation.consent,
  });
  return row;
}

/** Who may see the case: its assignments, the person's consent, a disclosure to a 支援会議. */
function seedSharing(tx: EntityManager, c: SeedCase, row: Case, opened: string): void {
  for (const [organizationCode, role] of c.assignments)
    tx.create(AssignmentEntity, { case: row, organizationCode, role, assignedBy: "seed", endedAt: null });
  if (c.consent) {
    tx.create(ConsentEntity, {
      case: row,
      organizationCodes: c.consent.orgs,
      infoKinds: c.consent.kinds,
      coversMultiLayeredMeeting: c.consent.multiLayered,
      givenOn: opened,
      recordedBy: "seed",
      withdrawnAt: null,
      withdrawnBy: null,
    });
  }
  if (c.supportMeeting) {
    tx.create(DisclosureEntity, {
      case: row,
      kind: "SUPPORT_MEETING",
      meetingId: SEED_IDS.supportMeeting,
      organizationCodes: c.supportMeeting,
      purpose: "（架空）支援方針の協議",
      disclosedBy: "seed",
      revokedAt: null,
    });
  }
}

/** The course of support so far: an assessment once accepted, the plan, the progress log. */
function seedRecords(tx: EntityManager, c: SeedCase, row: Case, opened: string): void {
  if (c.status !== "RECEIVED") {
    tx.create(AssessmentEntity, {
      case: row,
      household: "（架空）世帯の状況",
      work: null,
      housing: null,
      insurance: null,
      pension: null,
      problems: { [c.consultation.main]: "（架空）主訴" },
      recordedBy: "seed",
      recordedByOrg: c.consultation.by,
    });
  }
  if (c.plan) {
    tx.create(SupportPlanEntity, {
      case: row,
      version: 1,
      goals: c.plan.goals,
      direction: c.plan.direction,
      roles: c.plan.roles.map(([organizationCode, what, frequency]) => ({ organizationCode, what, frequency, until: null })),
      referParticipationSupport: true,
      referOutreach: true,
      personAgreed: true,
      agreedOn: opened,
      recordedBy: "seed",
    });
  }
  for (const [method, content] of c.progress ?? []) {
    tx.create(ProgressEntryEntity, {
      case: row,
      date: daysFromNow(-7),
      method: method as "VISIT",
      staff: "（架空）担当者",
      organizationCode: c.assignments[0]![0],
      content,
    });
  }
}

/** The son of the 8050 household tries チャレンジ就労 at a network facility; monitoring is due (a demonstration of the overdue list). */
async function seedPlacement(tx: EntityManager, row: Case, person: Person): Promise<void> {
  const site = await tx.findOneOrFail(ParticipationSiteEntity, { code: "welfare-facility-03" });
  tx.create(AssignmentEntity, { case: row, organizationCode: site.organizationCode!, role: "SUPPORT", assignedBy: "seed", endedAt: null });
  const placement = tx.create(PlacementEntity, {
    case: row,
    person,
    site,
    startedOn: daysFromNow(-120),
    endedOn: null,
    lastMonitoredOn: null,
    createdBy: "seed",
  });
  for (const d of [-9, -8, -6, -2])
    tx.create(WorkSessionEntity, {
      placement,
      date: daysFromNow(d),
      feeYen: loadReferenceData().challengeWork.feePerSessionYen,
      recordedBy: "seed",
    });
}

/** One demonstration case with everything it shows; false when it exists already. */
async function seedCase(tx: EntityManager, c: SeedCase): Promise<boolean> {
  if (await tx.findOne(CaseEntity, c.id)) return false;
  const { household, people } = seedHousehold(tx, c);
  const opened = daysFromNow(-90);
  const row = seedIntake(tx, c, household, people[0]!, opened);
  seedSharing(tx, c, row, opened);
  seedRecords(tx, c, row, opened);
  if (c.id === SEED_IDS.cases.household8050) await seedPlacement(tx, row, people[1]!);
  return true;
}

/**
 * Seeds reference data (チャレンジ就労 sites) and, unless refused, the demonstration cases once (matched
 * by their fixed ids). Fictional people and cases are written only with `fictional: true`, which boot
 * never passes in production (even with SEED=true).
 */
export async function seedCases(em: EntityManager, options: SeedOptions): Promise<{ casesCreated: number; sitesCreated: number }> {
  return em.fork().transactional(async (tx) => {
    const sitesCreated = await seedSites(tx);
    await tx.flush();
    let casesCreated = 0;
    if (!options.fictional) return { casesCreated, sitesCreated };
    for (const c of CASES) if (await seedCase(tx, c)) casesCreated++;
    return { casesCreated, sitesCreated };
  });
}
