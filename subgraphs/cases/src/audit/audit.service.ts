import type { EntityManager } from "@mikro-orm/postgresql";
import {
  decodePageCursor,
  ForbiddenError,
  isUuid,
  hasRole,
  lockRow,
  pageSize,
  ROLES,
  toPage,
  type Identity,
  type Page,
} from "@marugoto/shared";
import { BreakGlassEntity, type BreakGlass, type BreakGlassOutcomeValue } from "../access/access.entity.js";
import { lockBreakGlassOf } from "../access/break-glass.lock.js";
import { SCHEMA } from "../events/case-events.js";
import { AuditEntryEntity, type AuditEntry } from "./audit.entity.js";

export interface AuditFilter {
  caseId?: string | null;
  organizationCode?: string | null;
  flaggedOnly?: boolean | null;
  from?: Date | null;
  to?: Date | null;
}

/** The audit log, for auditors only; nobody can change it (the table refuses UPDATE and DELETE). */
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  private requireAuditor(): void {
    if (!hasRole(this.identity, ROLES.auditor)) throw new ForbiddenError("監査ログは監査担当者だけが閲覧できます。");
  }

  async entries(filter: AuditFilter, first?: number | null, after?: string | null): Promise<Page<AuditEntry>> {
    this.requireAuditor();
    const size = pageSize(first);
    const where: Record<string, unknown> = {};
    if (filter.caseId) where.caseId = isUuid(filter.caseId) ? filter.caseId : "00000000-0000-0000-0000-000000000000";
    if (filter.organizationCode) where.organizationCode = filter.organizationCode;
    if (filter.flaggedOnly) where.flagged = true;
    if (filter.from || filter.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const key = decodePageCursor(after, ["int"]);
    if (key) where.seq = { $lt: Number(key[0]) };
    const rows = await this.em.find(AuditEntryEntity, where, { orderBy: { seq: "desc" }, limit: size + 1 });
    return toPage(rows, size, (r) => [r.seq]);
  }

  /** One emergency access as it now stands (auditors only); null when there is none. */
  async breakGlass(id: string): Promise<BreakGlass | null> {
    this.requireAuditor();
    return isUuid(id) ? this.em.findOne(BreakGlassEntity, id) : null;
  }

  /** Break-glass accesses waiting for review. */
  async pendingBreakGlass(): Promise<BreakGlass[]> {
    this.requireAuditor();
    return this.em.find(BreakGlassEntity, { reviewedAt: null }, { orderBy: { grantedAt: "desc" } });
  }

  /**
   * Reviews an emergency access. END_ACCESS ends it at once (its expiry becomes now: grounds are
   * computed from these rows on every read, so the holder loses the case with this commit), and every
   * other one of the same holder to the same case still running (one not yet reviewed is reviewed by
   * this one; one already reviewed keeps its review and only ends). It may follow an earlier
   * APPROPRIATE review of the same access. An APPROPRIATE review changes nothing of an earlier one.
   * Runs in the caller's transaction `tx`; null when there is no such access.
   */
  async reviewIn(tx: EntityManager, id: string, outcome: BreakGlassOutcomeValue): Promise<BreakGlass | null> {
    this.requireAuditor();
    if (!isUuid(id)) return null;
    // Whose access to which case it is, then that person's accesses to the case held (one review or
    // opening at a time: no deadlock of two reviews ending each other's rows, no access opened unseen),
    // then this one locked and read afresh: of two reviews at once the second sees the first's outcome.
    const [holder] = await tx.execute<{ case_id: string; subject: string }[]>(
      `select case_id, subject from "${SCHEMA}".break_glass where id = ?`,
      [id],
    );
    if (!holder) return null;
    await lockBreakGlassOf(tx, holder.case_id, holder.subject);
    await lockRow(tx, SCHEMA, "break_glass", id);
    const row = await tx.findOne(BreakGlassEntity, id, { refresh: true });
    if (!row) return null;
    // A review is someone else's judgement: the holder of an emergency access never reviews their own.
    if (row.subject === this.identity.sub) throw new ForbiddenError("自分の緊急閲覧は審査できません。別の監査担当者が審査します。");
    const now = new Date();
    if (outcome === "END_ACCESS") {
      // The holder's other emergency accesses to the case still running end with it: ending one of two
      // opened side by side would leave the case open to them (and breakGlass refuses them a new one).
      const running = await tx.find(BreakGlassEntity, { case: row.case, subject: row.subject, expiresAt: { $gt: now } });
      // A running one another review already judged keeps that review (who, when, what): it only ends.
      for (const access of new Set([row, ...running])) {
        if (access.expiresAt > now) access.expiresAt = now;
        if (access !== row && access.reviewedAt) continue;
        access.reviewedAt = now;
        access.reviewedBy = this.identity.sub;
        access.reviewOutcome = outcome;
      }
    } else {
      row.reviewedAt ??= now;
      row.reviewedBy ??= this.identity.sub;
      row.reviewOutcome ??= outcome;
    }
    return row;
  }
}
