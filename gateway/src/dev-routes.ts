import { ROLES } from "@marugoto/shared/core";
import type { GatewayOptions } from "./gateway-options.js";
import { GRAPHIQL_ASSETS, serveGraphiQLAsset } from "./graphiql.js";
import type { Route } from "./route.js";
import { serveStatic } from "./static-files.js";

/** Roles the development sign-in may ask for (never `emergency`, which the identity provider grants per person). */
const DEV_ROLES: readonly string[] = [ROLES.staff, ROLES.chair, ROLES.secretary, ROLES.auditor, ROLES.analyst];

/** Development only: `GET /dev/token?org=&role=` mints a token for the board's sign-in. */
export function devTokenRoute(options: GatewayOptions): Route {
  return async (req, res, pathname) => {
    if (options.production || !options.devToken || req.method !== "GET" || pathname !== "/dev/token") return false;
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    const org = query.get("org") ?? "";
    const role = query.get("role") ?? ROLES.staff;
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(org) || !DEV_ROLES.includes(role)) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "org と role を指定してください。" }));
      return true;
    }
    // Minted before the head is written: a key that cannot be read is then answered 500, not a 200 cut off.
    const token = await options.devToken(org, role);
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ token }));
    return true;
  };
}

/** Development only: the built meeting board under /board/. */
export function boardRoute(options: GatewayOptions): Route {
  return async (req, res, pathname) => {
    if (options.production || !options.webRoot || req.method !== "GET" || (pathname !== "/board" && !pathname.startsWith("/board/")))
      return false;
    await serveStatic(options.webRoot, pathname.replace(/^\/board\/?/, ""), res);
    return true;
  };
}

/** Development only: GraphiQL's own files (no CDN); other paths under /graphiql-assets/ go on to the runtime. */
export function graphiqlAssetsRoute(options: GatewayOptions): Route {
  return (req, res, pathname) =>
    !options.production && req.method === "GET" && pathname.startsWith(GRAPHIQL_ASSETS) && serveGraphiQLAsset(pathname, res);
}
