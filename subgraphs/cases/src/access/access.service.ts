import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Identity } from "@marugoto/shared";
import { metrics } from "@marugoto/shared";
import { AssignmentEntity, type Assignment } from "../assignment/assignment.entity.js";
import { AuditEntryEntity, type GroundValue } from "../audit/audit.entity.js";
import { ConsentEntity, INFO_KINDS, type Consent, type InfoKindValue } from "../consent/consent.entity.js";
import { BreakGlassEntity, DisclosureEntity, type BreakGlass, type Disclosure } from "./access.entity.js";

/**
 * One record that gives the caller a ground (an assignment, a consent, a disclosure to a meeting, a
 * break-glass): what a liaison's list says of *why* a case is there. Only the caller's own grounds,
 * and of each only what concerns the caller (never the other organisations it names).
 */
interface GroundSource {
  ground: GroundValue;
  /** The kinds of information this record discloses to the caller. */
  infoKinds: InfoKindValue[];
  /** ASSIGNMENT: the organisation's role. */
  assignmentRole?: string | null;
  /** CONSENT, and a 重層的支援会議 ground's covering consent: when the person gave it. */
  consentGivenOn?: string | null;
  /** Meeting grounds: the meeting (owned by the meetings subgraph) and the purpose it was disclosed for. */
  meetingId?: string | null;
  purpose?: string | null;
  disclosedAt?: Date | null;
  /** BREAK_GLASS: until when. */
  expiresAt?: Date | null;
}

/** What a caller may see of one case, and why. */
export interface Access {
  caseId: string;
  /** Every ground the caller holds, strongest first. */
  grounds: GroundValue[];
  /** The kinds of information those grounds disclose. */
  kinds: Set<InfoKindValue>;
  /** For each kind disclosed, the strongest ground that discloses it: the ground the audit names when it is read. */
  disclosedBy: Map<InfoKindValue, GroundValue>;
  /** The caller's organisation is assigned as lead or coordinator: it may manage the case. */
  manages: boolean;
  /** The caller's organisation is assigned in any role: it may write records. */
  assigned: boolean;
  /** The records behind `grounds`, in the same order of strength. */
  sources: GroundSource[];
}

const ALL = new Set<InfoKindValue>(INFO_KINDS);
/** What a meeting ground discloses: what is presented at the meeting, for its purpose. */
const MEETING_KINDS: InfoKindValue[] = ["BASIC", "ASSESSMENT", "PLAN"];
const ORDER: GroundValue[] = ["ASSIGNMENT", "CONSENT", "MULTI_LAYERED_SUPPORT_MEETING", "SUPPORT_MEETING", "BREAK_GLASS"];

/** A consent covers the caller's organisation and is not withdrawn. */
const active = (c: Consent) => !c.withdrawnAt;

/**
 * The sharing engine (DOMAIN.md "Who may see a case"). A caller sees a case only on a ground:
 * assignment of their organisation; membership of a meeting the case was disclosed to (支援会議 by law;
 * 重層的支援会議 only while the person's consent covers it); consent naming their organisation; or
 * break-glass (their own, unexpired, flagged). A department alone is never a ground.
 *
 * Grounds are computed per request in four statements per batch, whatever the number of cases,
 * and every read it grants is written to the audit log (one statement per batch).
 */
