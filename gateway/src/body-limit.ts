import type http from "node:http";

/** The refusal of a body over the limit (README: Security). */
function payloadTooLarge(res: http.ServerResponse, limitBytes: number): void {
  if (res.headersSent) return;
  res
    .writeHead(413, { "content-type": "application/json", connection: "close" })
    .end(JSON.stringify({ errors: [{ message: "リクエストが大きすぎます。", extensions: { code: "PAYLOAD_TOO_LARGE", limitBytes } }] }));
}

/**
 * Reads a request body, counting bytes as they arrive, whatever the framing (content-length or
 * chunked): at `limitBytes` + 1 it stops reading, answers 413 and closes the connection.
 * Resolves with the body, or `undefined` when refused (the response is then already sent).
 * The declared content-length is refused up front, before a byte is read.
 */
export function readLimitedBody(req: http.IncomingMessage, res: http.ServerResponse, limitBytes: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limitBytes) {
    refuse(req, res, limitBytes);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (body: Buffer | undefined) => {
      if (settled) return;
      settled = true;
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        chunks.length = 0;
        finish(undefined);
        refuse(req, res, limitBytes);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, received));
    const onError = () => {
      finish(undefined);
      req.destroy();
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/** Answers 413 and stops reading: the socket is closed once the answer is out. */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, limitBytes: number): void {
  req.pause();
  payloadTooLarge(res, limitBytes);
  closeOnceAnswered(req, res);
  // If the client never reads the answer, do not wait for it.
  setTimeout(() => req.socket.destroy(), 1_000).unref();
}

/**
 * A request answered before its body was read whole: its connection is closed once the answer is
 * out, so that no one streams a body past the limit into a connection that is dropping it.
 */
export function closeOnceAnswered(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!res.headersSent) res.setHeader("connection", "close");
  res.once("finish", () => req.socket.destroySoon?.() ?? req.socket.destroy());
}

/**
 * Hands a fully read body to the runtime: @whatwg-node/server takes `req.body` (a Uint8Array) as the
 * request's body instead of reading the stream again.
 */
export function withBody(req: http.IncomingMessage, body: Buffer): http.IncomingMessage {
  if (body.length) (req as http.IncomingMessage & { body?: Buffer }).body = body;
  return req;
}
