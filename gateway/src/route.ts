import type http from "node:http";

/** One of the gateway's own HTTP routes: true when it answered, false to let the next one try. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => boolean | Promise<boolean>;
