import { Field, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { HUB_EVENT_KINDS } from "./hub-events.js";

export const HubEventKind = enumFrom([...HUB_EVENT_KINDS, "CAUGHT_UP"] as const);
registerEnumType(HubEventKind, {
  name: "HubEventKind",
  description: "What happened at a hub.",
  valuesConfig: {
    ACTIVITY_RECORDED: { description: "A session (サロン, 相談日, …) was recorded." },
    WORRY_RECORDED: { description: "A worry heard at the hub was recorded (no person named)." },
    WORRY_RESOLVED: { description: "A recorded worry was passed on or settled." },
    HUB_OPENED: { description: "A hub was opened in the district (`openHub`)." },
    HUB_STATUS_CHANGED: { description: "The hub was paused (休止), resumed (再開) or closed (廃止): read `hub { status statusChanges }`." },
    CAUGHT_UP: { description: "The end of a replay (with `markCaughtUp`): its cursor only; what follows is live." },
  },
});

@ObjectType("HubEvent", { description: "Something recorded at a hub." })
export class HubEventType {
  @Field(() => String, { description: "Resume point for `after`." })
  cursor!: string;
  @Field(() => HubEventKind, { description: "What happened." })
  kind!: keyof typeof HubEventKind;
  @Field(() => Date, { description: "When." })
  occurredAt!: Date;
}
