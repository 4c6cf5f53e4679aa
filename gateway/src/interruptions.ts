import { GraphQLError, type ExecutionResult } from "graphql";

type Source = AsyncIterable<ExecutionResult> | ExecutionResult;

/** The code of an interruption: the stream ended, and is resumed from the last cursor received. */
export const INTERRUPTED = "SUBSCRIPTION_INTERRUPTED";

/**
 * What a subscriber receives when the subgraph behind its stream goes away (a crash, a restart, a
 * network cut): a coded, retryable error, never an empty message a client would take for an end.
 * The client subscribes again with `after:` set to the last cursor it received and misses nothing.
 */
export const interrupted = () =>
  new GraphQLError("購読が中断されました。最後に受け取った cursor を after に指定して、購読し直してください。", {
    extensions: { code: INTERRUPTED, retryable: true },
  });

/** An error from the transport has no code; every error of the graph's own has one. */
const uncoded = (error: unknown) => {
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  return typeof code !== "string" || code === "";
};

function codeResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some(uncoded)) return result;
  return { ...result, errors: result.errors.map((e) => (uncoded(e) ? interrupted() : e)) };
}

/** A subscription's stream, as opposed to a single result (a refusal, say). */
export const isIterable = (value: unknown): value is AsyncIterable<ExecutionResult> =>
  !!value && typeof (value as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator] === "function";

/** Codes the transport's errors of one subscription (its first answer or any later result). */
export function codeInterruptions(source: Source): Source {
  if (!isIterable(source)) return codeResult(source);
  const inner = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      try {
        const result = await inner.next();
        return result.done ? result : { value: codeResult(result.value), done: false };
      } catch {
        // The stream broke: tell the subscriber once, then end it.
        void inner.return?.()?.catch(() => undefined);
        iterator.next = () => Promise.resolve({ value: undefined, done: true });
        return { value: { errors: [interrupted()] }, done: false };
      }
    },
    async return() {
      await inner.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
