import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "@marugoto/shared";

/** Debian's Chromium, which .ci/run installs. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Reason for skipping where used: a developer machine may not have Chromium; CI always installs it.
export const browserRunnable = existsSync(CHROMIUM) || !!process.env.CI;
export const ARTIFACTS = path.join(repoRoot, "test-results");

/**
 * Builds the board into a folder of its own and returns it: test files run in parallel, and one
 * build emptying a shared web/dist would pull the files from under another file's browser.
 */
export function buildBoard(): string {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "marugoto-board-"));
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "web",
      "--logLevel",
      "warn",
      "--outDir",
      outDir,
      "--emptyOutDir",
    ],
    { cwd: repoRoot, stdio: "inherit" },
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  return outDir;
}

export const removeBuild = (outDir: string | undefined) => (outDir ? rm(outDir, { recursive: true, force: true }) : Promise.resolve());

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/** The board's address for a gateway URL (…/graphql). */
export const boardUrl = (gatewayUrl: string) => `${gatewayUrl.replace(/\/graphql$/, "")}/board/`;

export async function newBoardContext(browser: Browser, width = 1400): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
}

/** Signs in through the board's development sign-in form. */
export async function signIn(context: BrowserContext, url: string, org: string, role: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel("組織").selectOption(org);
  await page.getByLabel("役割").selectOption(role);
  await page.getByRole("button", { name: "サインイン" }).click();
  await page.getByTestId("link-state").getByText("接続中").waitFor();
  return page;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeSummary {
  screen: string;
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
  rules: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as it is now. */
export async function axe(page: Page, screen: string): Promise<AxeSummary> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: unknown,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await run.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const count = (impact: string) => violations.filter((v) => v.impact === impact).length;
  const summary = {
    screen,
    critical: count("critical"),
    serious: count("serious"),
    moderate: count("moderate"),
    minor: count("minor"),
    rules: violations.map((v) => `${v.impact}:${v.id} ${v.nodes.join(", ")}`),
  };
  console.log(
    `axe ${screen}: critical ${summary.critical}, serious ${summary.serious}, moderate ${summary.moderate}, minor ${summary.minor}${summary.rules.length ? ` — ${summary.rules.join("; ")}` : ""}`,
  );
  return summary;
}

/** The page's width in CSS pixels, to prove that nothing scrolls sideways. */
export const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Records figures of a run (live delays, axe counts) beside the screenshots. */
export function writeFigures(name: string, figures: unknown): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, name), `${JSON.stringify(figures, null, 2)}\n`);
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * The city's web server in front of a production gateway: it serves the built board under /board/
 * and passes /graphql (HTTP and WebSocket) through. A production gateway serves no board itself.
 */
export async function boardHost(gatewayUrl: string, dist: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = path.resolve(dist);
  const target = new URL(gatewayUrl);
  const server = http.createServer(async (req, res) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (pathname.startsWith("/board")) {
      const relative = pathname.replace(/^\/board\/?/, "") || "index.html";
      const file = path.resolve(root, relative);
      const index = path.join(root, "index.html");
      const body = file.startsWith(root + path.sep) ? await readFile(file).catch(() => readFile(index)) : await readFile(index);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "text/html; charset=utf-8" }).end(body);
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const sockets = new Set<net.Socket | import("node:stream").Duplex>();
  server.on("upgrade", (req, socket, head) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const lines = [
        `${req.method} ${req.url} HTTP/1.1`,
        ...Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`),
        "",
        "",
      ];
      upstream.write(lines.join("\r\n"));
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on("error", end);
    socket.on("error", end);
    upstream.on("close", end);
    socket.on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/board/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
