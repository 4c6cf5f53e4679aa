import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, OutboxEventEntity } from "@marugoto/shared";
// Resolvers register their root fields as their modules load: this order is the order of the
// fields of Query, Mutation and Subscription in the SDL (and so of the types reached from them).
import { CalendarFeedResolver } from "./calendar/calendar-feed.resolver.js";
import { ActionItemResolver } from "./action-item/action-item.resolver.js";
import { ActionItemTallyResolver } from "./action-item/action-item-tally.resolver.js";
import { MeetingResolver } from "./meeting/meeting.resolver.js";
import { MeetingMemberResolver } from "./meeting/meeting-member.resolver.js";
import { AgendaItemResolver } from "./agenda/agenda-item.resolver.js";
import { DecisionResolver } from "./decision/decision.resolver.js";
import { MeetingBodyResolver } from "./body/meeting-body.resolver.js";
import { BodyMemberResolver } from "./body/body-member.resolver.js";
import { CaseResolver } from "./case/case.resolver.js";
import { FiscalYearReportResolver } from "./report/fiscal-year-report.resolver.js";
import { SubscriptionResolver } from "./events/subscription.resolver.js";
import { AgendaEventResolver } from "./events/agenda-event.resolver.js";
import { MeetingEventResolver } from "./events/meeting-event.resolver.js";
import { ActionItemEventResolver } from "./events/action-item-event.resolver.js";
import { MinutesResolver } from "./minutes/minutes.resolver.js";
import { OrganizationResolver } from "./organization/organization.resolver.js";
import { TopicResolver } from "./topic/topic.resolver.js";
import { MeetingsDataResolver } from "./changes/meetings-data.resolver.js";
import { CaseRef } from "./case/case.type.js";
import { FiscalYearReportRef } from "./report/fiscal-year-report.type.js";
import { bodyReference } from "./body/body.reference.js";
import { meetingReference } from "./meeting/meeting.reference.js";
import { organizationReference } from "./organization/organization.reference.js";
import { ActionItemEntity } from "./action-item/action-item.entity.js";
import { AgendaItemEntity } from "./agenda/agenda-item.entity.js";
import { BodyMemberEntity, MeetingBodyEntity } from "./body/body.entity.js";
import { CalendarFeedEntity } from "./calendar/calendar-feed.entity.js";
import { DecisionEntity } from "./decision/decision.entity.js";
import { IdempotencyKeyEntity } from "./idempotency/idempotency-key.entity.js";
import { ConfidentialityPledgeEntity, MeetingEntity, MeetingMemberEntity } from "./meeting/meeting.entity.js";
import { MinutesEntity } from "./minutes/minutes.entity.js";
import { TopicEntity } from "./topic/topic.entity.js";

/** The meetings subgraph's entities, for the ORM. */
export const meetingsEntities = [
  MeetingBodyEntity,
  BodyMemberEntity,
  MeetingEntity,
  MeetingMemberEntity,
  ConfidentialityPledgeEntity,
  AgendaItemEntity,
  DecisionEntity,
  ActionItemEntity,
  MinutesEntity,
  TopicEntity,
  IdempotencyKeyEntity,
  CalendarFeedEntity,
  OutboxEventEntity,
];

/** The meetings subgraph's schema: used by the server, by `npm run compose` and by tests. */
export function buildMeetingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Extended here, returned by the hubs subgraph: nothing of ours returns it, so name it.
    // Case: extended here (meetings, action items), returned by the cases subgraph only.
    orphanedTypes: [FiscalYearReportRef, CaseRef],
    resolvers: [
      MeetingBodyResolver,
      BodyMemberResolver,
      OrganizationResolver,
      MeetingResolver,
      MeetingMemberResolver,
      AgendaItemResolver,
      DecisionResolver,
      ActionItemResolver,
      MinutesResolver,
      CalendarFeedResolver,
      ActionItemTallyResolver,
      TopicResolver,
      SubscriptionResolver,
      AgendaEventResolver,
      MeetingEventResolver,
      ActionItemEventResolver,
      MeetingsDataResolver,
      CaseResolver,
      FiscalYearReportResolver,
    ],
    referenceResolvers: {
      ...organizationReference,
      ...bodyReference,
      ...meetingReference,
      Case: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      FiscalYearReport: { __resolveReference: (ref: { fiscalYear: number }) => ({ fiscalYear: ref.fiscalYear }) },
    },
  });
}
