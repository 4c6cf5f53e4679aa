import { GraphQLError } from "graphql";

/** Error codes every part of the graph uses in `extensions.code`. */
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_USER_INPUT" | "CONFLICT" | "INTERNAL_SERVER_ERROR";

abstract class CodedError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** No identity, or an identity that cannot be trusted. */
export class UnauthenticatedError extends CodedError {
  constructor(message = "認証が必要です。有効なトークンを送ってください。") {
    super(message, "UNAUTHENTICATED");
  }
}

/** A known caller without the ground to do this. */
export class ForbiddenError extends CodedError {
  constructor(message = "この操作を行う権限がありません。") {
    super(message, "FORBIDDEN");
  }
}

/** Nothing the caller may see exists under this id (also used to hide what exists). */
export class NotFoundError extends CodedError {
  constructor(what: string, id?: string) {
    super(`${what}が見つかりません。`, "NOT_FOUND", id ? { id } : {});
  }
}

/**
 * `work`, its NOT_FOUND about what lies behind an id answered as NOT_FOUND of `what` the caller named
 * (`id`): a caller who may not see the case or meeting behind a placement or an item learns nothing of it.
 */
export async function notFoundAs<T>(what: string, id: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(what, id);
    throw error;
  }
}

/** Input that is malformed rather than a rule violation (those are userErrors). */
export class BadUserInputError extends CodedError {
  constructor(message: string, field?: string) {
    super(message, "BAD_USER_INPUT", field ? { field } : {});
  }
}

/** A write that lost a race or contradicts current state. */
export class ConflictError extends CodedError {
  constructor(message: string) {
    super(message, "CONFLICT");
  }
}
