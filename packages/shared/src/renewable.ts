/** Where a context keeps what it was made from and the parts built so far. */
const STATE = Symbol("renewable parts");

interface State<I> {
  inputs: I;
  built: Map<string, unknown>;
}

/** How each part is built: from the parts it needs (read through the context, so built when needed too) and the inputs. */
export type PartBuilders<I, P> = { [K in keyof P]: (parts: P, inputs: I) => P[K] };

/** A context made by `renewableContext`: its own fields, its parts, and `renew`. */
export type RenewableContext<F, P> = F & P & { renew(): void };

/**
 * A kind of context whose parts (a forked EntityManager and the services over it) are each built when
 * first read, and anew after `renew()`: an operation or a subscription event that reads nothing
 * through them forks nothing (a live agenda event for 2,000 people builds no EntityManager for any of
 * them), and one that reads a case builds the EntityManager, the access and case services and nothing
 * else.
 *
 * The parts are read through getters on the kind's prototype, from state the context holds under a
 * symbol. Apollo Server copies every operation's context (`Object.assign` onto an object of the same
 * prototype) before running it: the copy shares that state, so copying builds nothing, the copy and
 * the original read the same parts, and a `renew()` on either renews both. (Getters of the context's
 * own, which the copy called, built every part of every HTTP call, and the copy kept them: a mutation's
 * `renew()` renewed the original only, so its answer was read through the loaders and grounds of before
 * its write — a coordinator that ended its own assignment was still handed the case.)
 *
 * @param builders one per part; a builder reads the other parts it needs from its first argument
 * @returns makes a context from its fixed fields (identity, event hub, …) and the inputs of its builders
 */
export function renewableContext<I, P extends object>(builders: PartBuilders<I, P>) {
  const keys = Object.keys(builders) as (keyof P & string)[];
  const prototype: object = Object.create(Object.prototype, {
    renew: {
      value(this: { [STATE]: State<I> }) {
        this[STATE].built = new Map();
      },
    },
  });
  for (const key of keys) {
    const build = builders[key] as (parts: P, inputs: I) => unknown;
    Object.defineProperty(prototype, key, {
      get(this: P & { [STATE]: State<I> }) {
        const state = this[STATE];
        if (state.built.has(key)) return state.built.get(key);
        const part = build(this, state.inputs);
        state.built.set(key, part);
        return part;
      },
    });
  }
  const names = [...keys, "renew"];
  return <F extends object>(fixed: F, inputs: I): RenewableContext<F, P> => {
    const clash = names.find((key) => Object.hasOwn(fixed, key));
    if (clash) throw new Error(`a context's field and part share a name: ${clash}`);
    const context = Object.assign(Object.create(prototype) as object, fixed);
    const state: State<I> = { inputs, built: new Map() };
    // Enumerable, so a copy made with Object.assign carries it (symbols are copied too).
    Object.defineProperty(context, STATE, { value: state, enumerable: true });
    return context as RenewableContext<F, P>;
  };
}
