import type { Route } from "./route.js";

/** How long the readiness check waits for each subgraph's /health. */
const SUBGRAPH_HEALTH_TIMEOUT_MS = 2000;

/** `GET /healthcheck`: the gateway process answers. */
export const healthcheckRoute: Route = (req, res, pathname) => {
  if (req.method !== "GET" || pathname !== "/healthcheck") return false;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
  return true;
};

async function subgraphsReady(urls: Record<string, string>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(SUBGRAPH_HEALTH_TIMEOUT_MS) });
        return [name, res.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** `GET /readiness`: ready (200) when every subgraph's /health answers, else 503 with each one's state. */
export function readinessRoute(subgraphUrls: Record<string, string>): Route {
  return async (req, res, pathname) => {
    if (req.method !== "GET" || pathname !== "/readiness") return false;
    const subgraphs = await subgraphsReady(subgraphUrls);
    const ready = Object.values(subgraphs).every(Boolean);
    res
      .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify({ status: ready ? "ready" : "unavailable", subgraphs }));
    return true;
  };
}
