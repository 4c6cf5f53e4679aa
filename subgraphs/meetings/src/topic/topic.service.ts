import type { EntityManager } from "@mikro-orm/postgresql";
import {
  ForbiddenError,
  hasRole,
  ROLES,
  InputProblems,
  isUuid,
  labelOf,
  lockRow,
  NotFoundError,
  refuseIdentifyingDetails,
  requireText,
  RuleViolation,
  tokyoDate,
  TOPIC_STATUS_LABELS,
  type Identity,
} from "@marugoto/shared";
import { SCHEMA } from "../events/meeting-events.js";
import { BodyMemberEntity, HANDLES_INDIVIDUAL_CASES, MeetingBodyEntity } from "../body/body.entity.js";
import type { MeetingService } from "../meeting/meeting.service.js";
import { TopicEntity, type Topic, type TopicStatusValue } from "./topic.entity.js";

export interface RaiseTopicInput {
  meetingId: string;
  targetBodyCode: string;
  title: string;
  description: string;
  category: string;
}

const POLICY_TARGETS = new Set(["MARUGOTO_COUNCIL", "MARUGOTO_WORKING_GROUP"]);

/** Where a topic may go from each status: 採用 is final; a topic 見送り may be taken up again. */
const TOPIC_MOVES: Record<TopicStatusValue, readonly TopicStatusValue[]> = {
  RAISED: ["UNDER_DISCUSSION", "DECLINED"],
  UNDER_DISCUSSION: ["ADOPTED", "DECLINED"],
  ADOPTED: [],
  DECLINED: ["UNDER_DISCUSSION"],
};

/**
 * De-identified topics (検討課題): how a need seen in individual cases reaches policy bodies
 * without the case. The input has no field for a case or a person, and the table no column.
 */
export class TopicService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly meetings: MeetingService,
  ) {}

  list(targetBodyCode?: string | null): Promise<Topic[]> {
    return this.em.find(TopicEntity, targetBodyCode ? { targetBody: { code: targetBodyCode } } : {}, {
      orderBy: { createdAt: "desc" },
      populate: ["targetBody"],
    });
  }

  byId(id: string): Promise<Topic | null> {
    return isUuid(id) ? this.em.findOne(TopicEntity, id) : Promise.resolve(null);
  }

  async raise(tx: EntityManager, input: RaiseTopicInput): Promise<Topic> {
    const meeting = await this.meetings.requireEditable(input.meetingId, tx);
    if (!HANDLES_INDIVIDUAL_CASES[meeting.bodyKind]) {
      throw new RuleViolation("TOPIC_ORIGIN_NOT_CASE_MEETING", "検討課題を提起できるのは個別ケースを扱う会議からです。", ["meetingId"]);
    }
    // Every problem of the input at once (a form marks each field); nothing is written.
    const problems = new InputProblems();
    const target = await tx.findOne(MeetingBodyEntity, { code: input.targetBodyCode });
    if (!target || !POLICY_TARGETS.has(target.kind)) {
      problems.add(
        new RuleViolation("TOPIC_TARGET_INVALID", "提起先は福祉まるごと会議またはワーキンググループにしてください。", ["targetBodyCode"]),
      );
    }
    // A topic leaves the circle that may know the person: it must not identify anyone (DOMAIN).
    const text = (value: string, field: string, label: string, max: number) =>
      problems.check(() => {
        const checked = requireText(value, field, label, max);
        refuseIdentifyingDetails(checked, field, label);
        return checked;
      });
    const title = text(input.title, "title", "課題名", 200);
    const description = text(input.description, "description", "内容", 4000);
    const category = text(input.category, "category", "分類", 100);
    problems.throwIfAny();
    return tx.create(TopicEntity, {
      title: title!,
      description: description!,
      category: category!,
      status: "RAISED",
      originKind: meeting.bodyKind,
      raisedOn: tokyoDate(),
      targetBody: target!,
    });
  }

  /**
   * The target body's chair or secretariat moves a topic along one of `TOPIC_MOVES`. The topic's row is
   * locked and read afresh first, so of two editors moving it at once the second is judged against the
   * first one's status (one 採用, the other's 見送り refused), not against what both read before.
   * Asking for the status it already has changes nothing.
   */
  async updateStatus(tx: EntityManager, id: string, status: TopicStatusValue): Promise<Topic> {
    if (isUuid(id)) await lockRow(tx, SCHEMA, "topic", id);
    const topic = isUuid(id) ? await tx.findOne(TopicEntity, id, { populate: ["targetBody"], refresh: true }) : null;
    if (!topic) throw new NotFoundError("検討課題", id);
    const seat = await tx.findOne(BodyMemberEntity, { body: topic.targetBody, organizationCode: this.identity.org });
    const organiser = seat && seat.role !== "MEMBER" && (hasRole(this.identity, ROLES.chair) || hasRole(this.identity, ROLES.secretary));
    if (!organiser) throw new ForbiddenError("検討課題の状況を変更できるのは提起先の議長または事務局だけです。");
    if (topic.status === status) return topic;
    if (!TOPIC_MOVES[topic.status as TopicStatusValue].includes(status)) {
      const [from, to] = [labelOf(TOPIC_STATUS_LABELS, topic.status), labelOf(TOPIC_STATUS_LABELS, status)];
      throw new RuleViolation("TOPIC_STATUS_TRANSITION_INVALID", `検討課題は「${from}」から「${to}」へは変更できません。`, ["status"]);
    }
    topic.status = status;
    return topic;
  }
}
