import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "../helpers/subscriptions.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

type State = { referenceDataChanged: { watched: boolean; generation: number } };
const WATCH = `subscription Watch { referenceDataChanged { watched generation } }`;

describe("a state subscription (referenceDataChanged: given now and at every change)", () => {
  it("gives its state now to everyone who subscribes, also to one joining a merged group already running", async () => {
    const streams: { stop(): Promise<void> }[] = [];
    try {
      const first = collect<State>(stack.gateway.wsUrl, await stack.token("nozei", ["staff"], "nozei-1"), WATCH, {});
      streams.push(first);
      const [now] = await first.waitFor(1);
      expect(now!.referenceDataChanged.watched).toBe(true);
      const groups = stack.gateway.subscriptionStats().groups;
      // The same document, organisation and roles: the group already running, which heard the state long ago.
      const late = collect<State>(stack.gateway.wsUrl, await stack.token("nozei", ["staff"], "nozei-2"), WATCH, {});
      streams.push(late);
      const [state] = await late.waitFor(1, 5_000);
      expect(state!.referenceDataChanged).toEqual(now!.referenceDataChanged);
      expect(stack.gateway.subscriptionStats().groups).toBe(groups);
    } finally {
      await Promise.all(streams.map((s) => s.stop()));
    }
  });
});