export class AccessService {
  private readonly loader: DataLoader<string, Access | null>;
  /**
   * The audit: one row per (case, disclosing ground) per request. A case read records the strongest
   * ground (what the case's existence and header were disclosed under); each field of an information
   * kind then records the ground that disclosed *that kind* (`disclosedBy`), after the guard decided
   * and before the value is returned. Rows are keyed by case and ground, so a request reading
   * `consultations` under break-glass beside a 支援会議 ground writes a SUPPORT_MEETING row and a
   * flagged BREAK_GLASS row; all loads of one tick are written in one statement.
   */
  private auditLoader: DataLoader<{ caseId: string; ground: GroundValue; via: string }, true, string>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly operation: string,
  ) {
    this.loader = new DataLoader((ids) => this.compute([...ids]));
    this.auditLoader = this.newAuditLoader();
  }

  private newAuditLoader() {
    return new DataLoader<{ caseId: string; ground: GroundValue; via: string }, true, string>(
      async (reads) => {
        await this.em.insertMany(
          AuditEntryEntity,
          reads.map(({ caseId, ground, via }) => ({
            at: new Date(),
            subject: this.identity.sub,
            organizationCode: this.identity.org,
            caseId,
            ground,
            operation: `${this.operation}:${via}`.slice(0, 200),
            flagged: ground === "BREAK_GLASS",
          })),
        );
        metrics.auditRows.inc(reads.length);
        return reads.map(() => true as const);
      },
      { cacheKeyFn: (r) => `${r.caseId}|${r.ground}` },
    );
  }

  /** Grounds without auditing: for decisions that do not read case data (may I write?). */
  grounds(caseId: string): Promise<Access | null> {
    return this.loader.load(caseId);
  }

  /** The caller's access to a case, audited (strongest ground) once per request and case; `null` when there is no ground. */
  async read(caseId: string, via: string): Promise<Access | null> {
    const access = await this.loader.load(caseId);
    if (!access) return null;
    await this.audit(access, access.grounds[0]!, via);
    return access;
  }

  /**
   * Before a value of `kind` is returned: the ground that discloses it, audited; `null` when no
   * ground of the caller discloses it (the value must then not be returned).
   */
  async disclose(access: Access, kind: InfoKindValue, via: string): Promise<GroundValue | null> {
    const ground = access.disclosedBy.get(kind) ?? null;
    if (ground) await this.audit(access, ground, via);
    return ground;
  }

  /** Records that `ground` disclosed something of the case in this request (once per case and ground). */
  async audit(access: Access, ground: GroundValue, via: string): Promise<void> {
    await this.auditLoader.load({ caseId: access.caseId, ground, via });
  }

  /** Forgets computed grounds: a subscription re-checks them for every event. */
  refresh(): void {
    this.loader.clearAll();
    this.auditLoader.clearAll();
  }

  private async compute(caseIds: string[]): Promise<(Access | null)[]> {
    const records = await this.groundRecords(caseIds);
    return caseIds.map((caseId) => accessOf(caseId, this.identity.org, records));
  }

  /** The records that may give the caller a ground on any of the cases: four statements, whatever their number. */
  private async groundRecords(caseIds: string[]): Promise<GroundRecords> {
    const org = this.identity.org;
    const now = new Date();
    const [assignments, consents, disclosures, glass] = await Promise.all([
      this.em.find(AssignmentEntity, { case: { $in: caseIds }, organizationCode: org, endedAt: null }),
      this.em.find(ConsentEntity, { case: { $in: caseIds }, withdrawnAt: null }),
      this.em.find(DisclosureEntity, { case: { $in: caseIds }, revokedAt: null }),
      this.em.find(BreakGlassEntity, {
        case: { $in: caseIds },
        subject: this.identity.sub,
        organizationCode: org,
        expiresAt: { $gt: now },
      }),
    ]);
    return { assignments, consents, disclosures, glass };
  }
}

/** What `AccessService` reads for a batch of cases. */
interface GroundRecords {
  /** The caller's organisation's current assignments. */
  assignments: Assignment[];
  /** Consents not withdrawn. */
  consents: Consent[];
  /** Disclosures to meetings not revoked. */
  disclosures: Disclosure[];
  /** The caller's own unexpired break-glass. */
  glass: BreakGlass[];
}

