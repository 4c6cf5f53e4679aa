import { describe, expect, it } from "vitest";
import { renewableParts } from "./renewable.js";

describe("a context's renewable parts", () => {
  const setup = () => {
    let builds = 0;
    const context = {} as { em: { n: number }; service: { n: number } };
    const renew = renewableParts(context, ["em", "service"], () => {
      builds += 1;
      const em = { n: builds };
      return { em, service: { n: em.n } };
    });
    return { context, renew, builds: () => builds };
  };

  it("builds nothing until a part is read, then every part together, once", () => {
    const { context, builds } = setup();
    expect(builds()).toBe(0);
    expect(context.service.n).toBe(1);
    expect(context.em.n).toBe(1);
    expect(builds()).toBe(1);
  });

  it("builds them anew after a renewal, when next read", () => {
    const { context, renew, builds } = setup();
    expect(context.em.n).toBe(1);
    renew();
    expect(builds()).toBe(1);
    expect([context.em.n, context.service.n]).toEqual([2, 2]);
  });

  it("refuses a part built but not named (it would be read from nowhere), and one named but not built", () => {
    const context = {} as { em: object };
    renewableParts(context, ["em"] as never, () => ({ em: {}, extra: {} }));
    expect(() => context.em).toThrow(/not named: extra/);
    const other = {} as { em: object; service: object };
    renewableParts(other, ["em", "service"] as never, () => ({ em: {} }));
    expect(() => other.em).toThrow(/not built: service/);
  });
});
