import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPHIQL_TOKEN_KEY } from "../../gateway/src/graphiql.js";
import { ARTIFACTS, browserRunnable, CHROMIUM } from "../helpers/browser.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * GraphiQL on a closed network: every request to a host other than the gateway is aborted and
 * recorded. The page must still render its editor from the gateway alone, keep a token across a
 * reload, fetch the schema with it (no 401) and run a query.
 */
// Reason for the skip (`browserRunnable`): a developer machine may not have Chromium; CI always installs it, and there the test must run.
const runnable = browserRunnable;

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!runnable) return;
  stack = await startStack();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-gpu",
      "--disable-dev-shm-usage",
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe.skipIf(!runnable)("GraphiQL from the gateway alone", () => {
  it("renders its editor with no external request, keeps a token across a reload, and runs a query with it", async () => {
    const origin = new URL(stack.gateway.url).origin;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "ja-JP" });
    const external: string[] = [];
    const isLocal = (url: string) => url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:");
    // Everything the page (and its workers) asks for: recorded if it leaves the gateway, and refused.
    context.on("request", (request) => {
      if (!isLocal(request.url())) external.push(request.url());
    });
    await context.route("**/*", (route) => (isLocal(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const graphql: { status: number; authorization?: string; body: string }[] = [];
    page.on("response", async (response) => {
      if (response.request().method() === "POST" && response.url().startsWith(stack.gateway.url)) {
        graphql.push({
          status: response.status(),
          authorization: (await response.request().allHeaders()).authorization,
          body: response.request().postData() ?? "",
        });
      }
    });

    await page.goto(stack.gateway.url);
    await page.locator(".graphiql-container").first().waitFor({ timeout: 30_000 });
    await page.locator(".graphiql-container .monaco-editor").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, "graphiql-without-token.png") });

    // The token, set once, survives a reload and goes with the schema fetch (no 401).
    const token = await stack.token("nozei", ["staff"]);
    await page.fill("#token", token);
    await Promise.all([page.waitForEvent("load"), page.click("#token-bar button[type=submit]")]);
    graphql.length = 0;
    await page.reload();
    await page.locator(".graphiql-container").first().waitFor({ timeout: 30_000 });
    expect(await page.inputValue("#token")).toBe(token);
    expect(await page.evaluate((key) => localStorage.getItem(key), GRAPHIQL_TOKEN_KEY)).toBe(token);
    await expect.poll(() => graphql.some((r) => r.body.includes("__schema")), { timeout: 30_000 }).toBe(true);
    const schemaFetch = graphql.find((r) => r.body.includes("__schema"))!;
    expect(schemaFetch.status).toBe(200);
    expect(schemaFetch.authorization).toBe(`Bearer ${token}`);
    expect(graphql.filter((r) => r.status === 401)).toEqual([]);

    // A query from the URL, run with the stored token.
    const query = '{ organization(code: "nozei") { code name } }';
    await page.goto(`${stack.gateway.url}?query=${encodeURIComponent(query)}`);
    await page.locator(".graphiql-container").first().waitFor({ timeout: 30_000 });
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes("nozei"), {
      timeout: 30_000,
    });
    await page.locator(".graphiql-execute-button").first().click();
    const response = await answered;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data?: { organization?: { code: string; name: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.organization?.code).toBe("nozei");
    await expect
      .poll(() => page.locator(".graphiql-response").first().innerText(), { timeout: 10_000 })
      .toContain(body.data!.organization!.name);
    await page.screenshot({ path: path.join(ARTIFACTS, "graphiql-with-token.png") });

    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
