import { readFile } from "node:fs/promises";
import type http from "node:http";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Files of the built board; unknown paths get index.html (a single-page app). Never outside `root`. */
export async function serveStatic(root: string, relative: string, res: http.ServerResponse): Promise<void> {
  const base = path.resolve(root);
  let file = path.resolve(base, relative || "index.html");
  if (!file.startsWith(base + path.sep) && file !== base) file = path.join(base, "index.html");
  const body = await readFile(file).catch(() => readFile(path.join(base, "index.html")).catch(() => undefined));
  if (!body) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("会議ボードがビルドされていません（npm run build:web）。");
    return;
  }
  const type = CONTENT_TYPES[path.extname(file)] ?? "text/html; charset=utf-8";
  res.writeHead(200, { "content-type": type }).end(body);
}
