import { useRequestDeadline } from "@whatwg-node/server";

/** What a caller reads when its request outlives the deadline: a GraphQL answer with a code, not bare text. */
const DEADLINE_ANSWER = {
  errors: [
    {
      message:
        "処理が時間内に終わりませんでした。しばらくしてからもう一度お試しください（冪等キーを付けた変更操作は、同じキーで再送しても二重に適用されません）。",
      extensions: { code: "REQUEST_DEADLINE_EXCEEDED", retryable: true },
    },
  ],
};

/**
 * Answers at `timeoutMs` with 503 and a coded GraphQL error, and aborts the request's signal so its
 * upstream calls are dropped. (The runtime's own `requestDeadline` answers with plain text, which a
 * GraphQL client fails to parse.)
 */
export function requestDeadline(timeoutMs: number) {
  return useRequestDeadline({
    timeout: timeoutMs,
    response: () => Response.json(DEADLINE_ANSWER, { status: 503, headers: { connection: "close" } }),
  });
}
