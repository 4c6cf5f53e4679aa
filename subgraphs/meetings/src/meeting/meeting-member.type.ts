import { Field, ObjectType } from "type-graphql";
import { Attendance } from "./attendance.enum.js";
import { MeetingMemberRole } from "./meeting-member-role.enum.js";

@ObjectType("MeetingMember", { description: "A member organisation of one meeting (出席者), with attendance and pledge." })
export class MeetingMemberType {
  @Field(() => MeetingMemberRole, { description: "Role in this meeting." })
  role!: keyof typeof MeetingMemberRole;

  @Field(() => Attendance, { description: "Attendance (出欠)." })
  attendance!: keyof typeof Attendance;

  @Field(() => Date, {
    nullable: true,
    description: "When the organisation pledged confidentiality (守秘義務の誓約). The duty outlives the meeting.",
  })
  pledgedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the organisation was (last) invited to this meeting; a member removed and invited again has a new date. Null for memberships recorded before this was kept.",
  })
  joinedAt?: Date | null;
}
