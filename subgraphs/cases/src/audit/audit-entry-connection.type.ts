import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "@marugoto/shared";
import { AuditEntryEdge } from "./audit-entry-edge.type.js";

@ObjectType("AuditEntryConnection", { description: "A page of the audit log, newest first." })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: "Entries of this page." })
  edges!: AuditEntryEdge[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}
