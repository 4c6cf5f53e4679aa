import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST, GraphQLError } from "graphql";

/**
 * Set (true) on the context of every operation that arrived over the gateway's graphql-ws endpoint
 * (`ws.ts`); copies of that context (a fan-out's replays) keep it. No HTTP request can set it.
 */
export const OVER_WEBSOCKET = Symbol("marugoto.overWebSocket");

const overWebSocket = (context: unknown): boolean =>
  !!context && typeof context === "object" && (context as Record<symbol, unknown>)[OVER_WEBSOCKET] === true;

const CODE = "SUBSCRIPTION_OVER_WEBSOCKET_ONLY";
const MESSAGE = "購読（subscription）は WebSocket（graphql-ws）で接続してください。";
const STATUS = 400;

/** Requests refused here: answered as one JSON answer, whatever stream they asked for. */
const refused = new WeakSet<Request>();

/** The refusal as the client reads it (the runtime's `http` extension is not shown). */
const REFUSAL_BODY = JSON.stringify({ errors: [{ message: MESSAGE, extensions: { code: CODE } }] });

interface HttpOperationContext {
  request?: Request;
  params?: { operationName?: string | null };
}

/**
 * Subscriptions run over graphql-ws only: there a socket is closed when its token expires, its
 * operations and its identity's are bounded, and identical subscriptions are merged (`ws.ts`). Over
 * HTTP — server-sent events, multipart/mixed, GET or POST, a text or a registered document's id —
 * none of that holds and the request deadline ends once the stream is returned, so a subscription
 * operation is refused once its document is valid (the registered one resolved, every limit
 * applied; an invalid one keeps its validation errors), before any context or subgraph call. The
 * refusal is one JSON answer (400), never a stream: the client sees at once that it must connect
 * over WebSocket.
 */
export function subscriptionsOverWebSocketOnly(): GatewayPlugin {
  return {
    onValidate({ params: { documentAST } }) {
      // Thrown rather than set as the result: the runtime's validation cache, keyed on the document
      // alone, must never hold this refusal for the same document sent over graphql-ws.
      return ({ valid, context }) => {
        if (!valid || overWebSocket(context)) return;
        const { request, params } = context as HttpOperationContext;
        if (getOperationAST(documentAST, params?.operationName ?? undefined)?.operation !== "subscription") return;
        if (request) refused.add(request);
        throw new GraphQLError(MESSAGE, { extensions: { code: CODE, http: { status: STATUS } } });
      };
    },
    // After the runtime's own processors: its server-sent events or multipart answer would be a stream carrying the error.
    onResultProcess({ request, setResultProcessor }) {
      if (!refused.has(request)) return;
      setResultProcessor(
        (_result, fetchAPI) =>
          new fetchAPI.Response(REFUSAL_BODY, { status: STATUS, headers: { "content-type": "application/json; charset=utf-8" } }),
        "application/json",
      );
    },
  };
}
