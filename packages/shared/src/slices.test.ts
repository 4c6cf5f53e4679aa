import { describe, expect, it } from "vitest";
import { handOutInSlices } from "./slices.js";

describe("handing one thing to many receivers", () => {
  it("gives every receiver present at the start, in order, a slice per turn of the event loop", async () => {
    const given: number[] = [];
    const turns: number[] = [];
    const receivers = new Set(Array.from({ length: 25 }, (_, i) => i));
    const done = handOutInSlices(
      receivers,
      (r) => receivers.has(r),
      (r) => given.push(r),
      10,
    );
    // Checked at each turn: how many had it.
    const watch = (async () => {
      for (let i = 0; i < 3; i++) {
        turns.push(given.length);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all([done, watch]);
    expect(given).toEqual([...receivers]);
    // Ten at once, then ten more at each later turn.
    expect(turns).toEqual([10, 20, 25]);
  });

  it("skips one that left meanwhile, and does not give it to one that came meanwhile", async () => {
    const receivers = new Set([1, 2, 3, 4]);
    const given: number[] = [];
    const done = handOutInSlices(
      receivers,
      (r) => receivers.has(r),
      (r) => given.push(r),
      2,
    );
    receivers.delete(4);
    receivers.add(5);
    await done;
    expect(given).toEqual([1, 2, 3]);
  });
});
