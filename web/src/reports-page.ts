import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { request, type Session } from "./api.js";
import { fiscalYearLabel, TOKYO_OFFSET_MS } from "./dates.js";
import * as files from "./files-operations.js";
import type { CalendarFeedsQuery, ChartFiguresQuery } from "./gql/graphql.js";
import { drawCharts } from "./report-charts.js";

/**
 * What city staff take away (`/board/reports.html`): the fiscal-year report as Excel or CSV, the
 * organisation's calendar feeds, and charts of the figures. Every file comes through a signed,
 * single-use link made for the signed-in caller.
 */

function session(): Session | null {
  const raw = sessionStorage.getItem("marugoto-session");
  return raw ? (JSON.parse(raw) as Session) : null;
}

const tokyoNow = () => new Date(Date.now() + TOKYO_OFFSET_MS);
const currentFiscalYear = () => {
  const d = tokyoNow();
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
};
const SECTIONS = [
  ["HUBS", "地域づくり拠点"],
  ["CONSULTATIONS", "相談・支援実人数"],
  ["PLANS", "プラン・終結"],
  ["MEETINGS", "会議の開催"],
  ["PARTICIPATION", "参加支援"],
] as const;

function ReportDownloads({ s }: { s: Session }) {
  const [fy, setFy] = useState(currentFiscalYear());
  const [error, setError] = useState("");
  const years = Array.from({ length: currentFiscalYear() - 2017 + 1 }, (_, i) => currentFiscalYear() - i);
  const get = async (format: "XLSX" | "CSV", section?: (typeof SECTIONS)[number][0]) => {
    setError("");
    const answer = (await request(s, files.RequestReportFile, { fy, format, section: section ?? null })).requestFiscalYearReportFile;
    if (!answer.link) return setError(answer.userErrors[0]?.message ?? "ダウンロードできません。");
    location.assign(answer.link.url);
  };
  return html`<section data-testid="report-downloads">
    <h2>年度実績（Excel・CSV）</h2>
    <label>年度 <select name="fiscalYear" value=${fy} onChange=${(e: Event) => setFy(Number((e.target as HTMLSelectElement).value))}>
      ${years.map((y) => html`<option value=${y}>${fiscalYearLabel(y)}（${y}年度）</option>`)}
    </select></label>
    <div>
      <button type="button" data-testid="report-xlsx" onClick=${() => get("XLSX")}>Excel（全シート）</button>
      ${SECTIONS.map(([code, label]) => html`<button type="button" data-testid=${`report-csv-${code}`} onClick=${() => get("CSV", code)}>CSV：${label}</button>`)}
    </div>
    <p class="note">人数が5未満の数値は、分析・監査の権限がない方には「${"<5"}」と表示されます。地区別・月別の表では、5未満の数値と、それを合計などから逆算されないよう併せて伏せた数値がどちらも「—」と表示され、それでも足りないときは合計も「—」になります（グラフと同じ扱いです）。</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}

type Feed = CalendarFeedsQuery["calendarFeeds"][number];

function CalendarFeeds({ s }: { s: Session }) {
  const [feeds, setFeeds] = useState<Feed[]>([]);
  const [created, setCreated] = useState("");
  const [error, setError] = useState("");
  const reload = async () => setFeeds((await request(s, files.CalendarFeeds, {})).calendarFeeds);
  useEffect(() => void reload().catch((e: Error) => setError(e.message)), []);
  const create = async (e: Event) => {
    e.preventDefault();
    const label = String(new FormData(e.target as HTMLFormElement).get("label") ?? "");
    const answer = (await request(s, files.CreateCalendarFeed, { label })).createCalendarFeed;
    if (!answer.url) return setError(answer.userErrors[0]?.message ?? "作成できません。");
    setError("");
    setCreated(`${location.origin}${answer.url}`);
    await reload();
  };
  const revoke = async (id: string) => {
    const answer = (await request(s, files.RevokeCalendarFeed, { id })).revokeCalendarFeed;
    if (answer.userErrors.length) setError(answer.userErrors[0]!.message);
    await reload();
  };
  return html`<section data-testid="calendar-feeds">
    <h2>カレンダー配信（iCalendar）</h2>
    <p class="note">この組織が見られる会議の予定を、カレンダーアプリで購読できます。URLは作成したときに一度だけ表示されます。パスワードと同じように扱ってください。</p>
    <form onSubmit=${create}><input name="label" placeholder="名前（例：課の共有カレンダー）" maxlength="100" /> <button type="submit">配信URLを作成</button></form>
    ${created && html`<p data-testid="calendar-url">購読URL：<code>${created}</code></p>`}
    <table>
      <tbody>${feeds.map(
        (f) => html`<tr><td>${f.label}</td><td>${new Date(f.createdAt).toLocaleDateString("ja-JP", { timeZone: "Asia/Tokyo" })} 作成</td>
          <td>${f.revokedAt ? "停止済み" : html`<button type="button" onClick=${() => revoke(f.id)}>停止</button>`}</td></tr>`,
      )}</tbody>
    </table>
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}

function Charts({ s }: { s: Session }) {
  const coverage = useRef<HTMLCanvasElement>(null);
  const compliance = useRef<HTMLCanvasElement>(null);
  const consultations = useRef<HTMLCanvasElement>(null);
  const actions = useRef<HTMLCanvasElement>(null);
  const [data, setData] = useState<ChartFiguresQuery | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    const now = tokyoNow();
    const month = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
    request(s, files.ChartFigures, { from: month(from), to: month(now), fy: currentFiscalYear() })
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!data) return;
    drawCharts(
      { coverage: coverage.current!, compliance: compliance.current!, consultations: consultations.current!, actions: actions.current! },
      data,
    );
  }, [data]);
  const withheld = data?.fiscalYearReport.consultationsByMonth.some((c) => c.consultations.suppressed);
  return html`<section data-testid="charts">
    <h2>グラフ</h2>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <div class="charts">
      <div class="chart"><canvas ref=${coverage} data-testid="chart-coverage" role="img" aria-label="地域づくり拠点のカバー状況（年度別）"></canvas></div>
      <div class="chart"><canvas ref=${compliance} data-testid="chart-compliance" role="img" aria-label="拠点の月別基準達成"></canvas></div>
      <div class="chart"><canvas ref=${consultations} data-testid="chart-consultations" role="img" aria-label="月別・経路別の相談受付件数"></canvas></div>
      <div class="chart"><canvas ref=${actions} data-testid="chart-actions" role="img" aria-label="組織別の対応事項"></canvas></div>
    </div>
    ${withheld && html`<p class="note" data-testid="withheld-note">相談件数のうち5未満の数値と、そこから逆算できる数値は表示していません（分析・監査の権限がある方には表示されます）。</p>`}
    ${data && html`<p class="note" data-testid="charts-ready">系列は色に加えて模様（無地・斜線・点・格子）と数値で区別できます。</p>`}
  </section>`;
}

function Page() {
  const s = session();
  if (!s) return html`<p class="error">会議ボードでサインインしてから開いてください。<a href="./">会議ボードへ</a></p>`;
  return html`<nav class="toolbar" aria-label="ページの移動"><a href="./">← 会議ボード</a></nav>
    <main>
      <h1>帳票・カレンダー・グラフ</h1>
      <${ReportDownloads} s=${s} />
      <${CalendarFeeds} s=${s} />
      <${Charts} s=${s} />
    </main>`;
}

render(html`<${Page} />`, document.getElementById("app")!);
