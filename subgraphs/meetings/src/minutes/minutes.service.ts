import type DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { fileLink, ForbiddenError, loaderByKey, refusedLink, RuleViolation, type FileLinkPayload, type Identity } from "@marugoto/shared";
import { HANDLES_INDIVIDUAL_CASES } from "../body/body.entity.js";
import { screenPolicyText } from "../body/policy-text.js";
import { publishAgendaEvent } from "../events/meeting-events.js";
import type { MeetingService } from "../meeting/meeting.service.js";
import { maySeeMinutes, type MeetingView } from "../meeting/meeting.view.js";
import { InputProblems, requireDate, requireText } from "@marugoto/shared";
import { MinutesEntity, type Minutes } from "./minutes.entity.js";

/** Minutes (議事録): drafted by the chair or secretary, approved by the chair, then locked. */
/** The revision the caller read (0: no draft yet), or MINUTES_CHANGED; no expectation, no check. */
function requireRevision(minutes: Minutes | null, expected: number | null | undefined, message: string): void {
  if (expected === undefined || expected === null) return;
  if ((minutes?.revision ?? 0) !== expected) throw new RuleViolation("MINUTES_CHANGED", message, ["expectedRevision"]);
}

export class MinutesService {
  private readonly ofMeeting: DataLoader<string, Minutes | null>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly meetings: MeetingService,
  ) {
    this.ofMeeting = loaderByKey(
      (ids) => this.em.find(MinutesEntity, { meeting: { $in: ids } }),
      (r) => r.meeting.id,
    );
  }

  /** The minutes if the caller may read them (`maySeeMinutes`), whichever path led here. */
  async forMeeting(meeting: MeetingView): Promise<Minutes | null> {
    return maySeeMinutes(meeting, this.identity) ? this.ofMeeting.load(meeting.id) : null;
  }

  /** The minutes of a meeting, if the caller may see the meeting and read them. */
  async forMeetingId(meetingId: string): Promise<Minutes | null> {
    const meeting = await this.meetings.visible(meetingId);
    return meeting && this.forMeeting(meeting);
  }

  /**
   * A download link for the minutes as a PDF, for the caller alone, or why there is none: the file
   * shows what the caller may read in the graph, no more.
   */
  async fileLink(meetingId: string, identitySecret: string): Promise<FileLinkPayload> {
    const meeting = await this.meetings.visible(meetingId);
    if (!meeting) return refusedLink("NOT_FOUND", "会議が見つかりません。", ["meetingId"]);
    if (!maySeeMinutes(meeting, this.identity)) {
      return refusedLink("PLEDGE_REQUIRED", "個別ケースを扱う会議の議事録は、守秘義務の誓約をした構成員だけが受け取れます。", [
        "meetingId",
      ]);
    }
    if (!(await this.forMeeting(meeting))) return refusedLink("NO_MINUTES", "この会議の議事録はまだ作成されていません。", ["meetingId"]);
    return fileLink(
      this.identity,
      { kind: "minutes", meetingId: meeting.id },
      identitySecret,
      `議事録_${meeting.id}.pdf`,
      "application/pdf",
    );
  }

  /** Writing minutes one may not read would be writing blind (and approving would show them). */
  private requireReader(meeting: MeetingView): void {
    if (!maySeeMinutes(meeting, this.identity)) {
      throw new RuleViolation(
        "PLEDGE_REQUIRED",
        "個別ケースを扱う会議の議事録は、守秘義務の誓約をした構成員だけが扱えます。先に誓約を記録してください。",
        ["meetingId"],
      );
    }
  }

  async draft(
    tx: EntityManager,
    meetingId: string,
    content: string,
    nextReviewDate?: string | null,
    expectedRevision?: number | null,
  ): Promise<Minutes> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    this.requireReader(meeting);
    const problems = new InputProblems();
    const text = problems.check(() => requireText(content, "content", "議事録", 100_000))!;
    screenPolicyText(meeting.bodyKind, problems, text, "content", "議事録");
    if (nextReviewDate && !HANDLES_INDIVIDUAL_CASES[meeting.bodyKind]) {
      problems.add(
        new RuleViolation("NEXT_REVIEW_NOT_APPLICABLE", "次回評価日は個別ケースを扱う会議の議事録にだけ記録できます。", ["nextReviewDate"]),
      );
    }
    const review = nextReviewDate ? (problems.check(() => requireDate(nextReviewDate, "nextReviewDate", "次回評価日")) ?? null) : null;
    problems.throwIfAny();
    let minutes = await tx.findOne(MinutesEntity, { meeting: meetingId }, { refresh: true });
    if (minutes?.status === "APPROVED") throw new RuleViolation("MINUTES_LOCKED", "承認済みの議事録は変更できません。");
    requireRevision(minutes, expectedRevision, "議事録は、ほかの方がこの間に保存しました。最新の内容を読み込んでから保存してください。");
    if (minutes) {
      minutes.revision += 1;
      minutes.content = text;
      minutes.nextReviewDate = review;
      minutes.draftedBy = this.identity.sub;
    } else {
      minutes = tx.create(MinutesEntity, {
        meeting: meetingId,
        content: text,
        status: "DRAFT",
        nextReviewDate: review,
        draftedBy: this.identity.sub,
        approvedAt: null,
        approvedBy: null,
        approvedByOrganizationCode: null,
      });
    }
    // The event says only that the minutes changed; each member reads them as `maySeeMinutes` allows.
    await publishAgendaEvent(tx, meetingId, "MINUTES_DRAFTED");
    return minutes;
  }

  async approve(tx: EntityManager, meetingId: string, expectedRevision?: number | null): Promise<Minutes> {
    const meeting = await this.meetings.requireEditable(meetingId, tx);
    this.requireReader(meeting);
    if (meeting.members.find((m) => m.organizationCode === this.identity.org)?.role !== "CHAIR") {
      throw new ForbiddenError("議事録を承認できるのは議長だけです。");
    }
    // Minutes record a sitting that has ended: approved only once the meeting is closed (閉会).
    if (meeting.status !== "CLOSED") throw new RuleViolation("MEETING_NOT_CLOSED", "議事録は、会議の閉会後に承認できます。");
    const minutes = await tx.findOne(MinutesEntity, { meeting: meetingId }, { refresh: true });
    if (!minutes) throw new RuleViolation("MINUTES_MISSING", "議事録の下書きがありません。");
    if (minutes.status === "APPROVED") throw new RuleViolation("MINUTES_LOCKED", "議事録はすでに承認されています。");
    // The chair approves the text they read, not one a secretary saved a moment before.
    requireRevision(minutes, expectedRevision, "議事録は、ほかの方がこの間に更新しました。最新の内容を確かめてから承認してください。");
    minutes.status = "APPROVED";
    minutes.approvedAt = new Date();
    minutes.approvedBy = this.identity.sub;
    minutes.approvedByOrganizationCode = this.identity.org;
    await publishAgendaEvent(tx, meetingId, "MINUTES_APPROVED");
    return minutes;
  }
}
