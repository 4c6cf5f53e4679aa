import type { EntityManager } from "@mikro-orm/postgresql";
import {
  decodePageCursor,
  ForbiddenError,
  InputProblems,
  isUuid,
  NotFoundError,
  hasRole,
  optionalText,
  pageSize,
  requirePastDate,
  requireKnownOrganization,
  requireKnownOrgCodes,
  requireOrgCodes,
  requireText,
  ROLES,
  RuleViolation,
  toPage,
  type Identity,
  type Page,
} from "@marugoto/shared";
import { lockBreakGlassOf } from "../access/break-glass.lock.js";
import { BreakGlassEntity, DisclosureEntity, MEETING_DISCLOSURES_LOCK_SQL, MeetingDepartureEntity } from "../access/access.entity.js";
import { multiLayeredKinds } from "../access/access.service.js";
import type { DiscloseToMeetingInput } from "../access/disclosure.input.js";
import { AssignmentEntity, ReferralEntity, type AssignmentRoleValue } from "../assignment/assignment.entity.js";
import type { CaseService, CaseView } from "../case/case.service.js";
import { CaseEntity, type CaseStatusValue } from "../case/case.entity.js";
import type { GroundValue } from "../audit/audit.entity.js";
import { ConsultationEntity } from "../consultation/consultation.entity.js";
import { lockCase } from "../case/case-lock.js";
import { publishCaseEvent, SCHEMA } from "../events/case-events.js";
import { trackShares } from "../events/shared-case-events.js";
import type { MeetingFacts, MeetingLookup } from "../meetings/meetings.client.js";
import { ConsentEntity, INFO_KINDS } from "./consent.entity.js";
import type { RecordConsentInput } from "./consent.input.js";

/** What the meetings subgraph answered about a meeting (null: none the caller may see). */
export interface MeetingAnswer {
  facts: MeetingFacts | null;
}

/** How long an emergency access lasts. */
const BREAK_GLASS_MINUTES = 60;

