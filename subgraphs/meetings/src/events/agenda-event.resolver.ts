import { FieldResolver, Resolver, Root } from "type-graphql";
import { AgendaItemType } from "../agenda/agenda-item.type.js";
import { MeetingType } from "../meeting/meeting.type.js";
import type { ItemView, MeetingView } from "../meeting/meeting.view.js";
import { AgendaEventType } from "./agenda-event.type.js";
import type { AgendaEventRoot } from "./event-root.js";

@Resolver(() => AgendaEventType)
export class AgendaEventResolver {
  @FieldResolver(() => MeetingType, { description: "The meeting right after the change." })
  meeting(@Root() event: AgendaEventRoot): MeetingView {
    return event.meeting;
  }

  @FieldResolver(() => [AgendaItemType], { description: "The whole agenda right after the change, in order." })
  agenda(@Root() event: AgendaEventRoot): ItemView[] {
    return event.agenda;
  }
}
