import { Field, ID, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";

@ObjectType("Placement", { description: "A person's チャレンジ就労 at a site: at most 3 sessions a week, monitored every 3 months." })
export class PlacementType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
  @Field(() => LocalDateResolver, { description: "Started on." })
  startedOn!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Ended on." })
  endedOn?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "Last monitoring." })
  lastMonitoredOn?: string | null;
}
