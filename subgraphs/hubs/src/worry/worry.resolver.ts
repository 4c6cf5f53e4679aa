import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { chooseInputForm, deprecatedFlatArg, IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { mutateOnce } from "../idempotency/run-once.js";
import { OrganizationRef, organizationRef } from "../organization/organization.type.js";
import type { Worry } from "./worry.entity.js";
import { RECORD_WORRY_REQUIRED, RecordWorryInput } from "./worry.input.js";
import { WorryPayload } from "./worry.payload.js";
import type { WorryResult } from "./worry.service.js";
import { WorryType } from "./worry.type.js";

@Resolver(() => WorryType)
export class WorryResolver {
  @Mutation(() => WorryPayload, {
    description: "Log a worry heard at a hub: a category and a summary without names (its district council or 市社協).",
  })
  async recordWorry(
    @Arg("input", () => RecordWorryInput, { nullable: true, description: "The worry; give this, not the deprecated flat arguments." })
    input: RecordWorryInput | null | undefined,
    @Arg("hubId", () => ID, deprecatedFlatArg("The hub where it was heard; it must be active.")) hubId: string | null | undefined,
    @Arg("heardOn", () => LocalDateResolver, deprecatedFlatArg("When it was heard; not in the future (Asia/Tokyo)."))
    heardOn: string | null | undefined,
    @Arg("category", () => String, deprecatedFlatArg("Category (分類), up to 40 characters, e.g. 見守り."))
    category: string | null | undefined,
    @Arg(
      "summary",
      () => String,
      deprecatedFlatArg("A short summary (内容), up to 1000 characters, without names or other identifying details."),
    )
    summary: string | null | undefined,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<WorryResult> {
    const { input: chosen, userErrors } = chooseInputForm(input, { hubId, heardOn, category, summary }, RECORD_WORRY_REQUIRED);
    if (!chosen) return { worry: null, userErrors };
    const once = { key: idempotencyKey, operation: "recordWorry", args: chosen };
    const recorded = await mutateOnce(ctx, once, async (tx) => (await ctx.worries.recordIn(tx, chosen)).id);
    // Read again (for a retry: the one logged first), through the renewed context.
    return { worry: recorded.result === undefined ? null : await ctx.worries.find(recorded.result), userErrors: recorded.userErrors };
  }

  @Mutation(() => WorryPayload, { description: "Close a worry: solved locally, or passed on to an organisation (`passedToCode`)." })
  async resolveWorry(
    @Arg("worryId", () => ID, { description: "The worry, still open." }) worryId: string,
    @Arg("passedToCode", () => String, {
      nullable: true,
      description:
        "The organisation it was passed on to, by code: a city section, 市社協 or a consultation agency (NOT_A_CONSULTATION_RECEIVER otherwise); omitted when solved locally.",
    })
    passedToCode: string | null | undefined,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<WorryResult> {
    const once = { key: idempotencyKey, operation: "resolveWorry", args: { worryId, passedToCode } };
    const { result: id, userErrors } = await mutateOnce(
      ctx,
      once,
      async (tx) => (await ctx.worries.resolveIn(tx, worryId, passedToCode)).id,
    );
    return { worry: id === undefined ? null : await ctx.worries.find(id), userErrors };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The summary: for the hub's operator, 市社協 and the organisation it was passed to; null for others.",
  })
  summary(@Root() w: Worry, @Ctx() ctx: HubsContext): Promise<string | null> {
    return ctx.worries.summaryFor(w);
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: "Where it was passed on to." })
  passedTo(@Root() w: Worry): OrganizationRef | null {
    return w.passedToCode ? organizationRef(w.passedToCode) : null;
  }
}
