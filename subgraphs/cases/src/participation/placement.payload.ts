import type { EntityManager } from "@mikro-orm/postgresql";
import { Field, ObjectType } from "type-graphql";
import { UserError, type Once } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import { mutateOnce } from "../idempotency/mutate-once.js";
import type { Placement } from "./participation.entity.js";
import { PlacementType } from "./placement.type.js";

@ObjectType("PlacementPayload", { description: "Result of a チャレンジ就労 mutation." })
export class PlacementPayload {
  @Field(() => PlacementType, { nullable: true, description: "The placement; null when refused." })
  placement?: PlacementType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** What a placement mutation answers: the placement as the caller may see it after the change. */
export interface PlacementPayloadView {
  placement: Placement | null;
  userErrors: UserError[];
}

/**
 * Runs a change to a placement, at most once per idempotency key; answers with the placement it
 * changed, read again through its case: null when the caller may no longer see that case.
 */
export async function placementPayload(
  ctx: CasesContext,
  once: Once,
  change: (tx: EntityManager) => Promise<Placement>,
): Promise<PlacementPayloadView> {
  const { result: placementId, userErrors } = await mutateOnce(ctx, once, async (tx) => (await change(tx)).id);
  return { placement: placementId === undefined ? null : await ctx.participation.visiblePlacement(placementId), userErrors };
}