/** Assignments, referrals, consent, disclosures to meetings and break-glass: who may see a case. */
export class SharingService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly cases: CaseService,
    private readonly meetings: MeetingLookup | null = null,
  ) {}

  async assign(tx: EntityManager, caseId: string, organizationCode: string, role: AssignmentRoleValue): Promise<void> {
    const row = await this.cases.requireAssigned(tx, caseId, true);
    requireKnownOrganization(organizationCode, "organizationCode", "担当組織");
    const current = await tx.find(AssignmentEntity, { case: row, endedAt: null }, { refresh: true });
    if (current.some((a) => a.organizationCode === organizationCode))
      throw new RuleViolation("ALREADY_ASSIGNED", "すでに担当しています。", ["organizationCode"]);
    if (role === "LEAD" && current.some((a) => a.role === "LEAD"))
      throw new RuleViolation("LEAD_EXISTS", "主担当はすでにいます。先に交代してください。", ["role"]);
    const shares = await trackShares(tx, caseId);
    tx.create(AssignmentEntity, { case: row, organizationCode, role, assignedBy: this.identity.sub, endedAt: null });
    await shares.publish();
    await publishCaseEvent(tx, caseId, "ASSIGNMENTS_CHANGED");
  }

  async endAssignment(tx: EntityManager, caseId: string, organizationCode: string): Promise<void> {
    const row = await this.cases.requireAssigned(tx, caseId, true);
    // Every row of the organisation in force is ended: its access ends at once, whatever was written before.
    const current = await tx.find(AssignmentEntity, { case: row, organizationCode, endedAt: null }, { refresh: true });
    if (!current.length) throw new RuleViolation("NOT_ASSIGNED", "担当していない組織です。", ["organizationCode"]);
    if (current.some((a) => a.role === "LEAD"))
      throw new RuleViolation("CANNOT_END_LEAD", "主担当は外せません。先に主担当を交代してください。", ["organizationCode"]);
    const shares = await trackShares(tx, caseId);
    const now = new Date();
    for (const assignment of current) assignment.endedAt = now;
    await shares.publish();
    await publishCaseEvent(tx, caseId, "ASSIGNMENTS_CHANGED");
  }

  async refer(tx: EntityManager, caseId: string, toCode: string, note: string | null | undefined): Promise<string> {
    const row = await this.cases.requireAssigned(tx, caseId);
    const problems = new InputProblems();
    problems.check(() => requireKnownOrganization(toCode, "toCode", "紹介先"));
    if (toCode === this.identity.org) problems.add(new RuleViolation("SELF_REFERRAL", "自組織へは紹介できません。", ["toCode"]));
    const text = problems.check(() => optionalText(note, "note", "紹介の内容", 2000));
    problems.throwIfAny();
    const referral = tx.create(ReferralEntity, {
      case: row,
      fromCode: this.identity.org,
      toCode,
      note: text ?? null,
      status: "SENT",
      declineReason: null,
      respondedAt: null,
    });
    await tx.flush();
    await publishCaseEvent(tx, caseId, "ASSIGNMENTS_CHANGED");
    return referral.id;
  }

  /** The receiving organisation accepts (and is assigned as support) or declines with a reason. */
  async respond(tx: EntityManager, referralId: string, accept: boolean, reason: string | null | undefined): Promise<string> {
    const sent = isUuid(referralId) ? await tx.findOne(ReferralEntity, referralId) : null;
    if (!sent || sent.toCode !== this.identity.org) throw new NotFoundError("紹介", referralId);
    // Two answers at once (one accepting, one declining): the second sees the first's, under the case's lock.
    await lockCase(tx, sent.case.id);
    const referral = (await tx.findOne(ReferralEntity, referralId, { refresh: true }))!;
    if (referral.status !== "SENT") throw new RuleViolation("ALREADY_ANSWERED", "この紹介にはすでに回答しています。");
    if (!accept && !reason?.trim()) throw new RuleViolation("REASON_REQUIRED", "お断りする理由を入力してください。", ["reason"]);
    if (accept) await requireReferralStands(tx, referral);
    const declineReason = accept ? null : requireText(reason!, "reason", "お断りする理由", 2000);
    const shares = await trackShares(tx, referral.case.id);
    referral.status = accept ? "ACCEPTED" : "DECLINED";
    referral.declineReason = declineReason;
    referral.respondedAt = new Date();
    if (accept && !(await tx.findOne(AssignmentEntity, { case: referral.case, organizationCode: this.identity.org, endedAt: null }))) {
      tx.create(AssignmentEntity, {
        case: referral.case,
        organizationCode: this.identity.org,
        role: "SUPPORT",
        assignedBy: this.identity.sub,
        endedAt: null,
      });
    }
    await shares.publish();
    await publishCaseEvent(tx, referral.case.id, "ASSIGNMENTS_CHANGED");
    return referral.case.id;
  }

  async recordConsent(tx: EntityManager, input: RecordConsentInput): Promise<string> {
    const { caseId, organizationCodes, infoKinds, coversMultiLayeredMeeting, givenOn } = input;
    const row = await this.cases.requireAssigned(tx, caseId, true);
    // Every problem of the consent at once; nothing is written while there is one.
    const problems = new InputProblems();
    const orgs = problems.check(() => requireKnownOrgCodes(organizationCodes, "organizationCodes"));
    if (orgs && !orgs.length && !coversMultiLayeredMeeting)
      problems.add(new RuleViolation("CONSENT_EMPTY", "同意の対象となる組織を指定してください。", ["organizationCodes"]));
    const kinds = [...new Set(infoKinds)].filter((k) => INFO_KINDS.includes(k));
    if (!kinds.length) problems.add(new RuleViolation("INFO_KINDS_REQUIRED", "共有してよい情報の種類を指定してください。", ["infoKinds"]));
    // A consent is recorded once given: one dated ahead would grant its grounds before it exists.
    const given = problems.check(() => requirePastDate(givenOn, "givenOn", "同意日"));
    problems.throwIfAny();
    const shares = await trackShares(tx, caseId);
    const consent = tx.create(ConsentEntity, {
      case: row,
      organizationCodes: orgs!,
      infoKinds: kinds,
      coversMultiLayeredMeeting,
      givenOn: given!,
      recordedBy: this.identity.sub,
      withdrawnAt: null,
      withdrawnBy: null,
    });
    await shares.publish();
    await publishCaseEvent(tx, caseId, "CONSENT_CHANGED");
    return consent.id;
  }

  /**
   * Withdrawal takes effect at once, for every path: grounds are computed from these rows on every read.
   * A caller who may not manage the consent's case gets exactly what a random id gets (NOT_FOUND for
   * the consent), so the answer tells nothing about whether the consent exists or which case it is of.
   */
  async withdrawConsent(tx: EntityManager, consentId: string): Promise<string> {
    const found = isUuid(consentId) ? await tx.findOne(ConsentEntity, consentId) : null;
    // Refused at once without the case's lock; then judged again under it, as committed.
    if (!found || !(await this.cases.managesIn(tx, found.case.id))) throw new NotFoundError("同意", consentId);
    if (!(await this.cases.managesIn(tx, found.case.id, true))) throw new NotFoundError("同意", consentId);
    const consent = (await tx.findOne(ConsentEntity, consentId, { refresh: true }))!;
    if (consent.withdrawnAt) throw new RuleViolation("ALREADY_WITHDRAWN", "この同意はすでに撤回されています。");
    const shares = await trackShares(tx, consent.case.id);
    consent.withdrawnAt = new Date();
    consent.withdrawnBy = this.identity.sub;
    await shares.publish();
    await publishCaseEvent(tx, consent.case.id, "CONSENT_CHANGED");
    return consent.case.id;
  }

  /**
   * Discloses a case to a meeting's member organisations, for that meeting's purpose. The meeting is
   * checked with its owner, the meetings subgraph, as the caller: it must exist and be visible to the
   * caller, be a sitting of a body of the disclosure's kind (a 支援会議 disclosure to a 支援会議, a
   * 重層的支援会議 one to a 重層的支援会議; policy bodies — 福祉まるごと会議, working groups — never match),
   * and every organisation disclosed to must be a member of it.
   */
  /**
   * Before a disclosure's transaction opens: the meeting, asked of the meetings subgraph as the caller —
   * only for a caller who manages the case, about an id that can be a meeting; otherwise undefined (and
   * `disclose` asks, if it gets that far). No connection of the pool waits on the network meanwhile.
   */
  async askMeeting({ caseId, meetingId }: Pick<DiscloseToMeetingInput, "caseId" | "meetingId">): Promise<MeetingAnswer | undefined> {
    if (!this.meetings || !isUuid(meetingId) || !isUuid(caseId) || !(await this.cases.groundsOf(caseId))?.manages) return undefined;
    return { facts: await this.meetings.find(meetingId, this.identity) };
  }

  async disclose(
    tx: EntityManager,
    { caseId, kind, meetingId, organizationCodes, purpose }: DiscloseToMeetingInput,
    asked?: MeetingAnswer,
  ): Promise<void> {
    let orgs: string[] = [];
    let text = "";
    // The input and the meeting are checked before the case's lock is taken: no other write on the case
    // waits for the meetings subgraph's answer (asked before the transaction, `askMeeting`).
    const row = await this.cases.requireAssigned(tx, caseId, true, async () => {
      // Every problem of the input itself at once; the rules that depend on the meeting and consents follow.
      const problems = new InputProblems();
      if (!isUuid(meetingId)) problems.add(new RuleViolation("INVALID_MEETING", "会議の指定が正しくありません。", ["meetingId"]));
      const checked = problems.check(() => requireOrgCodes(organizationCodes, "organizationCodes"));
      if (checked && !checked.length)
        problems.add(new RuleViolation("MEMBERS_REQUIRED", "情報を提供する構成員を指定してください。", ["organizationCodes"]));
      const given = problems.check(() => requireText(purpose, "purpose", "目的", 300));
      problems.throwIfAny();
      [orgs, text] = [checked!, given!];
      const facts = await this.requireMeetingFor(meetingId, kind, orgs, asked);
      await refuseDeparted(tx, meetingId, orgs, facts);
    });
    if (kind === "MULTI_LAYERED_SUPPORT_MEETING") {
      const consents = await tx.find(ConsentEntity, { case: row, withdrawnAt: null, coversMultiLayeredMeeting: true }, { refresh: true });
      // The consent must name something the meeting is shown (basic information, assessment or plan).
      if (!multiLayeredKinds(consents).length)
        throw new RuleViolation(
          "CONSENT_REQUIRED",
          "重層的支援会議で扱うには、基本情報・アセスメント・プランのいずれかを含む本人の同意が必要です。",
          ["kind"],
        );
    }
    const shares = await trackShares(tx, caseId);
    tx.create(DisclosureEntity, {
      case: row,
      kind,
      meetingId,
      organizationCodes: orgs,
      purpose: text,
      disclosedBy: this.identity.sub,
      revokedAt: null,
    });
    await shares.publish();
    await publishCaseEvent(tx, caseId, "DISCLOSURE_CHANGED");
  }

  /**
   * The meeting, as its owner (the meetings subgraph) shows it to the caller: it must exist, be a sitting
   * of a body of the disclosure's kind, and have every organisation disclosed to among its members,
   * each having pledged confidentiality for it (as the meeting shows its case items).
   */
  private async requireMeetingFor(
    meetingId: string,
    kind: DiscloseToMeetingInput["kind"],
    orgs: string[],
    asked: MeetingAnswer | undefined,
  ): Promise<MeetingFacts | null> {
    if (!this.meetings) return null;
    const meeting = asked ? asked.facts : await this.meetings.find(meetingId, this.identity);
    if (!meeting) throw new RuleViolation("MEETING_NOT_FOUND", "指定した会議が見つかりません。", ["meetingId"]);
    if (meeting.bodyKind !== kind) {
      throw new RuleViolation(
        "MEETING_KIND_MISMATCH",
        "情報提供の種類と会議の種類が一致しません。個別ケースを提供できるのは支援会議・重層的支援会議だけです。",
        ["kind"],
      );
    }
    // A case is disclosed for a sitting still to be held or under way: not one called off or over, whose
    // members could no longer be changed (nor so the disclosure withdrawn from one leaving).
    if (meeting.status === "CANCELLED" || meeting.status === "CLOSED")
      throw new RuleViolation(
        "MEETING_NOT_OPEN",
        meeting.status === "CANCELLED" ? "中止された会議にはケース情報を提供できません。" : "終了した会議にはケース情報を提供できません。",
        ["meetingId"],
      );
    const outsiders = orgs.filter((o) => !meeting.memberCodes.includes(o));
    if (outsiders.length)
      throw new RuleViolation("NOT_MEETING_MEMBER", `会議の構成員ではない組織には提供できません（${outsiders.join("、")}）。`, [
        "organizationCodes",
      ]);
    // The meeting shows a case item only to members that pledged: the case itself is disclosed to no one else.
    const unpledged = orgs.filter((o) => !meeting.pledgedCodes?.includes(o));
    if (unpledged.length)
      throw new RuleViolation(
        "NOT_PLEDGED",
        `守秘義務の誓約をしていない構成員には提供できません（${unpledged.join("、")}）。誓約の後に提供してください。`,
        ["organizationCodes"],
      );
    return meeting;
  }

  async revokeDisclosure(tx: EntityManager, disclosureId: string): Promise<string> {
    const found = isUuid(disclosureId) ? await tx.findOne(DisclosureEntity, disclosureId) : null;
    // As for consents: no difference between another case's disclosure and a random id.
    if (!found || !(await this.cases.managesIn(tx, found.case.id))) throw new NotFoundError("情報提供", disclosureId);
    if (!(await this.cases.managesIn(tx, found.case.id, true))) throw new NotFoundError("情報提供", disclosureId);
    const disclosure = (await tx.findOne(DisclosureEntity, disclosureId, { refresh: true }))!;
    // Revoked already — by a manager, or by a member's leaving, which made it again for those who stay:
    // said so, so that no one takes a disclosure made again for being revoked.
    if (disclosure.revokedAt)
      throw new RuleViolation(
        "ALREADY_REVOKED",
        "この情報提供はすでに取り消されています。構成員の変更で残る構成員あてに作り直された情報提供があれば、そちらを取り消してください。",
        ["disclosureId"],
      );
    const shares = await trackShares(tx, disclosure.case.id);
    disclosure.revokedAt = new Date();
    await shares.publish();
    await publishCaseEvent(tx, disclosure.case.id, "DISCLOSURE_CHANGED");
    return disclosure.case.id;
  }

  /**
   * Before an organisation leaves a case meeting, or a case meeting is called off: the meeting asked of
   * the meetings subgraph as the caller, who must chair it (the members of a 支援会議 are chosen by the
   * chair). Undefined when it cannot be asked (no meetings subgraph configured): the withdrawal then refuses.
   */
  async askMeetingToLeave(meetingId: string): Promise<MeetingAnswer | undefined> {
    if (!this.meetings || !isUuid(meetingId)) return undefined;
    return { facts: await this.meetings.find(meetingId, this.identity) };
  }

  /**
   * An organisation leaves a case meeting: what the meeting was disclosed is no longer shown to it.
   * Each disclosure of the meeting naming it is revoked and, for the organisations that stay, made
   * again as it was (same purpose, by whom and when), so the record keeps who was shown what until
   * when. Each organisation that no longer sees a case hears CASE_UNSHARED. Answers how many were withdrawn.
   */
  async withdrawFromMeeting(tx: EntityManager, meetingId: string, organizationCode: string, asked?: MeetingAnswer): Promise<number> {
    this.requireChair(asked, meetingId);
    await tx.execute(MEETING_DISCLOSURES_LOCK_SQL, [meetingId]);
    tx.create(MeetingDepartureEntity, { meetingId, organizationCode, recordedBy: this.identity.sub });
    return this.revokeMeetingDisclosures(tx, meetingId, (codes) =>
      codes.includes(organizationCode) ? codes.filter((c) => c !== organizationCode) : null,
    );
  }

  /**
   * A case meeting called off (中止) never meets: what it was disclosed has no purpose left, and no
   * member sees it any more. Asked by the meetings subgraph as the chair before it calls the meeting
   * off (the meeting still to be held: nothing is recorded but the revocations, so a call-off that
   * then fails leaves the meeting open to be disclosed to again) and once more after (the meeting
   * called off: every member's departure is recorded too, so a disclosure checked against the meeting
   * before it was called off is refused, as for a member that left). Every disclosure of the meeting is
   * revoked, none made again; each organisation that no longer sees a case hears CASE_UNSHARED.
   */
  async withdrawFromCalledOffMeeting(tx: EntityManager, meetingId: string, asked?: MeetingAnswer): Promise<number> {
    const facts = this.requireChair(asked, meetingId);
    if (facts.status !== "SCHEDULED" && facts.status !== "CANCELLED")
      throw new RuleViolation("MEETING_OPENED", "開会した会議は中止できないため、情報提供は取り消しません。", ["meetingId"]);
    await tx.execute(MEETING_DISCLOSURES_LOCK_SQL, [meetingId]);
    if (facts.status === "CANCELLED")
      for (const organizationCode of facts.memberCodes)
        tx.create(MeetingDepartureEntity, { meetingId, organizationCode, recordedBy: this.identity.sub });
    return this.revokeMeetingDisclosures(tx, meetingId, () => []);
  }

  /** The meeting, as the meetings subgraph showed it to the caller, who must chair it (the chair chooses a 支援会議's members). */
  private requireChair(asked: MeetingAnswer | undefined, meetingId: string): MeetingFacts {
    const facts = asked?.facts;
    if (!facts) throw new NotFoundError("会議", meetingId);
    if (facts.chairCode !== this.identity.org || !hasRole(this.identity, ROLES.chair))
      throw new ForbiddenError("会議への情報提供を取り消せるのは、その会議の議長だけです。");
    return facts;
  }

  /**
   * Revokes the meeting's disclosures that `staying` touches (null: left as it is), each made again
   * for the organisations `staying` keeps, if any. Called under the meeting's lock; the cases concerned
   * are locked in id order (two such calls never wait on each other crosswise) before anything is
   * written or published: the outbox's lock, taken by a publish, is always the last. Answers how many
   * were revoked.
   */
  private async revokeMeetingDisclosures(
    tx: EntityManager,
    meetingId: string,
    staying: (codes: string[]) => string[] | null,
  ): Promise<number> {
    const found = (await tx.find(DisclosureEntity, { meetingId, revokedAt: null }, { refresh: true })).filter(
      (d) => staying(d.organizationCodes) !== null,
    );
    const caseIds = [...new Set(found.map((d) => d.case.id))].sort();
    for (const caseId of caseIds) await lockCase(tx, caseId);
    // Read again under the cases' locks: one a manager revoked meanwhile is neither revoked again nor
    // made again for those who stay (that would bring back what the manager took away).
    const touched = found.length
      ? await tx.find(DisclosureEntity, { id: { $in: found.map((d) => d.id) }, revokedAt: null }, { refresh: true })
      : [];
    const shares = new Map<string, Awaited<ReturnType<typeof trackShares>>>();
    for (const caseId of caseIds) shares.set(caseId, await trackShares(tx, caseId));
    for (const d of touched) {
      d.revokedAt = new Date();
      const kept = staying(d.organizationCodes) ?? [];
      if (!kept.length) continue;
      const { kind, purpose, disclosedBy, disclosedAt } = d;
      tx.create(DisclosureEntity, {
        case: d.case,
        kind,
        meetingId,
        organizationCodes: kept,
        purpose,
        disclosedBy,
        disclosedAt,
        revokedAt: null,
      });
    }
    await tx.flush();
    for (const [caseId, tracked] of shares) {
      await tracked.publish();
      await publishCaseEvent(tx, caseId, "DISCLOSURE_CHANGED");
    }
    return touched.length;
  }

  /**
   * Emergency access for the caller alone: a reason, a time limit, and a flag for review. Allowed only
   * to a person whose organisation already touches the case (DOMAIN.md: assigned now or before, took a
   * consultation, sent or received a referral, named by a consent or by a disclosure to a meeting,
   * withdrawn or revoked ones included), or who holds the designated `emergency` role. Anyone else gets
   * BREAK_GLASS_NOT_ALLOWED, whether the case exists or not (no existence oracle). A person whose
   * emergency access to the case a review ended (END_ACCESS) gets BREAK_GLASS_ENDED.
   */
  async breakGlass(tx: EntityManager, caseId: string, reason: string): Promise<void> {
    const text = requireText(reason, "reason", "理由", 2000);
    if (text.length < 10)
      throw new RuleViolation("REASON_TOO_SHORT", "緊急閲覧の理由を具体的に（10文字以上）入力してください。", ["reason"]);
    const designated = hasRole(this.identity, ROLES.emergency);
    if (!designated && !(isUuid(caseId) && (await this.touches(tx, caseId)))) {
      throw new RuleViolation(
        "BREAK_GLASS_NOT_ALLOWED",
        "緊急閲覧は、このケースに関わりのある組織（担当・相談受付・紹介・同意・会議への情報提供）の職員か、緊急対応担当の役割を持つ人だけが行えます。",
        ["caseId"],
      );
    }
    if (!isUuid(caseId) || !(await tx.count(CaseEntity, { id: caseId }))) throw new NotFoundError("ケース", caseId);
    // A review that ended this person's emergency access to the case stands: not undone by asking again
    // (nor by asking while the review is under way: it is waited for).
    await lockBreakGlassOf(tx, caseId, this.identity.sub);
    if (await tx.count(BreakGlassEntity, { case: caseId, subject: this.identity.sub, reviewOutcome: "END_ACCESS" }))
      throw new RuleViolation(
        "BREAK_GLASS_ENDED",
        "このケースへのあなたの緊急閲覧は、監査担当の審査で終了されています。再び閲覧するには、担当・同意・会議への情報提供など、緊急閲覧以外の根拠が必要です。",
        ["caseId"],
      );
    tx.create(BreakGlassEntity, {
      case: caseId,
      subject: this.identity.sub,
      organizationCode: this.identity.org,
      reason: text,
      expiresAt: new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000),
      reviewedAt: null,
      reviewedBy: null,
    });
  }

  /** Whether the caller's organisation already has a relationship with the case (any state, past included). */
  private async touches(tx: EntityManager, caseId: string): Promise<boolean> {
    const org = this.identity.org;
    const counts = await Promise.all([
      tx.count(AssignmentEntity, { case: caseId, organizationCode: org }),
      tx.count(ConsultationEntity, { case: caseId, receivedByCode: org }),
      tx.count(ReferralEntity, { case: caseId, $or: [{ toCode: org }, { fromCode: org }] }),
      tx.count(ConsentEntity, { case: caseId, organizationCodes: { $contains: [org] } }),
      tx.count(DisclosureEntity, { case: caseId, organizationCodes: { $contains: [org] } }),
    ]);
    return counts.some((n) => n > 0);
  }

  /**
   * The liaison's view: cases shared with the caller's own organisation, on any ground but
   * break-glass (which is personal), in the order the cases were opened (case ids are UUIDv7; a case
   * shared later takes its place among them, and `sharedCasesChanged` tells of it). Only one's own organisation.
   * Candidates come from the ground tables; each is then checked by the sharing engine itself (a
   * 重層的支援会議 disclosure without a covering consent is no ground), unaudited, so that filters and
   * `totalCount` count only cases really shared. Only the page's cases are read, and audited.
   */
  async sharedWith(
    code: string,
    filter: SharedCaseFilter = {},
    first?: number | null,
    after?: string | null,
  ): Promise<Page<CaseView> & { totalCount: number; eventSeq: number }> {
    if (code !== this.identity.org) throw new ForbiddenError("共有ケースは自組織の分だけ見られます。");
    const size = pageSize(first, 500);
    const wanted = filter.grounds?.length ? new Set<GroundValue>(filter.grounds.filter((g) => g !== "BREAK_GLASS")) : null;
    const want = (g: GroundValue) => !wanted || wanted.has(g);
    const disclosureKinds = (["SUPPORT_MEETING", "MULTI_LAYERED_SUPPORT_MEETING"] as const).filter((k) => want(k));
    // The event position and the candidates in one statement, so from one snapshot: a share committed
    // after it is an event after `eventSeq`, replayed by `sharedCasesChanged(after:)`, never lost.
    const [row] = await this.em.execute<{ seq: string | null; ids: string[] }[]>(SHARED_CANDIDATES_SQL, [
      want("ASSIGNMENT"),
      code,
      want("CONSENT"),
      code,
      `{${disclosureKinds.join(",")}}`,
      code,
    ]);
    const eventSeq = Number(row?.seq ?? 0);
    let ids = [...(row?.ids ?? [])].sort();
    if (filter.statuses?.length && ids.length) {
      // Status is part of a case's header, which any ground discloses.
      const rows = await this.em.find(CaseEntity, { id: { $in: ids }, status: { $in: filter.statuses } }, { fields: ["id"] });
      const keep = new Set(rows.map((r) => r.id));
      ids = ids.filter((id) => keep.has(id));
    }
    const grounds = await Promise.all(ids.map((id) => this.cases.groundsOf(id)));
    const shared = ids.filter((_, i) => grounds[i]?.grounds.some((g) => g !== "BREAK_GLASS" && want(g)));
    const key = decodePageCursor(after, ["uuid"]);
    const rest = shared.filter((id) => !key || id > String(key[0]));
    // Only the cases returned are read (and audited): the next page's first is known from its id alone.
    const views = await this.cases.readMany(rest.slice(0, size), "sharedCases");
    const page = toPage(views, size, (v) => [v.row.id]);
    return { ...page, pageInfo: { ...page.pageInfo, hasNextPage: rest.length > size }, totalCount: shared.length, eventSeq };
  }
}

