import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "@marugoto/shared";
import { WorryType } from "./worry.type.js";

@ObjectType("WorryEdge", { description: "A worry in a connection." })
export class WorryEdge {
  @Field(() => String, { description: "Cursor of this edge." })
  cursor!: string;
  @Field(() => WorryType, { description: "The worry." })
  node!: WorryType;
}

@ObjectType("WorryConnection", { description: "A page of a hub's worries, newest first." })
export class WorryConnection {
  @Field(() => [WorryEdge], { description: "The worries of this page." })
  edges!: WorryEdge[];
  @Field(() => [WorryType], { description: "The worries of this page, without cursors." })
  nodes!: WorryType[];
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}
