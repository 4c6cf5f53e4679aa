import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  axe,
  boardHost,
  browserRunnable,
  buildBoard,
  launchChromium,
  newBoardContext,
  removeBuild,
} from "../helpers/browser.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * The board against a gateway in production mode: only the operations of the board's generated
 * manifest run there, so the board must send each one's documentId, over HTTP and graphql-ws, never
 * its text. A production gateway serves no board and no development sign-in: the built board is
 * served by a web server in front of it (as a city would deploy it), and the session carries a token
 * the identity provider would have issued.
 */
const LIVE_BOUND_MS = 5_000;

let stack: Stack;
let host: { url: string; close(): Promise<void> };
let browser: Browser;
let dist: string | undefined;

beforeAll(async () => {
  if (!browserRunnable) return;
  dist = buildBoard();
  stack = await startStack({ production: true });
  host = await boardHost(stack.gateway.url, dist);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await stack?.close();
  await removeBuild(dist);
});

interface Traffic {
  http: Record<string, unknown>[];
  ws: Record<string, unknown>[];
  refused: string[];
}

/** A signed-in page whose every GraphQL request (HTTP bodies, graphql-ws subscribe messages) is recorded. */
async function open(context: BrowserContext, org: string, role: string): Promise<{ page: Page; traffic: Traffic }> {
  const token = await stack.token(org, [role], `board-${org}`);
  await context.addInitScript(
    (session) => sessionStorage.setItem("marugoto-session", session),
    JSON.stringify({ token, org, roles: [role] }),
  );
  const page = await context.newPage();
  const traffic: Traffic = { http: [], ws: [], refused: [] };
  page.on("request", (r) => {
    if (r.url().endsWith("/graphql") && r.method() === "POST")
      traffic.http.push(JSON.parse(r.postData() ?? "{}") as Record<string, unknown>);
  });
  page.on("response", async (r) => {
    if (!r.url().endsWith("/graphql")) return;
    const body = (await r.json().catch(() => ({}))) as { errors?: { extensions?: { code?: string } }[] };
    for (const e of body.errors ?? []) traffic.refused.push(e.extensions?.code ?? "?");
  });
  page.on("websocket", (ws) =>
    ws.on("framesent", (frame) => {
      const message = JSON.parse(String(frame.payload)) as { type: string; payload?: Record<string, unknown> };
      if (message.type === "subscribe") traffic.ws.push(message.payload!);
    }),
  );
  await page.goto(host.url);
  await page.getByTestId("link-state").getByText("接続中").waitFor();
  return { page, traffic };
}

describe.skipIf(!browserRunnable)("the board against a production gateway (registered operations only)", () => {
  it("refuses operation text, and the board still runs a meeting live by documentId alone", async () => {
    // The gateway really is strict: a document's text is refused.
    const text = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token("nozei")}` },
      body: JSON.stringify({ query: "{ meetingBodies { code } }" }),
    });
    expect(((await text.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      "PERSISTED_DOCUMENT_REQUIRED",
    );

    // Without a session the board offers the development sign-in, which production does not serve.
    const anonymous = await (await newBoardContext(browser)).newPage();
    await anonymous.goto(host.url);
    await anonymous.getByRole("button", { name: "サインイン" }).click();
    await anonymous.getByText("開発用のサインインは利用できません").waitFor();
    await anonymous.context().close();

    const chair = await open(await newBoardContext(browser), "fukushi-suishin-bu", "chair");
    const liaison = await open(await newBoardContext(browser), "nozei", "staff");

    await chair.page.getByRole("link", { name: "会議を設定" }).click();
    const schedule = chair.page.getByTestId("schedule-form");
    await schedule.getByLabel("会議名").fill("本番モードの福祉まるごと会議");
    await schedule.getByLabel("開始日時").fill("2027-01-20T14:00");
    await schedule.getByLabel("場所").fill("山形市役所 講堂");
    await schedule.getByRole("button", { name: "会議を設定" }).click();
    await chair.page.getByTestId("meeting").getByRole("heading", { name: "本番モードの福祉まるごと会議" }).waitFor();
    await liaison.page
      .getByTestId("meetings")
      .getByRole("link", { name: "本番モードの福祉まるごと会議" })
      .click({ timeout: LIVE_BOUND_MS });
    await liaison.page.getByTestId("meeting").getByRole("heading", { name: "本番モードの福祉まるごと会議" }).waitFor();

    const add = chair.page.getByTestId("add-item");
    await add.getByLabel("議題名").fill("本番での議題");
    await add.getByLabel("報告者（組織）").fill("納税課");
    const started = Date.now();
    await add.getByRole("button", { name: "議題を追加" }).click();
    await liaison.page.getByTestId("agenda").getByText("本番での議題").waitFor({ timeout: LIVE_BOUND_MS });
    const itemMs = Date.now() - started;
    await chair.page.getByRole("button", { name: "開会", exact: true }).click();
    await liaison.page.getByTestId("meeting-status").getByText("開会中").waitFor({ timeout: LIVE_BOUND_MS });
    await chair.page.getByTestId("decision-form").getByLabel("決定事項").fill("本番モードでの決定");
    await chair.page.getByTestId("decision-form").getByRole("button", { name: "決定を記録" }).click();
    await liaison.page.getByTestId("decisions").getByText("本番モードでの決定").waitFor({ timeout: LIVE_BOUND_MS });
    console.log(`production gateway: item reached the liaison in ${itemMs} ms (bound ${LIVE_BOUND_MS})`);
    const summary = await axe(liaison.page, "liaison against the production gateway");
    expect(summary.critical + summary.serious).toBe(0);
    await chair.page.screenshot({ path: path.join(ARTIFACTS, "board-production-chair.png"), fullPage: true });
    await liaison.page.screenshot({ path: path.join(ARTIFACTS, "board-production-liaison.png"), fullPage: true });

    // Every operation went by documentId, none as text, and none was refused.
    for (const { traffic } of [chair, liaison]) {
      expect(traffic.http.length).toBeGreaterThan(3);
      expect(traffic.ws.length).toBeGreaterThanOrEqual(3);
      for (const body of [...traffic.http, ...traffic.ws]) {
        expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(body.query ?? "").toBe("");
      }
      expect(traffic.refused).toEqual([]);
    }
  });

  it("stops reconnecting when the session's token runs out, and says so", async () => {
    const context = await newBoardContext(browser);
    try {
      const token = await stack.token("nozei", ["staff"], "board-short-lived", 6);
      await context.addInitScript(
        (session) => sessionStorage.setItem("marugoto-session", session),
        JSON.stringify({ token, org: "nozei", roles: ["staff"] }),
      );
      const page = await context.newPage();
      let sockets = 0;
      page.on("websocket", () => sockets++);
      await page.goto(host.url);
      await page.getByTestId("link-state").getByText("接続中").waitFor();
      // The gateway closes the socket when the token expires (4401): the board tells the user, and stops.
      await page.getByTestId("link-state").getByText("サインインの有効期限が切れました").waitFor({ timeout: 20_000 });
      const opened = sockets;
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      expect(sockets).toBe(opened);
      await expect(page.getByTestId("link-state").innerText()).resolves.toContain("もう一度サインインしてください");
    } finally {
      await context.close();
    }
  });
});
