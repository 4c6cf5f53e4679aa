import type { Identity } from "./identity.js";
import type { OperationInfo } from "./signed-calls.js";

/**
 * Many people's calls of one batch with the same body, organisation and roles (a live event's call
 * for each of 2,000 subscribers) are run once, for the first of them, and that answer is given to
 * each of the others only when nothing it was made from could differ for them. The subgraph says so:
 * its context for the run watches what the run reads of the person (`watchedIdentity`), and
 * `answerAlike` decides, for each of the others, whether the answer is theirs too (and writes
 * whatever each of them must leave behind, such as audit rows, before saying yes). Anyone it does not
 * say yes for is run alone, as before.
 */
export interface GroupContext<C> {
  /** The context the run is made in: the first person's, with their identity watched. */
  context: C | Promise<C>;
  /**
   * After the run, for each of the others (same body, organisation and roles): true when the run's
   * answer is theirs exactly, and whatever the subgraph records of a person's call is written for them.
   */
  answerAlike(others: Identity[]): Promise<boolean[]>;
}

/** A subgraph's context for such a run, made for the first person. */
export type CreateGroupContext<C> = (representative: Identity, operation: OperationInfo) => GroupContext<C>;

/**
 * The person's identity with its one personal part, `sub`, watched: `personal()` says whether anything
 * read it. The organisation and roles are the same for everyone a run is made for; the person is not.
 * Any read — a resolver, a copy, a key, `JSON.stringify` — counts.
 */
export function watchedIdentity(identity: Identity): { identity: Identity; personal(): boolean } {
  let read = false;
  const watched = Object.freeze({
    get sub() {
      read = true;
      return identity.sub;
    },
    org: identity.org,
    roles: Object.freeze([...identity.roles]) as string[],
  });
  return { identity: watched, personal: () => read };
}

/**
 * A subgraph whose answers depend on the person only through what its context reads of `sub`: the
 * run's answer is everyone's when nothing read it, and no one else's otherwise.
 */
export function watchedGroupContext<C>(
  createContext: (identity: Identity, operation: OperationInfo) => C | Promise<C>,
): CreateGroupContext<C> {
  return (representative, operation) => {
    const watch = watchedIdentity(representative);
    return {
      context: createContext(watch.identity, operation),
      answerAlike: async (others) => others.map(() => !watch.personal()),
    };
  };
}
