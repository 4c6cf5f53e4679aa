import type { WebSocket } from "ws";
import { expiryDelay } from "./auth.js";

/** graphql-ws close code for a socket whose token has expired. */
const TOKEN_EXPIRED_CLOSE = 4401;

/** Closes `socket` (4401) when its token expires, ending its subscriptions; nothing once it is closed. */
export function closeOnExpiry(socket: WebSocket, expiresAt: number | undefined): void {
  if (!expiresAt) return;
  const timer = setTimeout(() => socket.close(TOKEN_EXPIRED_CLOSE, "Token expired"), expiryDelay(expiresAt));
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}
