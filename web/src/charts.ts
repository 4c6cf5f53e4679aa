import { Chart, registerables, type ChartConfiguration } from "chart.js";

Chart.register(...registerables);
Chart.defaults.font.family = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", sans-serif';
Chart.defaults.color = "#1d2733";
Chart.defaults.animation = false;
// Chart.js's registry (`Chart.getChart(canvas)`) reachable from the page: a reader of the figures
// behind a canvas (the browser test, a developer's console) gets each chart's labels and data.
(globalThis as { Chart?: typeof Chart }).Chart ??= Chart;

export type PatternKind = "solid" | "stripes" | "dots" | "cross" | "backslash";

/**
 * A fill that reads without colour: each series gets its own pattern (stripes, dots, cross-hatch),
 * drawn over its colour, so the chart can be told apart in grey print or by colour-blind readers.
 */
export function pattern(kind: PatternKind, color: string): CanvasPattern | string {
  if (kind === "solid") return color;
  const size = 10;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const g = canvas.getContext("2d")!;
  g.fillStyle = color;
  g.fillRect(0, 0, size, size);
  g.strokeStyle = "#ffffff";
  g.fillStyle = "#ffffff";
  g.lineWidth = 2;
  if (kind === "dots") {
    g.beginPath();
    g.arc(size / 2, size / 2, 2, 0, Math.PI * 2);
    g.fill();
  } else {
    g.beginPath();
    if (kind === "stripes" || kind === "cross") {
      g.moveTo(0, size);
      g.lineTo(size, 0);
    }
    if (kind === "backslash" || kind === "cross") {
      g.moveTo(0, 0);
      g.lineTo(size, size);
    }
    g.stroke();
  }
  // The pattern's name on the fill, so that what tells the series apart can be read back, not only seen.
  return Object.assign(g.createPattern(canvas, "repeat")!, { patternKind: kind });
}

export const SERIES: { kind: PatternKind; color: string }[] = [
  { kind: "solid", color: "#24507a" },
  { kind: "stripes", color: "#c0504d" },
  { kind: "dots", color: "#4f7f3a" },
  { kind: "cross", color: "#8064a2" },
  { kind: "backslash", color: "#b07a1e" },
];

/** Writes each bar's value on it (or above it): the figures are readable without the legend's colours. */
const valueLabels = {
  id: "valueLabels",
  afterDatasetsDraw(chart: Chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = `11px ${Chart.defaults.font.family}`;
    ctx.fillStyle = "#1d2733";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || meta.type !== "bar") return;
      meta.data.forEach((element, j) => {
        const value = dataset.data[j];
        if (typeof value !== "number" || value === 0) return;
        const { x, y, base } = element.getProps(["x", "y", "base"], true) as { x: number; y: number; base: number };
        const horizontal = chart.options.indexAxis === "y";
        const [cx, cy] = horizontal ? [(x + base) / 2, y] : [x, (y + base) / 2];
        const text = String(value);
        const w = ctx.measureText(text).width + 6;
        // A white label box keeps the figure legible over any pattern.
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(cx - w / 2, cy - 8, w, 15);
        ctx.fillStyle = "#1d2733";
        ctx.fillText(text, cx, cy + 6);
      });
    });
    ctx.restore();
  },
};

export function drawChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, { ...config, plugins: [...(config.plugins ?? []), valueLabels] });
}
