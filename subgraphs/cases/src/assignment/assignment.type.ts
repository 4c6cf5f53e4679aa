import { Field, ObjectType, registerEnumType } from "type-graphql";
import { enumFrom } from "@marugoto/shared";
import { ASSIGNMENT_ROLES } from "./assignment.entity.js";

export const AssignmentRole = enumFrom(ASSIGNMENT_ROLES);
registerEnumType(AssignmentRole, {
  name: "AssignmentRole",
  description: "An organisation's role on a case.",
  valuesConfig: {
    LEAD: { description: "主担当." },
    COORDINATOR: { description: "多機関協働 (the multi-agency coordinator, 市社協)." },
    SUPPORT: { description: "支援機関." },
  },
});

@ObjectType("Assignment", { description: "An organisation assigned to a case (担当)." })
export class AssignmentType {
  @Field(() => AssignmentRole, { description: "Its role." })
  role!: keyof typeof AssignmentRole;
  @Field(() => Date, { description: "Since when." })
  assignedAt!: Date;
  @Field(() => Date, { nullable: true, description: "Until when (null while active)." })
  endedAt?: Date | null;
}
