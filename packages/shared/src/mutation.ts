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

export type MutationResult<T> = { result?: T; userErrors: UserError[] };

/**
 * Runs a mutation in one transaction. A `RuleViolation` rolls everything back and comes back as a
 * user error; anything else propagates (and is masked as an internal error).
 */
export async function runMutation<T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<MutationResult<T>> {
  try {
    const result = await em.transactional(fn);
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof RuleViolation) {
      em.clear();
      return { userErrors: [{ code: error.code, message: error.message, field: error.field ?? null }] };
    }
    throw error;
  }
}