/**
 * Under the meeting's disclosure lock (taken here, before the case's): an organisation that left the
 * meeting (a departure recorded after it was last invited, as the meetings subgraph answered) is not
 * disclosed to — the meeting was asked before the removal was done, and still named it.
 */
async function refuseDeparted(tx: EntityManager, meetingId: string, orgs: string[], facts: MeetingFacts | null): Promise<void> {
  await tx.execute(MEETING_DISCLOSURES_LOCK_SQL, [meetingId]);
  if (!facts) return;
  const departures = await tx.find(MeetingDepartureEntity, { meetingId, organizationCode: { $in: orgs } });
  const left = orgs.filter((org) => {
    const joined = facts.joinedAt?.[org];
    return departures.some((d) => d.organizationCode === org && (!joined || d.departedAt > new Date(joined)));
  });
  if (left.length)
    throw new RuleViolation("NOT_MEETING_MEMBER", `会議の構成員ではない組織には提供できません（${left.join("、")}）。`, [
      "organizationCodes",
    ]);
}

/**
 * An acceptance assigns the receiving organisation, so the referral must still stand when it is
 * accepted: the case not closed, and its sender still assigned to it — an organisation whose own
 * assignment ended (or that never had one again) cannot hand the case on through an old referral.
 * Read under the case's lock, as the acceptance itself.
 */
