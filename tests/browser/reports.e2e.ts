import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";
import { bearer, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * The page of files and charts beside the board, in a real browser (Debian's Chromium, which
 * .ci/run installs): the report downloaded as Excel and CSV, a calendar feed made and stopped, and
 * the four charts drawn. Screenshots go to test-results/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Reason for the skip: a developer machine may not have Chromium; CI always installs it, and there the test must run.
const runnable = existsSync(CHROMIUM) || !!process.env.CI;
const ARTIFACTS = path.join(repoRoot, "test-results");

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  if (!runnable) return;
  execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "vite", "bin", "vite.js"), "build", "web", "--logLevel", "warn"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  stack = await startStack({ webRoot: path.join(repoRoot, "web", "dist") });
  // Action items in three states, so the chart of action items has something to show.
  const chair = await stack.token("fukushi-suishin-bu", ["chair"]);
  const call = async (query: string, variables: Record<string, unknown>) =>
    (await post(stack.gateway.url, query, variables, bearer(chair))).data!;
  const meetingId = (
    await call(
      `mutation { scheduleMeeting(input: { bodyCode: "marugoto-council", title: "グラフの試験", startsAt: "2031-01-10T05:00:00Z" }) { meeting { id } } }`,
      {},
    )
  ).scheduleMeeting.meeting.id;
  const itemId = (
    await call(`mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`, {
      i: { meetingId, kind: "TOPIC", title: "集計" },
    })
  ).addAgendaItem.item.id;
  for (const [assigneeCode, dueDate, done] of [
    ["koho", "2099-01-01", false],
    ["koho", "2020-01-01", false],
    ["nozei", "2099-01-01", true],
    ["nozei", "2099-01-01", false],
    ["kaigo-hoken", "2020-01-01", false],
  ] as const) {
    const id = (
      await call(`mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { actionItem { id } } }`, {
        i: { itemId, title: "作業", assigneeCode, dueDate },
      })
    ).createActionItem.actionItem.id;
    if (done) await call(`mutation ($id: ID!) { updateActionItemStatus(id: $id, status: DONE) { userErrors { code } } }`, { id });
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function open(org: string, role: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, locale: "ja-JP", acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${stack.gateway.url.replace("/graphql", "")}/board/`);
  await page.selectOption("select[name=org]", org);
  await page.selectOption("select[name=role]", role);
  await page.click("button[type=submit]");
  await page.getByTestId("reports-link").click();
  await page.getByTestId("report-downloads").waitFor();
  return page;
}

describe.skipIf(!runnable)("files and charts beside the board", () => {
  it("downloads the report as Excel and CSV, makes and stops a calendar feed, and draws the charts", async () => {
    const page = await open("koho", "staff");

    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^年度実績_令和\d+年度\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await xlsx.path()) as never);
    expect(wb.worksheets.map((w) => w.name)).toContain("相談・支援実人数");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-csv-MEETINGS").click()]);
    expect(readFileSync(await csv.path(), "utf8").split("\r\n")[1]).toBe("会議の種類,開催回数");

    await page.fill("[data-testid=calendar-feeds] input[name=label]", "広報課の会議予定");
    await page.click("[data-testid=calendar-feeds] button[type=submit]");
    const url = (await page.getByTestId("calendar-url").locator("code").innerText()).trim();
    expect(url).toMatch(/\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await fetch(url)).status).toBe(200);
    await page.getByRole("button", { name: "停止" }).click();
    await page.getByText("停止済み").waitFor();
    expect((await fetch(url)).status).toBe(404);

    await page.getByTestId("charts-ready").waitFor();
    for (const chart of ["chart-coverage", "chart-compliance", "chart-consultations", "chart-actions"]) {
      const drawn = await page.getByTestId(chart).evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
        return ink;
      });
      expect(drawn, chart).toBeGreaterThan(1000);
    }
    // koho is not entitled to small counts: the note says so.
    await page.getByTestId("withheld-note").waitFor();
    await page.getByTestId("charts").screenshot({ path: path.join(ARTIFACTS, "charts-staff.png") });
    await page.screenshot({ path: path.join(ARTIFACTS, "reports-page.png"), fullPage: true });
  });

  it("shows an analyst every consultation figure in the chart (a session with the analyst role)", async () => {
    const token = await stack.token("fukushi-suishin-bu", ["analyst"]);
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, locale: "ja-JP" });
    await context.addInitScript(
      (session: string) => sessionStorage.setItem("marugoto-session", session),
      JSON.stringify({ token, org: "fukushi-suishin-bu", roles: ["analyst"] }),
    );
    const page = await context.newPage();
    await page.goto(`${stack.gateway.url.replace("/graphql", "")}/board/reports.html`);
    await page.getByTestId("charts-ready").waitFor();
    expect(await page.getByTestId("withheld-note").count()).toBe(0);
    await page.getByTestId("charts").screenshot({ path: path.join(ARTIFACTS, "charts-analyst.png") });
  });
});
