import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
import { ChangeHubStatusInput } from "./hub-status.input.js";
import type { HubResult } from "./hub-status.service.js";
import { HubPayload } from "./hub.payload.js";
import { HubType } from "./hub.type.js";

@Resolver(() => HubType)
export class HubStatusResolver {
  @Mutation(() => HubPayload, {
    description:
      "Pause (SUSPENDED), resume (ACTIVE) or close (CLOSED) a hub from today: its district council or 市社協; closing only 市社協. Sessions and worries are recorded only at an active hub; the monthly rule leaves out the months a hub was not active throughout.",
  })
  changeHubStatus(
    @Arg("input", () => ChangeHubStatusInput, { description: "The hub and its new status." }) input: ChangeHubStatusInput,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<HubResult> {
    return ctx.hubStatus.change(input, { key: idempotencyKey, operation: "changeHubStatus", args: { input } });
  }
}
