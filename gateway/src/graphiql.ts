import { readFile } from "node:fs/promises";
import type http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { decodePathPart, refuseMalformedPath } from "./route.js";

/**
 * GraphiQL served entirely by the gateway (development only): the runtime's page loads its code
 * from a public CDN, which a closed network cannot reach. Ours loads the yoga GraphiQL bundle
 * (`@graphql-yoga/graphiql`, the same the runtime uses) from /graphiql-assets/, and adds a token
 * field: the token is kept in localStorage, sent as `Authorization: Bearer …` with every request
 * (the schema fetch included), and a change reloads the page, which fetches the schema again.
 * Subscriptions go over graphql-ws (the bundle's default, server-sent events, is refused).
 */
export const GRAPHIQL_ASSETS = "/graphiql-assets/";
export const GRAPHIQL_TOKEN_KEY = "marugoto.graphiql.token";

const assetsRoot = path.join(path.dirname(createRequire(import.meta.url).resolve("@graphql-yoga/graphiql/package.json")), "dist");

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** Serves a file of the GraphiQL bundle; 400 for a malformed path; false when `pathname` is not one (the caller goes on). */
export async function serveGraphiQLAsset(pathname: string, res: http.ServerResponse): Promise<boolean> {
  const relative = decodePathPart(pathname.slice(GRAPHIQL_ASSETS.length));
  if (relative === undefined) return refuseMalformedPath(res);
  const file = path.resolve(assetsRoot, relative);
  const type = TYPES[path.extname(file)];
  if (!type || !file.startsWith(assetsRoot + path.sep)) return false;
  const body = await readFile(file).catch(() => undefined);
  if (!body) return false;
  res.writeHead(200, { "content-type": type, "cache-control": "public, max-age=86400" }).end(body);
  return true;
}

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's layout: the token bar above GraphiQL, which takes the rest. */
const STYLE = `<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; }
  #token-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; font: 13px system-ui, sans-serif; border-bottom: 1px solid #ddd; background: #f7f7f7; }
  #token-bar input { flex: 1; font: 12px monospace; padding: 3px 6px; }
  #token-bar .state { color: #666; white-space: nowrap; }
  #root { flex: 1; min-height: 0; }
</style>`;

/** The token field above GraphiQL. */
const TOKEN_BAR = `<form id="token-bar" autocomplete="off">
  <label for="token">Token</label>
  <input id="token" name="token" type="password" placeholder="npm run token -- --org seikatsu-fukushi --role staff の出力を貼り付け" spellcheck="false">
  <button type="submit">保存</button>
  <button type="button" id="token-clear">消去</button>
  <span class="state" id="token-state"></span>
</form>`;

/** The script that keeps the token, adds it to GraphiQL's options and points Monaco at our workers. */
function tokenScript(options: Record<string, unknown>): string {
  const a = GRAPHIQL_ASSETS;
  return `<script>
  const TOKEN_KEY = ${scriptJson(GRAPHIQL_TOKEN_KEY)};
  const opts = ${scriptJson(options)};
  const token = localStorage.getItem(TOKEN_KEY) || "";
  const input = document.getElementById("token");
  input.value = token;
  document.getElementById("token-state").textContent = token ? "保存済み（すべてのリクエストに付けます）" : "未設定：スキーマの取得には token が必要です";
  // A new token: keep it, and reload so the schema is fetched again with it.
  document.getElementById("token-bar").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = input.value.trim().replace(/^Bearer\\s+/i, "");
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
    location.reload();
  });
  document.getElementById("token-clear").addEventListener("click", () => {
    localStorage.removeItem(TOKEN_KEY);
    location.reload();
  });
  if (token) opts.additionalHeaders = { ...(opts.additionalHeaders || {}), Authorization: "Bearer " + token };
  // Subscriptions over graphql-ws on the same path, the token in connection_init: the gateway refuses them over HTTP.
  opts.subscriptionsProtocol = "WS";
  if (token) opts.connectionParams = { authorization: "Bearer " + token };
  const workers = {
    editorWorkerService: ${scriptJson(`${a}monacoeditorwork/editor.worker.bundle.js`)},
    json: ${scriptJson(`${a}monacoeditorwork/json.worker.bundle.js`)},
    graphql: ${scriptJson(`${a}monacoeditorwork/graphql.worker..bundle.js`)},
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] || workers.editorWorkerService };
</script>`;
}

/** The page (the runtime's `renderGraphiQL`): the runtime's options, our assets, the token field. */
export function renderGraphiQL(options: Record<string, unknown> = {}): string {
  const title = typeof options.title === "string" ? options.title : "GraphiQL";
  const { logo: _logo, ...rest } = options; // the runtime's logo is fine to drop: keep the bar small
  const a = GRAPHIQL_ASSETS;
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${a}graphiql.css">
${STYLE}
</head>
<body id="body" class="no-focus-outline">
${TOKEN_BAR}
<div id="root">Loading ${escapeHtml(title)}…</div>
${tokenScript(rest)}
<script src="${a}yoga-graphiql.umd.js"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), opts);</script>
</body>
</html>`;
}
