import { FieldResolver, Resolver, Root } from "type-graphql";
import { MeetingType } from "../meeting/meeting.type.js";
import type { MeetingView } from "../meeting/meeting.view.js";
import type { MeetingEventRoot } from "./event-root.js";
import { MeetingEventType } from "./meeting-event.type.js";

@Resolver(() => MeetingEventType)
export class MeetingEventResolver {
  @FieldResolver(() => MeetingType, { nullable: true, description: "The meeting right after the change; null only for `CAUGHT_UP`." })
  meeting(@Root() event: MeetingEventRoot): MeetingView | null {
    return event.meeting;
  }
}