async function requireReferralStands(tx: EntityManager, referral: { case: { id: string }; fromCode: string }): Promise<void> {
  const row = await tx.findOneOrFail(CaseEntity, referral.case.id, { refresh: true });
  if (row.status === "CLOSED") throw new RuleViolation("CASE_CLOSED", "終結したケースの紹介は受けられません。");
  const sender = await tx.findOne(AssignmentEntity, { case: row, organizationCode: referral.fromCode, endedAt: null }, { refresh: true });
  if (!sender)
    throw new RuleViolation(
      "REFERRAL_LAPSED",
      "紹介元がこのケースの担当ではなくなったため、この紹介は受けられません。お断りしてください。",
    );
}

/**
 * The liaison list's candidates: cases holding a current assignment of the organisation, a consent
 * not withdrawn naming it, or a disclosure to a meeting not revoked naming it (each kind only when
 * the filter wants it), with the event position of the same snapshot. Each is then checked by the
 * sharing engine itself.
 */
const SHARED_CANDIDATES_SQL = `
  select (select max(seq) from "${SCHEMA}".outbox_event) as seq, array(
    select case_id from "${SCHEMA}".assignment where ? and organization_code = ? and ended_at is null
    union
    select case_id from "${SCHEMA}".consent where ? and withdrawn_at is null and organization_codes @> jsonb_build_array(?::text)
    union
    select case_id from "${SCHEMA}".disclosure
      where revoked_at is null and kind = any(?::text[]) and organization_codes @> jsonb_build_array(?::text)
  )::text[] as ids`;

/** Filters of `Organization.sharedCases`. */
export interface SharedCaseFilter {
  statuses?: CaseStatusValue[] | null;
  /** Cases holding at least one of these grounds (break-glass is personal and never lists a case). */
  grounds?: GroundValue[] | null;
}
