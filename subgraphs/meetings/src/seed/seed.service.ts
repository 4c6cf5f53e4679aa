import type { EntityManager } from "@mikro-orm/postgresql";
import { loadReferenceData, ROSTER_CODES } from "@marugoto/shared";
import { BodyMemberEntity, MeetingBodyEntity, type BodyKindValue, type BodyMemberRoleValue } from "../body/body.entity.js";

interface SeedBody {
  code: string;
  kind: BodyKindValue;
  name: string;
  legalBasis?: string;
  topic?: string;
  members: { code: string; role: BodyMemberRoleValue }[];
}

const SHAKYO = "shakyo";
const SEIKATSU_FUKUSHI = "seikatsu-fukushi";

/** The standing bodies of the programme, their memberships taken from the city's rosters (data). */
export function referenceBodies(): SeedBody[] {
  const data = loadReferenceData();
  const council = data.marugotoCouncil;
  return [
    {
      code: ROSTER_CODES.marugotoCouncil,
      kind: "MARUGOTO_COUNCIL",
      name: council.label,
      members: [
        ...council.directors.map((d) => ({ code: d.code, role: d.role === "CHAIR" ? ("CHAIR" as const) : ("MEMBER" as const) })),
        ...council.sections.map((s) => ({ code: s.code, role: s.code === SEIKATSU_FUKUSHI ? ("SECRETARIAT" as const) : ("MEMBER" as const) })),
        ...council.otherMembers.map((m) => ({ code: m.code, role: "MEMBER" as const })),
      ],
    },
    {
      code: ROSTER_CODES.internalWorkingGroup,
      kind: "INTERNAL_WORKING_GROUP",
      name: data.internalWorkingGroup.label,
      members: data.internalWorkingGroup.sections.map((code) => ({
        code,
        role: code === SEIKATSU_FUKUSHI ? ("CHAIR" as const) : ("MEMBER" as const),
      })),
    },
    {
      code: "marugoto-wg-hikikomori",
      kind: "MARUGOTO_WORKING_GROUP",
      name: "福祉まるごとワーキンググループ（中高年のひきこもり支援）",
      topic: "中高年のひきこもり支援",
      members: ["seikatsu-fukushi", "seikatsu-shien", "choju-shien", "shogai-fukushi", "kenko-zoshin", "hatarakiyasusa", SHAKYO].map(
        (code) => ({ code, role: code === SEIKATSU_FUKUSHI ? ("CHAIR" as const) : ("MEMBER" as const) }),
      ),
    },
    {
      code: "support-meeting",
      kind: "SUPPORT_MEETING",
      name: "支援会議",
      legalBasis: "社会福祉法第106条の6",
      members: [{ code: SEIKATSU_FUKUSHI, role: "CHAIR" }],
    },
    {
      code: "multi-layered-support-meeting",
      kind: "MULTI_LAYERED_SUPPORT_MEETING",
      name: "重層的支援会議",
      legalBasis: "重層的支援体制整備事業実施要綱",
      members: [
        { code: SHAKYO, role: "CHAIR" },
        { code: SEIKATSU_FUKUSHI, role: "SECRETARIAT" },
      ],
    },
  ];
}

/** Seeds the standing bodies idempotently (matched by code; missing members added). */
export async function seedMeetings(em: EntityManager): Promise<{ bodiesCreated: number; membersCreated: number }> {
  return em.fork().transactional(async (tx) => {
    let bodiesCreated = 0;
    let membersCreated = 0;
    for (const b of referenceBodies()) {
      let body = await tx.findOne(MeetingBodyEntity, { code: b.code });
      const present = new Set<string>();
      if (body) {
        (await tx.find(BodyMemberEntity, { body })).forEach((m) => present.add(m.organizationCode));
      } else {
        body = tx.create(MeetingBodyEntity, { code: b.code, kind: b.kind, name: b.name, legalBasis: b.legalBasis ?? null, topic: b.topic ?? null });
        bodiesCreated++;
      }
      b.members.forEach((m, position) => {
        if (present.has(m.code)) return;
        tx.create(BodyMemberEntity, { body: body!, organizationCode: m.code, role: m.role, position });
        membersCreated++;
      });
    }
    return { bodiesCreated, membersCreated };
  });
}
