import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import { MeetingType } from "../meeting/meeting.type.js";
import { AgendaItemType } from "./agenda-item.type.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { MeetingsContext } from "../context.js";
import type { Once } from "../idempotency/idempotency.js";
import { mutateOnce } from "../idempotency/mutate-once.js";

@ObjectType("AgendaItemPayload", { description: "Result of a mutation on an agenda item." })
export class AgendaItemPayload {
  @Field(() => AgendaItemType, { nullable: true, description: "The item after the change; null when refused or removed." })
  item?: AgendaItemType | null;
  @Field(() => MeetingType, { nullable: true, description: "Its meeting after the change." })
  meeting?: MeetingType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Applies an agenda item mutation (its work answers with the item's id) and answers with the item and its meeting as they now stand. */
export async function agendaItemPayload(ctx: MeetingsContext, once: Once, apply: (tx: EntityManager) => Promise<string>) {
  const { result: itemId, userErrors } = await mutateOnce(ctx, once, apply);
  const found = itemId === undefined ? null : await ctx.agenda.findVisible(itemId);
  return { item: found?.item ?? null, meeting: found?.meeting ?? null, userErrors };
}
