import { Field, ObjectType } from "type-graphql";
import { AuditEntryType } from "./audit-entry.type.js";

@ObjectType("AuditEntryEdge", { description: "An audit entry in a connection." })
export class AuditEntryEdge {
  @Field(() => String, { description: "Cursor." })
  cursor!: string;
  @Field(() => AuditEntryType, { description: "The entry." })
  node!: AuditEntryType;
}
