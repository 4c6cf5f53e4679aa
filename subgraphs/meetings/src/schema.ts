import { CaseRef } from "./case/case.type.js";
import { CalendarFeedEntity } from "./calendar/calendar-feed.entity.js";
import { CalendarResolver } from "./calendar/calendar.resolver.js";
import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, OutboxEventEntity } from "@marugoto/shared";
import { ActionItemEntity } from "./action-item/action-item.entity.js";
import { ActionItemResolver } from "./action-item/action-item.resolver.js";
import { ActionItemTallyResolver } from "./action-item/tally.resolver.js";
import { AgendaItemEntity } from "./agenda/agenda-item.entity.js";
import { AgendaItemResolver, MeetingMemberResolver } from "./agenda/agenda.resolver.js";
import { BodyMemberEntity, MeetingBodyEntity } from "./body/body.entity.js";
import { bodyReference } from "./body/body.reference.js";
import { BodyMemberResolver, BodyResolver } from "./body/body.resolver.js";
import { CaseMeetingsResolver } from "./case/case.resolver.js";
import { FiscalYearReportRef, MeetingsReportResolver } from "./report/report.resolver.js";
import { DecisionEntity } from "./decision/decision.entity.js";
import { ActionItemEventResolver, AgendaEventResolver, MeetingEventResolver, SubscriptionResolver } from "./events/subscription.resolver.js";
import { IdempotencyKeyEntity } from "./idempotency/idempotency-key.entity.js";
import { MeetingEntity, MeetingMemberEntity } from "./meeting/meeting.entity.js";
import { meetingReference } from "./meeting/meeting.reference.js";
import { MeetingResolver } from "./meeting/meeting.resolver.js";
import { MinutesEntity } from "./minutes/minutes.entity.js";
import { MinutesResolver } from "./minutes/minutes.resolver.js";
import { organizationReference } from "./organization/organization.reference.js";
import { OrganizationMeetingsResolver } from "./organization/organization.resolver.js";
import { TopicEntity } from "./topic/topic.entity.js";
import { TopicResolver } from "./topic/topic.resolver.js";

/** The meetings subgraph's entities, for the ORM. */
export const meetingsEntities = [
  MeetingBodyEntity,
  BodyMemberEntity,
  MeetingEntity,
  MeetingMemberEntity,
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
      BodyResolver,
      BodyMemberResolver,
      OrganizationMeetingsResolver,
      MeetingResolver,
      MeetingMemberResolver,
      AgendaItemResolver,
      ActionItemResolver,
      MinutesResolver,
      CalendarResolver,
      ActionItemTallyResolver,
      TopicResolver,
      SubscriptionResolver,
      AgendaEventResolver,
      MeetingEventResolver,
      ActionItemEventResolver,
      CaseMeetingsResolver,
      MeetingsReportResolver,
    ],
    referenceResolvers: { ...organizationReference, ...bodyReference, ...meetingReference, Case: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      FiscalYearReport: { __resolveReference: (ref: { fiscalYear: number }) => ({ fiscalYear: ref.fiscalYear }) },
    },
  });
}
