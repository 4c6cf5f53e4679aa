import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { createGraphQLError } from "@graphql-tools/utils";

/** A JSON POST as the runtime's server (graphql-yoga) takes one: `application/json` or `application/graphql+json`. */
function isJsonPost(method: string, contentType: string | null): boolean {
  const type = contentType?.split(",")[0]?.split(";")[0];
  return method === "POST" && (type === "application/json" || type === "application/graphql+json");
}

const badRequest = (message: string, cause?: unknown) =>
  createGraphQLError(message, {
    extensions: {
      http: { status: 400, ...(cause ? { spec: true } : {}) },
      code: "BAD_REQUEST",
      ...(cause instanceof Error ? { originalError: { name: cause.name, message: cause.message } } : {}),
    },
  });

/** The operation's parameters from the body's bytes, refused as graphql-yoga's own JSON parser refuses them. */
function parseJsonBody(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw badRequest("POST body sent invalid JSON.", error);
  }
  if (body == null) throw badRequest(`POST body is expected to be object but received ${body}`);
  if (typeof body !== "object") throw badRequest(`POST body is expected to be object but received ${typeof body}`);
  return body as Record<string, unknown>;
}

/**
 * A JSON request's parameters parsed from the body the gateway's own route has already read whole,
 * within `MAX_BODY_BYTES` (`body-limit.ts`). Without this, graphql-yoga, under the runtime, pipes
 * every body through a stream of its own to count it against its own limit (25 MB, never reached
 * after ours): a stream pipeline, an AbortController and a DOMException per request — 6 % of the
 * gateway's CPU for the DOMException alone, serving kept answers (`bench/README.md`). The request's
 * stream is marked empty, so that limit wraps nothing; nothing else reads it (multipart is off).
 */
export function bufferedBodyParser(): GatewayPlugin {
  return {
    onRequestParse({ request, serverContext, setRequestParser }) {
      const raw = (serverContext as { req?: { body?: unknown } } | undefined)?.req?.body;
      // A compressed body (none is taken today) would be its encoded bytes: left to graphql-yoga.
      if (!Buffer.isBuffer(raw) || request.headers.has("content-encoding")) return;
      if (!isJsonPost(request.method, request.headers.get("content-type"))) return;
      Object.defineProperty(request, "body", { value: null });
      setRequestParser(() => parseJsonBody(raw));
    },
  };
}
