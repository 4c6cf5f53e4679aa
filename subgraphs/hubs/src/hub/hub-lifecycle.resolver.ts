import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { mutateOnce } from "../idempotency/run-once.js";
import { ChangeHubStatusInput } from "./hub-status.input.js";
import type { HubResult } from "./hub-lifecycle.service.js";
import { OpenHubInput } from "./open-hub.input.js";
import { HubPayload } from "./hub.payload.js";
import { HubType } from "./hub.type.js";

@Resolver(() => HubType)
export class HubLifecycleResolver {
  @Mutation(() => HubPayload, {
    description:
      "Open a hub in a district (市社協, which contracts the district councils): run by the district's council, active from today, counted from this fiscal year; the monthly rule applies from the first month that begins on or after its opening day.",
  })
  async openHub(
    @Arg("input", () => OpenHubInput, { description: "The hub." }) input: OpenHubInput,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<HubResult> {
    const once = { key: idempotencyKey, operation: "openHub", args: { input } };
    const { result: id, userErrors } = await mutateOnce(ctx, once, async (tx) => (await ctx.hubLifecycle.openIn(tx, input)).id);
    // Read through the renewed context: the district's hubs, read earlier in the request, include it.
    return { hub: id === undefined ? null : await ctx.hubs.hub(id), userErrors };
  }

  @Mutation(() => HubPayload, {
    description:
      "Pause (SUSPENDED), resume (ACTIVE) or close (CLOSED) a hub from today: its district council or 市社協; closing only 市社協. Sessions and worries are recorded only at an active hub; the monthly rule leaves out the months a hub was not active throughout.",
  })
  async changeHubStatus(
    @Arg("input", () => ChangeHubStatusInput, { description: "The hub and its new status." }) input: ChangeHubStatusInput,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<HubResult> {
    const once = { key: idempotencyKey, operation: "changeHubStatus", args: { input } };
    const { result: id, userErrors } = await mutateOnce(ctx, once, async (tx) => (await ctx.hubLifecycle.changeIn(tx, input)).id);
    // Read through the renewed context: its status and status changes as committed, whatever was read before.
    return { hub: id === undefined ? null : await ctx.hubs.hub(id), userErrors };
  }
}
