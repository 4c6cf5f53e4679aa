import { Field, ObjectType } from "type-graphql";
import { CaseType } from "../case/case.type.js";
import { Ground, GroundSourceType } from "./ground-source.type.js";

@ObjectType("SharedCaseEdge", { description: "A case shared with an organisation, with the grounds." })
export class SharedCaseEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => CaseType, { description: "The case." })
  node!: CaseType;
  @Field(() => [Ground], { description: "Why the organisation may see it." })
  grounds!: (keyof typeof Ground)[];
  @Field(() => [GroundSourceType], {
    description: "The records behind `grounds`: which assignment, consent, meeting (and its purpose) disclosed the case.",
  })
  groundSources!: GroundSourceType[];
}
