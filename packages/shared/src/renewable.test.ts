import { describe, expect, it } from "vitest";
import { renewableContext } from "./renewable.js";

describe("a context's renewable parts", () => {
  const setup = () => {
    const builds: string[] = [];
    const make = renewableContext<{ base: number }, { em: { n: number }; service: { em: { n: number } }; other: object }>({
      em: (_parts, { base }) => (builds.push("em"), { n: base + builds.length }),
      service: ({ em }) => (builds.push("service"), { em }),
      other: () => (builds.push("other"), {}),
    });
    const context = make({ identity: "someone" }, { base: 100 });
    return { context, builds };
  };

  it("builds nothing until a part is read, then that part and the parts it reads, once each", () => {
    const { context, builds } = setup();
    expect(builds).toEqual([]);
    expect(context.identity).toBe("someone");
    const service = context.service;
    expect(service.em).toBe(context.em);
    expect(context.service).toBe(service);
    // Read once more, nothing is built again; a part no one read (`other`) is never built.
    expect(builds).toEqual(["em", "service"]);
  });

  it("builds them anew after a renewal, when next read", () => {
    const { context, builds } = setup();
    const first = context.em;
    context.renew();
    expect(builds).toEqual(["em"]);
    expect(context.em).not.toBe(first);
    expect(context.service.em).toBe(context.em);
    expect(builds).toEqual(["em", "em", "service"]);
  });

  it("is copied as Apollo Server copies every operation's context without building anything, and the copy shares its parts and renewals", () => {
    const { context, builds } = setup();
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context) as object) as typeof context, context);
    expect(builds).toEqual([]);
    expect(copy.identity).toBe("someone");
    const before = copy.em;
    expect(context.em).toBe(before);
    copy.renew();
    expect(context.em).not.toBe(before);
    expect(copy.em).toBe(context.em);
    expect(builds).toEqual(["em", "em"]);
  });

  it("keeps each context's parts its own", () => {
    const make = renewableContext<null, { em: object }>({ em: () => ({}) });
    const [a, b] = [make({}, null), make({}, null)];
    expect(a.em).not.toBe(b.em);
  });

  it("refuses a field named as a part (the part could never be read)", () => {
    const make = renewableContext<null, { em: object }>({ em: () => ({}) });
    expect(() => make({ em: {} }, null)).toThrow(/share a name: em/);
    expect(() => make({ renew: () => {} }, null)).toThrow(/share a name: renew/);
  });
});
