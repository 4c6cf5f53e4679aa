import type http from "node:http";
import { logger, safeError, watchParent } from "@marugoto/shared/core";
import type { Runtime } from "./gateway-options.js";
import type { RequestLimiter } from "./rate-limit-store.js";
import type { RunningWebSockets } from "./ws.js";

/** After a stop signal, the process exits within this even if closing hangs. */
const SHUTDOWN_GRACE_MS = 4000;

export interface GatewayParts {
  webSockets: RunningWebSockets;
  server: http.Server;
  runtime: Runtime;
  metricsServer?: { close(): Promise<void> };
  limiter: RequestLimiter;
  keptAnswers?: { close(): Promise<void> };
}

/** Closes the gateway in order (sockets, HTTP, runtime, the directory watch, metrics, rate-limit store); once, however often called. */
export function closer(parts: GatewayParts): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      await parts.webSockets.dispose();
      await new Promise<void>((resolve) => {
        parts.server.close(() => resolve());
        parts.server.closeAllConnections();
      });
      await parts.runtime.dispose();
      await parts.keptAnswers?.close();
      parts.webSockets.unsample();
      await parts.metricsServer?.close();
      await parts.limiter.close?.();
    })();
    return closing;
  };
}

/** The process stops the gateway on SIGINT, SIGTERM, or when its parent goes away; exits 1 if closing takes too long. */
export function stopOnSignals(gateway: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("gateway stopping", { signal });
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    await gateway.close().catch((error) => logger.error("shutdown failed", { error: safeError(error) }));
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  watchParent(() => void stop("parent gone"));
}
