import type { EntityManager } from "@mikro-orm/postgresql";
import { loadReferenceData, ROSTER_CODES, type ReferenceData } from "@marugoto/shared";
import {
  OrganizationEntity,
  type AgencyKindValue,
  type Organization,
  type OrganizationKindValue,
} from "../organization/organization.entity.js";
import { RosterEntity, RosterMemberEntity, type RosterRoleValue } from "../roster/roster.entity.js";

/** One organisation the reference data defines. */
export interface SeedOrganization {
  code: string;
  name: string;
  kind: OrganizationKindValue;
  agencyKind?: AgencyKindValue;
  parentCode?: string;
  operatedByCode?: string;
  placeholder: boolean;
  sortOrder: number;
}

interface SeedRoster {
  code: string;
  name: string;
  members: { code: string; role: RosterRoleValue; title?: string }[];
}

const SHAKYO_CODE = "shakyo";
const pad = (n: number) => String(n).padStart(2, "0");

/** Slug of an agency kind, e.g. COMMUNITY_GENERAL_SUPPORT_CENTER → community-general-support-center. */
const agencySlug = (kind: string) => kind.toLowerCase().replaceAll("_", "-");

/**
 * The organisations of data/yamagata.json. Agencies, district councils and welfare facilities exist
 * there only as counts: they are generated with placeholder names (仮称) and stable codes, so real
 * names can replace them later without changing any reference.
 */
export function referenceOrganizations(data: ReferenceData = loadReferenceData()): SeedOrganization[] {
  const orgs: SeedOrganization[] = [];
  const departments = new Map<string, string>();
  data.marugotoCouncil.directors.forEach((d) => departments.set(d.code, d.label.replace(/長$/, "")));
  data.marugotoCouncil.sections.forEach((s) => departments.has(s.departmentCode) || departments.set(s.departmentCode, s.department));
  [...departments].forEach(([code, name], i) => orgs.push({ code, name, kind: "DEPARTMENT", placeholder: false, sortOrder: i }));
  data.marugotoCouncil.sections.forEach((s, i) =>
    orgs.push({ code: s.code, name: s.label, kind: "CITY_SECTION", parentCode: s.departmentCode, placeholder: false, sortOrder: i }),
  );
  data.marugotoCouncil.otherMembers.forEach((m, i) =>
    orgs.push({ code: m.code, name: m.label, kind: m.kind as OrganizationKindValue, placeholder: false, sortOrder: i }),
  );
  data.agencies.forEach((a, ai) => {
    for (let n = 1; n <= a.count; n++) {
      const single = a.count === 1;
      orgs.push({
        code: single ? agencySlug(a.kind) : `${agencySlug(a.kind)}-${pad(n)}`,
        name: single ? `${a.label}（仮称）` : `${a.label} 第${n}（仮称）`,
        kind: "CONSULTATION_AGENCY",
        agencyKind: a.kind as AgencyKindValue,
        // The first `runByShakyo` of each kind are the ones contracted to 市社協.
        operatedByCode: n <= a.runByShakyo ? SHAKYO_CODE : undefined,
        placeholder: true,
        sortOrder: ai * 100 + n,
      });
    }
  });
  for (let n = 1; n <= data.city.districts; n++) {
    orgs.push({
      code: `district-council-${pad(n)}`,
      name: `第${n}地区社会福祉協議会（仮称）`,
      kind: "DISTRICT_COUNCIL",
      placeholder: true,
      sortOrder: n,
    });
  }
  for (let n = 1; n <= data.challengeWork.networkFacilities; n++) {
    orgs.push({
      code: `welfare-facility-${pad(n)}`,
      name: `社会福祉施設 第${n}（仮称）`,
      kind: "WELFARE_FACILITY",
      placeholder: true,
      sortOrder: n,
    });
  }
  return orgs;
}

/** The rosters of data/yamagata.json: 福祉まるごと会議 and 庁内ワーキンググループ. */
function referenceRosters(data: ReferenceData = loadReferenceData()): SeedRoster[] {
  const council = data.marugotoCouncil;
  return [
    {
      code: ROSTER_CODES.marugotoCouncil,
      name: council.label,
      members: [
        ...council.directors.map((d) => ({ code: d.code, role: d.role, title: d.label })),
        ...council.sections.map((s) => ({ code: s.code, role: "MEMBER" as const })),
        ...council.otherMembers.map((m) => ({ code: m.code, role: "MEMBER" as const })),
      ],
    },
    {
      code: ROSTER_CODES.internalWorkingGroup,
      name: data.internalWorkingGroup.label,
      members: data.internalWorkingGroup.sections.map((code) => ({ code, role: "MEMBER" as const })),
    },
  ];
}

/**
 * Seeds the reference data idempotently: rows are matched by code, inserted when missing and
 * otherwise left alone, so a second start writes nothing and local edits survive.
 */
export async function seedDirectory(em: EntityManager): Promise<{ organizationsCreated: number; rosterMembersCreated: number }> {
  return em.fork().transactional(async (tx) => {
    const wanted = referenceOrganizations();
    const existing = await tx.find(OrganizationEntity, {});
    const byCode = new Map<string, Organization>(existing.map((o) => [o.code, o]));
    let organizationsCreated = 0;
    for (const org of wanted) {
      if (byCode.has(org.code)) continue;
      byCode.set(
        org.code,
        tx.create(OrganizationEntity, {
          code: org.code,
          name: org.name,
          kind: org.kind,
          agencyKind: org.agencyKind ?? null,
          placeholder: org.placeholder,
          sortOrder: org.sortOrder,
        }),
      );
      organizationsCreated++;
    }
    for (const org of wanted) {
      const row = byCode.get(org.code)!;
      if (org.parentCode && !row.parent) row.parent = byCode.get(org.parentCode)!;
      if (org.operatedByCode && !row.operatedBy) row.operatedBy = byCode.get(org.operatedByCode)!;
    }

    let rosterMembersCreated = 0;
    for (const r of referenceRosters()) {
      const roster = (await tx.findOne(RosterEntity, { code: r.code })) ?? tx.create(RosterEntity, { code: r.code, name: r.name });
      const members = roster.id ? await tx.find(RosterMemberEntity, { roster }) : [];
      const present = new Set(members.map((m) => m.organization.id));
      r.members.forEach((m, position) => {
        const organization = byCode.get(m.code)!;
        if (present.has(organization.id)) return;
        tx.create(RosterMemberEntity, { roster, organization, role: m.role, title: m.title ?? null, position });
        rosterMembersCreated++;
      });
    }
    return { organizationsCreated, rosterMembersCreated };
  });
}
