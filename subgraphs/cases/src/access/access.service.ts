import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Identity } from "@marugoto/shared";
import { AssignmentEntity } from "../assignment/assignment.entity.js";
import { AuditEntryEntity, type GroundValue } from "../audit/audit.entity.js";
import { ConsentEntity, INFO_KINDS, type Consent, type InfoKindValue } from "../consent/consent.entity.js";
import { BreakGlassEntity, DisclosureEntity } from "./access.entity.js";

/** What a caller may see of one case, and why. */
export interface Access {
  caseId: string;
  /** Every ground the caller holds, strongest first. */
  grounds: GroundValue[];
  /** The kinds of information those grounds disclose. */
  kinds: Set<InfoKindValue>;
  /** The caller's organisation is assigned as lead or coordinator: it may manage the case. */
  manages: boolean;
  /** The caller's organisation is assigned in any role: it may write records. */
  assigned: boolean;
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
  private readonly audited = new Set<string>();
  private readonly auditLoader: DataLoader<{ access: Access; via: string }, true>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly operation: string,
  ) {
    this.loader = new DataLoader((ids) => this.compute([...ids]));
    this.auditLoader = new DataLoader(
      async (reads) => {
        const ground = (a: Access) => a.grounds[0]!;
        await this.em.insertMany(
          AuditEntryEntity,
          reads.map(({ access, via }) => ({
            at: new Date(),
            subject: this.identity.sub,
            organizationCode: this.identity.org,
            caseId: access.caseId,
            ground: ground(access),
            operation: `${this.operation}:${via}`.slice(0, 200),
            flagged: ground(access) === "BREAK_GLASS",
          })),
        );
        return reads.map(() => true as const);
      },
      { cache: false },
    );
  }

  /** Grounds without auditing: for decisions that do not read case data (may I write?). */
  grounds(caseId: string): Promise<Access | null> {
    return this.loader.load(caseId);
  }

  /** The caller's access to a case, audited once per request and case; `null` when there is no ground. */
  async read(caseId: string, via: string): Promise<Access | null> {
    const access = await this.loader.load(caseId);
    if (!access) return null;
    if (!this.audited.has(caseId)) {
      this.audited.add(caseId);
      await this.auditLoader.load({ access, via });
    }
    return access;
  }

  /** Forgets computed grounds: a subscription re-checks them for every event. */
  refresh(): void {
    this.loader.clearAll();
    this.audited.clear();
  }

  private async compute(caseIds: string[]): Promise<(Access | null)[]> {
    const org = this.identity.org;
    const now = new Date();
    const [assignments, consents, disclosures, glass] = await Promise.all([
      this.em.find(AssignmentEntity, { case: { $in: caseIds }, organizationCode: org, endedAt: null }),
      this.em.find(ConsentEntity, { case: { $in: caseIds }, withdrawnAt: null }),
      this.em.find(DisclosureEntity, { case: { $in: caseIds }, revokedAt: null }),
      this.em.find(BreakGlassEntity, { case: { $in: caseIds }, subject: this.identity.sub, organizationCode: org, expiresAt: { $gt: now } }),
    ]);
    return caseIds.map((caseId) => {
      const grounds = new Set<GroundValue>();
      const kinds = new Set<InfoKindValue>();
      const mine = assignments.filter((a) => a.case.id === caseId);
      if (mine.length) {
        grounds.add("ASSIGNMENT");
        ALL.forEach((k) => kinds.add(k));
      }
      const caseConsents = consents.filter((c) => c.case.id === caseId && active(c));
      for (const c of caseConsents.filter((c) => c.organizationCodes.includes(org))) {
        grounds.add("CONSENT");
        c.infoKinds.forEach((k) => kinds.add(k));
      }
      for (const d of disclosures.filter((d) => d.case.id === caseId && d.organizationCodes.includes(org))) {
        if (d.kind === "SUPPORT_MEETING") {
          grounds.add("SUPPORT_MEETING");
          MEETING_KINDS.forEach((k) => kinds.add(k));
        } else if (caseConsents.some((c) => c.coversMultiLayeredMeeting)) {
          grounds.add("MULTI_LAYERED_SUPPORT_MEETING");
          MEETING_KINDS.forEach((k) => kinds.add(k));
        }
      }
      if (glass.some((g) => g.case.id === caseId)) {
        grounds.add("BREAK_GLASS");
        ALL.forEach((k) => kinds.add(k));
      }
      if (!grounds.size) return null;
      return {
        caseId,
        grounds: ORDER.filter((g) => grounds.has(g)),
        kinds,
        manages: mine.some((a) => a.role === "LEAD" || a.role === "COORDINATOR"),
        assigned: mine.length > 0,
      };
    });
  }
}
