import { Field, ObjectType } from "type-graphql";
import { Count } from "@marugoto/shared";

@ObjectType("DistrictFigures", { description: "One district's hub figures in a fiscal year." })
export class DistrictFiguresType {
  @Field(() => Count, { description: "Hubs active." })
  hubs!: Count;
  @Field(() => Count, { description: "Sessions held." })
  hubSessions!: Count;
  @Field(() => Count, { description: "Participants, summed over sessions." })
  hubParticipants!: Count;
  @Field(() => Count, {
    description:
      'Worries heard. Small ones, and enough others that none can be worked out from the city total, are withheld from callers not entitled: each shows "—".',
  })
  worriesHeard!: Count;
  @Field(() => Count, { description: 'Worries passed on to an organisation; withheld as worries heard are ("—").' })
  worriesPassedOn!: Count;
}
