import { Field, ID, ObjectType } from "type-graphql";
import { Ground } from "../consent/ground-source.type.js";

@ObjectType("AuditEntry", { description: "One read of case data (閲覧記録)." })
export class AuditEntryType {
  @Field(() => Date, { description: "When." })
  at!: Date;
  @Field(() => String, { description: "Who (token subject)." })
  subject!: string;
  @Field(() => String, { description: "Their organisation's code." })
  organizationCode!: string;
  @Field(() => ID, { description: "Which case." })
  caseId!: string;
  @Field(() => Ground, { description: "On which ground." })
  ground!: keyof typeof Ground;
  @Field(() => String, { description: "In which operation (operation name and entry field)." })
  operation!: string;
  @Field(() => Boolean, { description: "Break-glass read, waiting for review." })
  flagged!: boolean;
}
