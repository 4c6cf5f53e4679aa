import type { ChartConfiguration } from "chart.js";
import { drawChart, pattern, SERIES } from "./charts.js";
import { fiscalYearLabel } from "./dates.js";
import type { ChartFiguresQuery } from "./gql/graphql.js";
import { CONSULTATION_SOURCE_LABELS } from "@marugoto/shared/labels";

/** The charts of the reports page, each drawn from the figures of one `ChartFigures` answer. */

/** Series `i`: its colour with its pattern (solid, stripes, dots, …), so it is told apart without colour too. */
const fill = (i: number) => pattern(SERIES[i]!.kind, SERIES[i]!.color);

function coverageChart(history: ChartFiguresQuery["hubCoverageHistory"]): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: history.map((h) => fiscalYearLabel(h.fiscalYear)),
      datasets: [
        {
          label: "拠点のある地区数",
          data: history.map((h) => h.districtsWithHub),
          backgroundColor: fill(0),
          borderColor: SERIES[0]!.color,
          borderWidth: 1,
        },
        { label: "拠点数", data: history.map((h) => h.hubs), backgroundColor: fill(1), borderColor: SERIES[1]!.color, borderWidth: 1 },
        {
          type: "line",
          label: `目標（全${history[0]?.goal ?? 30}地区）`,
          data: history.map((h) => h.goal),
          borderColor: "#000",
          borderDash: [6, 4],
          pointStyle: "rectRot",
          pointRadius: 4,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      plugins: { title: { display: true, text: "地域づくり拠点のカバー状況（年度別）" } },
      scales: { y: { beginAtZero: true, title: { display: true, text: "地区・拠点" } } },
    },
  };
}

function complianceChart(trend: ChartFiguresQuery["hubComplianceTrend"]): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: trend.map((t) => `${Number(t.month.slice(5))}月`),
      datasets: [
        {
          label: "基準を満たした拠点（月8回以上・相談日あり）",
          data: trend.map((t) => t.compliantHubs),
          backgroundColor: fill(2),
          borderColor: SERIES[2]!.color,
          borderWidth: 1,
        },
        {
          label: "満たさなかった拠点",
          data: trend.map((t) => t.hubs - t.compliantHubs),
          backgroundColor: fill(1),
          borderColor: SERIES[1]!.color,
          borderWidth: 1,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      plugins: { title: { display: true, text: "拠点の月別基準達成（直近12か月）" } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "拠点数" } } },
    },
  };
}

function consultationsChart(report: ChartFiguresQuery["fiscalYearReport"]): ChartConfiguration {
  const cells = report.consultationsByMonth;
  const months = [...new Set(cells.map((c) => c.month))];
  const sources = Object.entries(CONSULTATION_SOURCE_LABELS);
  return {
    type: "bar",
    data: {
      labels: months.map((m) => `${Number(m.slice(5))}月`),
      datasets: sources.map(([source, label], i) => ({
        label,
        data: months.map((m) => cells.find((c) => c.month === m && c.source === source)?.consultations.value ?? null),
        backgroundColor: fill(i),
        borderColor: SERIES[i]!.color,
        borderWidth: 1,
      })),
    },
    options: {
      maintainAspectRatio: false,
      plugins: { title: { display: true, text: `月別・経路別の相談受付件数（${report.label}）` } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "件数" } } },
    },
  };
}

function actionsChart(actionItemTally: ChartFiguresQuery["actionItemTally"]): ChartConfiguration {
  const tally = actionItemTally.slice(0, 15);
  return {
    type: "bar",
    data: {
      labels: tally.map((t) => t.organization?.name ?? "（名簿にない団体）"),
      datasets: [
        { label: "未完了", data: tally.map((t) => t.open), backgroundColor: fill(0), borderColor: SERIES[0]!.color, borderWidth: 1 },
        { label: "期限超過", data: tally.map((t) => t.overdue), backgroundColor: fill(1), borderColor: SERIES[1]!.color, borderWidth: 1 },
        { label: "完了", data: tally.map((t) => t.done), backgroundColor: fill(2), borderColor: SERIES[2]!.color, borderWidth: 1 },
      ],
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      plugins: { title: { display: true, text: "組織別の対応事項（状況別）" } },
      scales: { x: { stacked: true, beginAtZero: true, title: { display: true, text: "件数" } }, y: { stacked: true } },
    },
  };
}

export interface ChartCanvases {
  coverage: HTMLCanvasElement;
  compliance: HTMLCanvasElement;
  consultations: HTMLCanvasElement;
  actions: HTMLCanvasElement;
}

/** Draws (or redraws) the four charts. */
export function drawCharts(canvases: ChartCanvases, data: ChartFiguresQuery): void {
  drawChart(canvases.coverage, coverageChart(data.hubCoverageHistory));
  drawChart(canvases.compliance, complianceChart(data.hubComplianceTrend));
  drawChart(canvases.consultations, consultationsChart(data.fiscalYearReport));
  drawChart(canvases.actions, actionsChart(data.actionItemTally));
}
