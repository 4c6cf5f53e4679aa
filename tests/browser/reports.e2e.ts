import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYear, fiscalYearLabel, repoRoot, tokyoDate } from "@marugoto/shared";
import { CONSULTATION_SOURCE_LABELS } from "@marugoto/shared/labels";
import { ARTIFACTS, axe, browserRunnable, CHROMIUM } from "../helpers/browser.js";
import { bearer, dataAs, post } from "../helpers/client.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * The page of files and charts beside the board, in a real browser (Debian's Chromium, which
 * .ci/run installs): the report downloaded as Excel and CSV, a calendar feed made and stopped, and
 * the four charts drawn. Screenshots go to test-results/.
 */
// Reason for the skip (`browserRunnable`): a developer machine may not have Chromium; CI always installs it, and there the test must run.
const runnable = browserRunnable;

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

/** What one chart holds, read from Chart.js in the page: its labels, its series and how each series is marked. */
interface ChartRead {
  title: string;
  plugins: string[];
  labels: string[];
  datasets: { label: string; type: string; data: (number | null)[]; pattern: string | null; pointStyle: string | null; dashed: boolean }[];
}

/** Every chart of the page, from Chart.js's own registry (`Chart.getChart(canvas)`), by its canvas's test id. */
async function chartsOf(page: Page): Promise<Record<string, ChartRead>> {
  return page.evaluate(() => {
    type Dataset = {
      label: string;
      type?: string;
      data: (number | null)[];
      backgroundColor?: unknown;
      pointStyle?: string;
      borderDash?: number[];
    };
    type Instance = {
      config: { type: string; plugins: { id: string }[] };
      data: { labels: string[]; datasets: Dataset[] };
      options: { plugins: { title: { text: string } } };
    };
    const registry = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): Instance | undefined } }).Chart;
    const fillOf = (fill: unknown) =>
      typeof fill === "string" ? "solid" : ((fill as { patternKind?: string } | undefined)?.patternKind ?? null);
    return Object.fromEntries(
      [...document.querySelectorAll<HTMLCanvasElement>("canvas[data-testid^=chart-]")].map((canvas) => {
        const chart = registry.getChart(canvas)!;
        return [
          canvas.dataset.testid!,
          {
            title: chart.options.plugins.title.text,
            plugins: chart.config.plugins.map((p) => p.id),
            labels: [...chart.data.labels],
            datasets: chart.data.datasets.map((d) => ({
              label: d.label,
              type: d.type ?? chart.config.type,
              data: [...d.data],
              pattern: (d.type ?? chart.config.type) === "bar" ? fillOf(d.backgroundColor) : null,
              pointStyle: d.pointStyle ?? null,
              dashed: (d.borderDash ?? []).length > 0,
            })),
          },
        ];
      }),
    );
  });
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const CHART_FIGURES = `query ($from: String!, $to: String!, $fy: Int!) {
  hubCoverageHistory { fiscalYear hubs districtsWithHub goal }
  hubComplianceTrend(from: $from, to: $to) { month hubs compliantHubs }
  fiscalYearReport(fiscalYear: $fy) { label consultationsByMonth { month source consultations { value } } }
  actionItemTally { organization { name } open overdue done }
}`;

interface Figures {
  hubCoverageHistory: { fiscalYear: number; hubs: number; districtsWithHub: number; goal: number }[];
  hubComplianceTrend: { month: string; hubs: number; compliantHubs: number }[];
  fiscalYearReport: { label: string; consultationsByMonth: { month: string; source: string; consultations: { value: number | null } }[] };
  actionItemTally: { organization: { name: string } | null; open: number; overdue: number; done: number }[];
}

/** The graph's figures behind the charts, for the same caller and the same twelve months as the page. */
async function figuresFor(token: string): Promise<Figures> {
  const [y, m] = tokyoDate().split("-").map(Number) as [number, number];
  const month = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  const vars = { from: month(new Date(Date.UTC(y, m - 1 - 11, 1))), to: month(new Date(Date.UTC(y, m - 1, 1))), fy: fiscalYear() };
  return (await dataAs(stack.gateway.url, token, CHART_FIGURES, vars)) as Figures;
}

