import type http from "node:http";

/** One of the gateway's own HTTP routes: true when it answered, false to let the next one try. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => boolean | Promise<boolean>;

/**
 * A request path's part decoded, or undefined when its percent-encoding cannot be read (`%`, `%zz`,
 * a broken UTF-8 sequence such as `%E3%81`): decodeURIComponent throws on those, and anyone can send them.
 */
export function decodePathPart(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/** 400 for a path whose percent-encoding cannot be read (a route that decodes never guesses). */
export function refuseMalformedPath(res: http.ServerResponse): true {
  res
    .writeHead(400, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
    .end(JSON.stringify({ error: { code: "BAD_REQUEST_PATH", message: "URL のパスのエンコードが正しくありません。" } }));
  return true;
}
