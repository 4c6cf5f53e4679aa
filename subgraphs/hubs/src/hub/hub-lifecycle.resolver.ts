import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IDEMPOTENCY_KEY_ARG } from "@marugoto/shared";
import type { HubsContext } from "../context.js";
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
  openHub(
    @Arg("input", () => OpenHubInput, { description: "The hub." }) input: OpenHubInput,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<HubResult> {
    return ctx.hubLifecycle.open(input, { key: idempotencyKey, operation: "openHub", args: { input } });
  }

  @Mutation(() => HubPayload, {
    description:
      "Pause (SUSPENDED), resume (ACTIVE) or close (CLOSED) a hub from today: its district council or 市社協; closing only 市社協. Sessions and worries are recorded only at an active hub; the monthly rule leaves out the months a hub was not active throughout.",
  })
  changeHubStatus(
    @Arg("input", () => ChangeHubStatusInput, { description: "The hub and its new status." }) input: ChangeHubStatusInput,
    @Ctx() ctx: HubsContext,
    @Arg("idempotencyKey", () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey?: string | null,
  ): Promise<HubResult> {
    return ctx.hubLifecycle.change(input, { key: idempotencyKey, operation: "changeHubStatus", args: { input } });
  }
}
