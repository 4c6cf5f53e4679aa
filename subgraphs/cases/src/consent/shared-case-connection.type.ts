import { Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "@marugoto/shared";
import { CaseType } from "../case/case.type.js";
import { SharedCaseEdge } from "./shared-case-edge.type.js";

@ObjectType("SharedCaseConnection", { description: "Cases shared with an organisation (共有ケース), oldest share first." })
export class SharedCaseConnection {
  @Field(() => [SharedCaseEdge], { description: "The cases of this page, with cursors and grounds." })
  edges!: SharedCaseEdge[];
  @Field(() => [CaseType], { description: "The cases of this page (the edges' nodes)." })
  nodes!: CaseType[];
  @Field(() => Int, { description: "How many cases match the filters, over all pages (件数)." })
  totalCount!: number;
  @Field(() => String, {
    description:
      "The cases subgraph's event cursor, read before this list: subscribe to `sharedCasesChanged(after:)` with it to miss no share or unshare that follows.",
  })
  eventCursor!: string;
  @Field(() => PageInfo, { description: "Paging." })
  pageInfo!: PageInfo;
}
