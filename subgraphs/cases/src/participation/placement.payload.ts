import type { EntityManager } from "@mikro-orm/postgresql";
import { Field, ObjectType } from "type-graphql";
import { UserError } from "@marugoto/shared";
import type { CasesContext } from "../context.js";
import type { Placement } from "./participation.entity.js";
import { PlacementType } from "./placement.type.js";

@ObjectType("PlacementPayload", { description: "Result of a チャレンジ就労 mutation." })
export class PlacementPayload {
  @Field(() => PlacementType, { nullable: true, description: "The placement; null when refused." })
  placement?: PlacementType | null;
  @Field(() => [UserError], { description: "Why it was refused; empty on success." })
  userErrors!: UserError[];
}

/** Runs a change to a placement; answers with the placement it changed, or the user errors. */
export async function placementPayload(
  ctx: CasesContext,
  change: (tx: EntityManager) => Promise<Placement>,
): Promise<{ placement: Placement | null; userErrors: UserError[] }> {
  const { result, userErrors } = await ctx.mutate(change);
  return { placement: result ?? null, userErrors };
}
