import { Field, ID, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { PersonInput } from "../person/person.input.js";
import { ConsentAnswer, ProblemArea, SourceKind } from "./consultation.type.js";

@InputType("ReceiveConsultationInput", { description: "A consultation received (相談受付): opens a case, or joins `caseId`." })
export class ReceiveConsultationInput {
  @Field(() => ID, { nullable: true, description: "An existing case the caller's organisation is assigned to." })
  caseId?: string | null;
  @Field(() => PersonInput, { nullable: true, description: "The main person, for a new case." })
  person?: PersonInput | null;
  @Field(() => LocalDateResolver, { description: "Date received." })
  receivedOn!: string;
  @Field(() => String, { description: "Who took it." })
  takenBy!: string;
  @Field(() => SourceKind, { description: "Where it came from." })
  sourceKind!: keyof typeof SourceKind;
  @Field(() => ID, { nullable: true, description: "For a consultation passed on by a hub: the hub's id." })
  sourceHubId?: string | null;
  @Field(() => String, { nullable: true, description: "Who came." })
  visitor?: string | null;
  @Field(() => String, { nullable: true, description: "Their relation to the person." })
  visitorRelation?: string | null;
  @Field(() => [ProblemArea], { description: "Problem areas (checklist)." })
  problemAreas!: (keyof typeof ProblemArea)[];
  @Field(() => ProblemArea, { description: "The main area; one of `problemAreas`." })
  mainProblemArea!: keyof typeof ProblemArea;
  @Field(() => String, { nullable: true, description: "What was said." })
  narrative?: string | null;
  @Field(() => ConsentAnswer, { description: "The person's answer to sharing." })
  consentAnswer!: keyof typeof ConsentAnswer;
}
