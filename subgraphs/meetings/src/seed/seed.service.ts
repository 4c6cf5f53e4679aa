import type { EntityManager } from "@mikro-orm/postgresql";
import { loadReferenceData, ROSTER_CODES, SEED_IDS, tokyoDate } from "@marugoto/shared";
import { AgendaItemEntity, type ItemKindValue } from "../agenda/agenda-item.entity.js";
import {
  BodyMemberEntity,
  HANDLES_INDIVIDUAL_CASES,
  MeetingBodyEntity,
  type BodyKindValue,
  type BodyMemberRoleValue,
} from "../body/body.entity.js";
import { ConfidentialityPledgeEntity, MeetingEntity, MeetingMemberEntity } from "../meeting/meeting.entity.js";

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
function referenceBodies(): SeedBody[] {
  const data = loadReferenceData();
  const council = data.marugotoCouncil;
  return [
    {
      code: ROSTER_CODES.marugotoCouncil,
      kind: "MARUGOTO_COUNCIL",
      name: council.label,
      members: [
        ...council.directors.map((d) => ({ code: d.code, role: d.role === "CHAIR" ? ("CHAIR" as const) : ("MEMBER" as const) })),
        ...council.sections.map((s) => ({
          code: s.code,
          role: s.code === SEIKATSU_FUKUSHI ? ("SECRETARIAT" as const) : ("MEMBER" as const),
        })),
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
/**
 * Bodies and their standing members (reference data) always; the sample sittings — one with a
 * fictional household's case item — only with `fictional` (never in production).
 */
export async function seedMeetings(
  em: EntityManager,
  options: { fictional: boolean } = { fictional: true },
): Promise<{ bodiesCreated: number; membersCreated: number; meetingsCreated: number }> {
  return em.fork().transactional(async (tx) => {
    let bodiesCreated = 0;
    let membersCreated = 0;
    for (const b of referenceBodies()) {
      let body = await tx.findOne(MeetingBodyEntity, { code: b.code });
      const present = new Set<string>();
      if (body) {
        (await tx.find(BodyMemberEntity, { body })).forEach((m) => present.add(m.organizationCode));
      } else {
        body = tx.create(MeetingBodyEntity, {
          code: b.code,
          kind: b.kind,
          name: b.name,
          legalBasis: b.legalBasis ?? null,
          topic: b.topic ?? null,
        });
        bodiesCreated++;
      }
      b.members.forEach((m, position) => {
        if (present.has(m.code)) return;
        tx.create(BodyMemberEntity, { body: body!, organizationCode: m.code, role: m.role, position });
        membersCreated++;
      });
    }
    const meetingsCreated = options.fictional ? await seedUpcomingMeetings(tx) : 0;
    return { bodiesCreated, membersCreated, meetingsCreated };
  });
}

interface SeedMeeting {
  /** Fixed when another subgraph's seed refers to it. */
  id?: string;
  bodyCode: string;
  title: string;
  /** Days from the first start, at 14:00 Asia/Tokyo. */
  inDays: number;
  place: string;
  extraMembers?: string[];
  /** Members that recorded the confidentiality pledge (case meetings). */
  pledged?: boolean;
  items: { kind: ItemKindValue; title: string; presenter: string; minutes: number; caseId?: string }[];
}

/** A few upcoming sittings so a fresh start shows something real. Seeded once per body. */
const UPCOMING: SeedMeeting[] = [
  {
    bodyCode: ROSTER_CODES.marugotoCouncil,
    title: "福祉まるごと会議（定例）",
    inDays: 21,
    place: "山形市役所 講堂",
    items: [
      { kind: "REPORT", title: "重層的支援体制整備事業の実施状況", presenter: SEIKATSU_FUKUSHI, minutes: 20 },
      { kind: "TOPIC", title: "中高年のひきこもり支援の仕組みづくり", presenter: SHAKYO, minutes: 30 },
      { kind: "REPORT", title: "地域づくり拠点の設置状況", presenter: SHAKYO, minutes: 15 },
    ],
  },
  {
    bodyCode: "marugoto-wg-hikikomori",
    title: "ひきこもり支援ワーキンググループ 第2回",
    inDays: 10,
    place: "山形市総合福祉センター 会議室",
    items: [{ kind: "TOPIC", title: "チャレンジ就労の受け入れ先の拡大", presenter: "hatarakiyasusa", minutes: 40 }],
  },
  {
    bodyCode: ROSTER_CODES.internalWorkingGroup,
    title: "庁内ワーキンググループ（連携体制）",
    inDays: 7,
    place: "山形市役所 会議室",
    items: [{ kind: "REPORT", title: "各課の相談対応状況の共有", presenter: SEIKATSU_FUKUSHI, minutes: 30 }],
  },
  {
    id: SEED_IDS.supportMeeting,
    bodyCode: "support-meeting",
    title: "支援会議",
    inDays: 4,
    place: "山形市役所 相談室",
    extraMembers: [SHAKYO, "kaigo-hoken", "community-general-support-center-01", "nozei"],
    pledged: true,
    items: [
      { kind: "REPORT", title: "前回支援会議の対応状況", presenter: SEIKATSU_FUKUSHI, minutes: 10 },
      {
        kind: "CASE",
        title: "（架空）最上さん世帯の支援方針",
        presenter: "self-reliance-support-agency",
        minutes: 30,
        caseId: SEED_IDS.cases.arrearsAndChild,
      },
    ],
  },
];

/** 14:00 in Tokyo, `days` from now. */
function tokyoAfternoon(days: number, now = new Date()): Date {
  const day = new Date(now.getTime() + days * 86_400_000);
  return new Date(`${tokyoDate(day)}T14:00:00+09:00`);
}

async function seedUpcomingMeetings(tx: EntityManager): Promise<number> {
  let created = 0;
  for (const m of UPCOMING) {
    const body = await tx.findOneOrFail(MeetingBodyEntity, { code: m.bodyCode });
    if ((await tx.count(MeetingEntity, { body })) > 0) continue;
    const meeting = tx.create(MeetingEntity, {
      ...(m.id ? { id: m.id } : {}),
      body,
      title: m.title,
      startsAt: tokyoAfternoon(m.inDays),
      endsAt: new Date(tokyoAfternoon(m.inDays).getTime() + 2 * 3_600_000),
      place: m.place,
      confidential: HANDLES_INDIVIDUAL_CASES[body.kind],
      status: "SCHEDULED",
      currentItemId: null,
    });
    const bodyMembers = await tx.find(BodyMemberEntity, { body }, { orderBy: { position: "asc" } });
    const codes = [
      ...bodyMembers.map((b) => b.organizationCode),
      ...(m.extraMembers ?? []).filter((c) => !bodyMembers.some((b) => b.organizationCode === c)),
    ];
    codes.forEach((organizationCode, position) => {
      const role = bodyMembers.find((b) => b.organizationCode === organizationCode)?.role;
      tx.create(MeetingMemberEntity, {
        meeting,
        organizationCode,
        role: role === "CHAIR" ? "CHAIR" : role === "SECRETARIAT" ? "SECRETARY" : "MEMBER",
        attendance: "UNKNOWN",
        position,
        pledgedAt: m.pledged ? new Date() : null,
        pledgedBy: m.pledged ? "seed" : null,
      });
      if (m.pledged) tx.create(ConfidentialityPledgeEntity, { meeting, organizationCode, pledgedAt: new Date(), pledgedBy: "seed" });
    });
    m.items.forEach((item, position) =>
      tx.create(AgendaItemEntity, {
        meeting,
        position,
        kind: item.kind,
        title: item.title,
        description: null,
        presenterCode: item.presenter,
        timeboxMinutes: item.minutes,
        status: "PENDING",
        caseId: item.caseId ?? null,
      }),
    );
    created++;
  }
  return created;
}
