import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@marugoto/shared";
import { ARTIFACTS, axe, browserRunnable, CHROMIUM } from "../helpers/browser.js";
import { dataAs } from "../helpers/client.js";
import { pdfText } from "../helpers/readers.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * The printable minutes page beside the board, in a real browser (Debian's Chromium, which .ci/run
 * installs): reached from the board, a draft with 案, the PDF downloaded through its signed link,
 * then the approved version. Screenshots go to test-results/.
 */
// Reason for the skip (`browserRunnable`): a developer machine may not have Chromium; CI always installs it, and there the test must run.
const runnable = browserRunnable;
const TITLE = "議事録印刷の試験会議";

let stack: Stack;
let browser: Browser;
let meetingId: string;

const gql = (query: string, variables: Record<string, unknown>, token: string) => dataAs(stack.gateway.url, token, query, variables);

beforeAll(async () => {
  if (!runnable) return;
  execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "vite", "bin", "vite.js"), "build", "web", "--logLevel", "warn"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  stack = await startStack({ webRoot: path.join(repoRoot, "web", "dist") });
  const chair = await stack.token("fukushi-suishin-bu", ["chair"]);
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();
  meetingId = (
    await gql(
      `mutation ($s: DateTimeISO!, $t: String!) { scheduleMeeting(input: { bodyCode: "marugoto-council", title: $t, startsAt: $s, place: "本庁舎 講堂" }) { meeting { id } } }`,
      { s: startsAt, t: TITLE },
      chair,
    )
  ).scheduleMeeting.meeting.id;
  const itemId = (
    await gql(
      `mutation ($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }`,
      { i: { meetingId, kind: "TOPIC", title: "ひきこもり支援の新たな仕組み", description: "支援会議から上がった検討課題。" } },
      chair,
    )
  ).addAgendaItem.item.id;
  await gql(`mutation ($id: ID!) { startMeeting(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
  await gql(
    `mutation ($id: ID!) { recordDecision(itemId: $id, content: "ワーキンググループで検討する。") { userErrors { code } } }`,
    { id: itemId },
    chair,
  );
  await gql(
    `mutation ($i: CreateActionItemInput!) { createActionItem(input: $i) { userErrors { code } } }`,
    { i: { itemId, title: "検討資料の作成", assigneeCode: "nozei", dueDate: "2031-07-31" } },
    chair,
  );
  await gql(
    `mutation ($id: ID!) { draftMinutes(meetingId: $id, content: "座長が開会を宣言した。\\n検討課題について意見交換を行った。") { userErrors { code } } }`,
    { id: meetingId },
    chair,
  );
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

async function signIn(org: string, role: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 }, locale: "ja-JP", acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${stack.gateway.url.replace("/graphql", "")}/board/`);
  await page.selectOption("select[name=org]", org);
  await page.selectOption("select[name=role]", role);
  await page.click("button[type=submit]");
  await page.getByText(TITLE).first().click();
  await page.getByTestId("meeting").getByText(TITLE).waitFor();
  return page;
}

/** axe-core on the page as it is now: no critical and no serious violation. */
async function checkAxe(page: Page, screen: string): Promise<void> {
  const summary = await axe(page, screen);
  expect(summary.critical + summary.serious, summary.rules.join("\n")).toBe(0);
}

describe.skipIf(!runnable)("the printable minutes page", () => {
  it("opens from the board, shows a draft with 案, downloads the PDF, and shows the approved minutes as final", async () => {
    const page = await signIn("nozei", "staff");
    await page.getByTestId("minutes-print-link").click();
    const article = page.getByTestId("minutes-print");
    await article.waitFor();
    expect(await article.getAttribute("data-final")).toBe("false");
    const text = await article.innerText();
    for (const line of [
      "議事録（案）",
      "会議名：議事録印刷の試験会議",
      "場所：本庁舎 講堂",
      "決定事項：ワーキンググループで検討する。",
      "承認状況：未承認（案）",
    ])
      expect(text).toContain(line);
    expect(text).toMatch(/日時：令和\d+年\d+月\d+日（\d{4}年\d+月\d+日）/);
    expect(text).toMatch(/対応事項：検討資料の作成／担当：納税課／期限：令和13年7月31日（2031年7月31日）/);
    expect(await page.locator(".watermark").innerText()).toBe("案");
    await checkAxe(page, "minutes (draft)");
    await page.screenshot({ path: path.join(ARTIFACTS, "minutes-print-draft.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(ARTIFACTS, "minutes-print-media-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("minutes-pdf").click()]);
    const pdf = readFileSync(await download.path());
    const pdfLines = (await pdfText(pdf)).replaceAll("\n", "");
    expect(pdfLines).toContain("議事録（案）");
    expect(pdfLines).toContain("会議名：議事録印刷の試験会議");

    const chair = await stack.token("fukushi-suishin-bu", ["chair"]);
    await gql(`mutation ($id: ID!) { closeMeeting(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair);
    expect(
      (await gql(`mutation ($id: ID!) { approveMinutes(meetingId: $id) { userErrors { code } } }`, { id: meetingId }, chair)).approveMinutes
        .userErrors,
    ).toEqual([]);
    // The chair changes after the approval: the page still names who approved.
    await stack.subgraphs
      .meetings!.em.fork()
      .execute(
        `update meetings.meeting_member set role = case organization_code when 'fukushi-suishin-bu' then 'MEMBER' else 'CHAIR' end where meeting_id = ? and organization_code in ('fukushi-suishin-bu', 'nozei')`,
        [meetingId],
      );
    await page.reload();
    await article.waitFor();
    expect(await article.getAttribute("data-final")).toBe("true");
    const final = await article.innerText();
    expect(final).toContain("確定版（承認済み）");
    expect(final).toContain("承認者：福祉推進部（座長・議長）");
    expect(final).toContain("納税課（座長・議長）：");
    expect(await page.locator(".watermark").count()).toBe(0);
    await checkAxe(page, "minutes (final)");
    await page.screenshot({ path: path.join(ARTIFACTS, "minutes-print-final.png"), fullPage: true });
  });
});
