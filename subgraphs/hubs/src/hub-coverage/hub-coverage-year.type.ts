import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("HubCoverageYear", { description: "Districts with a hub in one fiscal year, against the goal of all 30." })
export class HubCoverageYearType {
  @Field(() => Int, { description: "Fiscal year (April–March)." })
  fiscalYear!: number;
  @Field(() => Int, { description: "Hubs active." })
  hubs!: number;
  @Field(() => Int, { description: "Districts with at least one hub." })
  districtsWithHub!: number;
  @Field(() => Int, { description: "The goal: every district." })
  goal!: number;
  @Field(() => Int, { nullable: true, description: "Hubs as the city's document reports them, for comparison." })
  reportedHubs?: number | null;
  @Field(() => Int, { nullable: true, description: "Districts as the city's document reports them." })
  reportedDistricts?: number | null;
}