/** Each chart holds the graph's figures under Japanese labels, and its series are told apart without colour. */
function expectCharts(charts: Record<string, ChartRead>, f: Figures): void {
  const monthLabel = (m: string) => `${Number(m.slice(5))}月`;
  const coverage = charts["chart-coverage"]!;
  expect(coverage.labels).toEqual(f.hubCoverageHistory.map((h) => fiscalYearLabel(h.fiscalYear)));
  expect(coverage.datasets.map((d) => [d.label, d.data])).toEqual([
    ["拠点のある地区数", f.hubCoverageHistory.map((h) => h.districtsWithHub)],
    ["拠点数", f.hubCoverageHistory.map((h) => h.hubs)],
    ["目標（全30地区）", f.hubCoverageHistory.map(() => 30)],
  ]);
  // The city's figures from FY2017: hubs 3 → 11 → 19 → 23 → 23 → 24, in 3 → 11 → 19 → 21 → 21 → 22 of 30 districts.
  expect(coverage.datasets[1]!.data.slice(0, 6)).toEqual([3, 11, 19, 23, 23, 24]);
  expect(coverage.datasets[0]!.data.slice(0, 6)).toEqual([3, 11, 19, 21, 21, 22]);
  expect(coverage.datasets[2]).toMatchObject({ type: "line", dashed: true, pointStyle: "rectRot" }); // the goal: a dashed line, its own points

  const compliance = charts["chart-compliance"]!;
  expect(compliance.labels).toEqual(f.hubComplianceTrend.map((t) => monthLabel(t.month)));
  expect(compliance.labels).toHaveLength(12);
  expect(compliance.datasets.map((d) => [d.label, d.data])).toEqual([
    ["基準を満たした拠点（月8回以上・相談日あり）", f.hubComplianceTrend.map((t) => t.compliantHubs)],
    ["満たさなかった拠点", f.hubComplianceTrend.map((t) => t.hubs - t.compliantHubs)],
  ]);

  const consultations = charts["chart-consultations"]!;
  const cells = f.fiscalYearReport.consultationsByMonth;
  const months = [...new Set(cells.map((c) => c.month))];
  expect(consultations.title).toBe(`月別・経路別の相談受付件数（${f.fiscalYearReport.label}）`);
  expect(consultations.labels).toEqual(months.map(monthLabel));
  expect(consultations.datasets.map((d) => [d.label, d.data])).toEqual(
    Object.entries(CONSULTATION_SOURCE_LABELS).map(([source, label]) => [
      label,
      months.map((m) => cells.find((c) => c.month === m && c.source === source)?.consultations.value ?? null),
    ]),
  );

  const actions = charts["chart-actions"]!;
  const tally = f.actionItemTally.slice(0, 15);
  expect(actions.labels).toEqual(tally.map((t) => t.organization?.name ?? "（名簿にない団体）"));
  expect(actions.labels).toEqual(expect.arrayContaining(["広報課", "納税課", "介護保険課"]));
  expect(actions.datasets.map((d) => [d.label, d.data])).toEqual([
    ["未完了", tally.map((t) => t.open)],
    ["期限超過", tally.map((t) => t.overdue)],
    ["完了", tally.map((t) => t.done)],
  ]);

  for (const [id, chart] of Object.entries(charts)) {
    expect(chart.title, id).toMatch(JAPANESE);
    for (const label of [...chart.labels, ...chart.datasets.map((d) => d.label)]) expect(label, id).toMatch(JAPANESE);
    // Without colour: every bar series has its own pattern, and each bar carries its value.
    const patterns = chart.datasets.filter((d) => d.type === "bar").map((d) => d.pattern);
    expect(
      patterns.every((p) => p !== null),
      id,
    ).toBe(true);
    expect(new Set(patterns).size, id).toBe(patterns.length);
    expect(chart.plugins, id).toContain("valueLabels");
  }
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
    const charts = await chartsOf(page);
    expect(Object.keys(charts).sort()).toEqual(["chart-actions", "chart-compliance", "chart-consultations", "chart-coverage"]);
    expectCharts(charts, await figuresFor(await stack.token("koho", ["staff"])));
    // koho may not see small counts: a withheld cell is left empty (null), never drawn as a number.
    expect(charts["chart-consultations"]!.datasets.flatMap((d) => d.data).some((v) => v === null)).toBe(true);
    const a11y = await axe(page, "reports (staff)");
    expect(a11y.critical + a11y.serious, a11y.rules.join("\n")).toBe(0);
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
    const charts = await chartsOf(page);
    expectCharts(charts, await figuresFor(token));
    expect(charts["chart-consultations"]!.datasets.flatMap((d) => d.data).some((v) => typeof v === "number")).toBe(true);
    const a11y = await axe(page, "reports (analyst)");
    expect(a11y.critical + a11y.serious, a11y.rules.join("\n")).toBe(0);
    await page.getByTestId("charts").screenshot({ path: path.join(ARTIFACTS, "charts-analyst.png") });
  });
});
