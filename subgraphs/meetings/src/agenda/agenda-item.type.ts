import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { AgendaItemKind } from "./agenda-item-kind.enum.js";
import { AgendaItemStatus } from "./agenda-item-status.enum.js";

@ObjectType("AgendaItem", { description: "One item of a meeting's agenda (議題)." })
@Directive('@key(fields: "id")')
export class AgendaItemType {
  @Field(() => ID, { description: "Stable identifier." })
  id!: string;

  @Field(() => Int, { description: "Order on the agenda, from 0." })
  position!: number;

  @Field(() => AgendaItemKind, { description: "Kind of item." })
  kind!: keyof typeof AgendaItemKind;

  @Field(() => Int, { nullable: true, description: "Time allowed, in minutes (持ち時間)." })
  timeboxMinutes?: number | null;

  @Field(() => AgendaItemStatus, { description: "Where the item stands." })
  status!: keyof typeof AgendaItemStatus;

  @Field(() => Boolean, {
    description: "True when the item's contents are withheld from the caller: a case meeting's item before its organisation pledges.",
  })
  redacted!: boolean;
}
