import type { EntityManager } from "@mikro-orm/postgresql";
import { Directive, Field, ObjectType } from "type-graphql";

/** A rule violation the user can fix: returned in a mutation's `userErrors`, never thrown. */
@ObjectType("UserError", { description: "Why a mutation was refused, in a way the user can act on (入力・業務ルールの誤り)." })
@Directive("@shareable")
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path of the input field at fault, when there is one." })
  field?: string[] | null;

  @Field(() => String, { description: "Stable machine-readable code, e.g. `CASE_ITEM_NOT_ALLOWED`." })
  code!: string;

  @Field(() => String, { description: "Message for the user, in Japanese." })
  message!: string;
}

/** Thrown inside a mutation's transaction to refuse it; becomes a `UserError`, and nothing is written. */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string[],
  ) {
    super(message);
  }
}

/** Every problem found in one input: each becomes its own `UserError`, and nothing is written. */
export class RuleViolations extends RuleViolation {
  constructor(readonly violations: RuleViolation[]) {
    super(violations[0]!.code, violations[0]!.message, violations[0]!.field);
  }
}

/** Most problems one input is answered with; past them, one `TOO_MANY_PROBLEMS` says the rest were not listed. */
export const MAX_INPUT_PROBLEMS = 50;

/**
 * Collects the problems of an input instead of stopping at the first, so that a form can mark every
 * bad field at once. Checks run through `check`; `throwIfAny` then refuses the whole input.
 */
export class InputProblems {
  private readonly found: RuleViolation[] = [];
  private overflow = false;

  /**
   * Runs one check: its value, or `undefined` when it refused (the refusal is kept). `field` replaces
   * the refusal's field path, e.g. `["memberCodes", "2"]` for the third code of a list.
   */
  check<T>(fn: () => T, field?: string[]): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      this.add(field ? new RuleViolation(error.code, error.message, field) : error);
      return undefined;
    }
  }

  /** Records a problem (or all of several). */
  add(violation: RuleViolation): void {
    // A list input of thousands of bad entries is not answered with thousands of errors.
    for (const one of violation instanceof RuleViolations ? violation.violations : [violation]) {
      if (this.found.length < MAX_INPUT_PROBLEMS) this.found.push(one);
      else this.overflow = true;
    }
  }

  /** Whether a problem was found. */
  get any(): boolean {
    return this.found.length > 0;
  }

  /** Refuses the input with every problem found so far; does nothing when there is none. */
  throwIfAny(): void {
    if (this.found.length === 1) throw this.found[0]!;
    const more = this.overflow
      ? [new RuleViolation("TOO_MANY_PROBLEMS", `入力の問題が多すぎます。最初の${MAX_INPUT_PROBLEMS}件だけを示しています。`)]
      : [];
    if (this.found.length) throw new RuleViolations([...this.found, ...more]);
  }
}

const toUserError = (v: RuleViolation): UserError => ({ code: v.code, message: v.message, field: v.field ?? null });

export type MutationResult<T> = { result?: T; userErrors: UserError[] };

/**
 * Runs a mutation in one transaction. A `RuleViolation` rolls everything back and comes back as
 * user errors (one per problem of a `RuleViolations`); anything else propagates (and is masked as an internal error).
 */
export async function runMutation<T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<MutationResult<T>> {
  try {
    const result = await em.transactional(fn);
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof RuleViolation) {
      em.clear();
      return { userErrors: error instanceof RuleViolations ? error.violations.map(toUserError) : [toUserError(error)] };
    }
    throw error;
  }
}

/** A request's context as a mutation sees it: the EntityManager it writes through, and how to get fresh ones. */
export interface MutationContext {
  readonly em: EntityManager;
  /** Fresh EntityManager and loaders, so what is read next shows the state as committed. */
  renew(): void;
}

/**
 * `runMutation` on the context's EntityManager, then renews the context: the caller builds its
 * payload from the result (or the user errors) and reads through the renewed context.
 */
export async function mutateAndRenew<T>(ctx: MutationContext, fn: (tx: EntityManager) => Promise<T>): Promise<MutationResult<T>> {
  const outcome = await runMutation(ctx.em, fn);
  ctx.renew();
  return outcome;
}

/**
 * Locks the row `id` of `schema.table` until the transaction `tx` ends, so what the write reads next is
 * as committed and a second writer of that row waits for it. `no key update` lets rows that only refer to
 * it be written meanwhile; `share` only waits for (and holds off) a writer of the row, not other readers
 * taking it in share. `schema` and `table` are the code's own names, never input.
 */
export async function lockRow(
  tx: EntityManager,
  schema: string,
  table: string,
  id: string,
  strength: "update" | "no key update" | "share" = "update",
): Promise<void> {
  await tx.execute(`select id from "${schema}".${table} where id = ? for ${strength}`, [id]);
}
