import { BadUserInputError } from "./errors.js";

/** Calendar arithmetic in Asia/Tokyo, where the programme lives. */
const TOKYO = "Asia/Tokyo";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Today's date in Tokyo as YYYY-MM-DD. */
export function tokyoDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TOKYO, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** How long from `at` until the next midnight in Tokyo (UTC+9 all year), in ms: never 0. */
export function msUntilTokyoMidnight(at: Date = new Date()): number {
  const day = 86_400_000;
  const offset = 9 * 3_600_000;
  const sinceMidnight = (((at.getTime() + offset) % day) + day) % day;
  return day - sinceMidnight;
}

/** The month of a date in Tokyo as YYYY-MM: 2025-01-31T15:30Z → 2025-02. */
export function tokyoMonth(at: Date = new Date()): string {
  return tokyoDate(at).slice(0, 7);
}

/** A date's calendar parts and wall-clock time in Tokyo. */
export function tokyoParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone: TOKYO,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute) };
}

/** Fiscal year (April–March) of a date in Tokyo: 2023-03-31 → 2022, 2023-04-01 → 2023. */
export function fiscalYear(at: Date = new Date()): number {
  const [y, m] = tokyoDate(at).split("-").map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** A month `YYYY-MM` (01–12, years 1900–2999) from a client; anything else is refused as bad input, never reaching SQL. */
export function parseMonth(value: string, field = "month"): { year: number; month: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  // Years a record can be about (9999-12 would have no following month to end at).
  if (!match || Number(match[1]) < 1900 || Number(match[1]) > 2999)
    throw new BadUserInputError(`月は YYYY-MM（例: 2025-01）で指定してください（${field}）。`, field);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** The month `by` months after (or, negative, before) a month `YYYY-MM`: ("2025-01", -1) → "2024-12". */
export function addMonths(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** A month `YYYY-MM` (checked as `parseMonth` does) as the instants it spans in Tokyo: [start, end). */
export function monthSpan(month: string, field = "month"): { start: Date; end: Date } {
  parseMonth(month, field);
  return { start: new Date(`${month}-01T00:00:00+09:00`), end: new Date(`${addMonths(month, 1)}-01T00:00:00+09:00`) };
}

/** The instants of a fiscal year (April to March) in Tokyo: [start, end). */
export function fiscalYearSpan(fy: number): { start: Date; end: Date } {
  return { start: new Date(`${fy}-04-01T00:00:00+09:00`), end: new Date(`${fy + 1}-04-01T00:00:00+09:00`) };
}

/** The era year of a calendar date: 令和 from 2019-05-01 (元年 for its first year), 平成 before. */
export function eraYear(year: number, month: number, day: number): string {
  const reiwa = year > 2019 || (year === 2019 && (month > 4 || (month === 4 && day > 30)));
  const n = reiwa ? year - 2018 : year - 1988;
  return `${reiwa ? "令和" : "平成"}${n === 1 ? "元" : n}年`;
}

/** Japanese label of a fiscal year (April–March): 2019 → 令和元年度, 2026 → 令和8年度, 2018 → 平成30年度. */
export function fiscalYearLabel(fy: number): string {
  if (fy < 2019) return `平成${fy - 1988 === 1 ? "元" : fy - 1988}年度`;
  return `令和${fy - 2018 === 1 ? "元" : fy - 2018}年度`;
}
