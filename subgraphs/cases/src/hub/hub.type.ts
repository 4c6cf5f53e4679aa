import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The hubs subgraph's hub, as this subgraph knows it: by id. */
@ObjectType("Hub", { description: "A community hub (地域づくり拠点)." })
@Directive('@key(fields: "id")')
export class HubRef {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;
}