/** Each ground the caller holds on one case, with the kinds it discloses, and the records behind them. */
function groundsOn(caseId: string, org: string, records: GroundRecords) {
  const { assignments, consents, disclosures, glass } = records;
  /** Each ground the caller holds, with the kinds it discloses. */
  const byGround = new Map<GroundValue, Set<InfoKindValue>>();
  const add = (g: GroundValue, ks: Iterable<InfoKindValue>) => {
    const set = byGround.get(g) ?? new Set<InfoKindValue>();
    for (const k of ks) set.add(k);
    byGround.set(g, set);
  };
  const sources: GroundSource[] = [];
  const mine = assignments.filter((a) => a.case.id === caseId);
  if (mine.length) add("ASSIGNMENT", ALL);
  for (const a of mine) sources.push({ ground: "ASSIGNMENT", infoKinds: [...INFO_KINDS], assignmentRole: a.role });
  const caseConsents = consents.filter((c) => c.case.id === caseId && active(c));
  for (const c of caseConsents.filter((c) => c.organizationCodes.includes(org))) {
    add("CONSENT", c.infoKinds);
    sources.push({ ground: "CONSENT", infoKinds: [...c.infoKinds], consentGivenOn: c.givenOn });
  }
  const covering = caseConsents.find((c) => c.coversMultiLayeredMeeting);
  for (const d of disclosures.filter((d) => d.case.id === caseId && d.organizationCodes.includes(org))) {
    const meeting = { infoKinds: [...MEETING_KINDS], meetingId: d.meetingId, purpose: d.purpose, disclosedAt: d.disclosedAt };
    if (d.kind === "SUPPORT_MEETING") {
      add("SUPPORT_MEETING", MEETING_KINDS);
      sources.push({ ground: "SUPPORT_MEETING", ...meeting });
    } else if (covering) {
      add("MULTI_LAYERED_SUPPORT_MEETING", MEETING_KINDS);
      sources.push({ ground: "MULTI_LAYERED_SUPPORT_MEETING", ...meeting, consentGivenOn: covering.givenOn });
    }
  }
  const myGlass = glass.filter((g) => g.case.id === caseId);
  if (myGlass.length) add("BREAK_GLASS", ALL);
  for (const g of myGlass) sources.push({ ground: "BREAK_GLASS", infoKinds: [...INFO_KINDS], expiresAt: g.expiresAt });
  return { byGround, sources, mine };
}

/** The caller's access to one case from the batch's records; `null` when it holds no ground. */
function accessOf(caseId: string, org: string, records: GroundRecords): Access | null {
  const { byGround, sources, mine } = groundsOn(caseId, org, records);
  if (!byGround.size) return null;
  const grounds = ORDER.filter((g) => byGround.has(g));
  const disclosedBy = new Map<InfoKindValue, GroundValue>();
  for (const k of INFO_KINDS) {
    const g = grounds.find((g) => byGround.get(g)!.has(k));
    if (g) disclosedBy.set(k, g);
  }
  return {
    caseId,
    grounds,
    kinds: new Set(disclosedBy.keys()),
    disclosedBy,
    manages: mine.some((a) => a.role === "LEAD" || a.role === "COORDINATOR"),
    assigned: mine.length > 0,
    sources: sources.sort((a, b) => ORDER.indexOf(a.ground) - ORDER.indexOf(b.ground)),
  };
}

/**
 * The organisations that see a case on an organisation-wide ground (assignment, consent, a 支援会議
 * disclosure, a 重層的支援会議 disclosure while a consent covers it): the same rule as
 * `AccessService`, for all organisations at once. Break-glass is personal and never counts. Read
 * inside a write's transaction before and after the change, it says whose shared cases changed.
 */
export async function organizationsSharing(em: EntityManager, caseId: string): Promise<Set<string>> {
  const [assignments, consents, disclosures] = await Promise.all([
    em.find(AssignmentEntity, { case: caseId, endedAt: null }, { fields: ["organizationCode"] }),
    em.find(ConsentEntity, { case: caseId, withdrawnAt: null }, { fields: ["organizationCodes", "coversMultiLayeredMeeting"] }),
    em.find(DisclosureEntity, { case: caseId, revokedAt: null }, { fields: ["kind", "organizationCodes"] }),
  ]);
  const covered = consents.some((c) => c.coversMultiLayeredMeeting);
  return new Set([
    ...assignments.map((a) => a.organizationCode),
    ...consents.flatMap((c) => c.organizationCodes),
    ...disclosures.filter((d) => d.kind === "SUPPORT_MEETING" || covered).flatMap((d) => d.organizationCodes),
  ]);
}
