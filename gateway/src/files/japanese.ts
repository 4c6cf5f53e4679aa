/** Dates as city documents write them: 令和 and Western, in Asia/Tokyo. */

const TOKYO = "Asia/Tokyo";

function parts(date: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: TOKYO, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit", hourCycle: "h23" });
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute) };
}

/** 令和 from 2019-05-01 (元年 for its first year), 平成 before. */
export function eraYear(year: number, month: number, day: number): string {
  const reiwa = year > 2019 || (year === 2019 && (month > 4 || (month === 4 && day > 30)));
  const n = reiwa ? year - 2018 : year - 1988;
  return `${reiwa ? "令和" : "平成"}${n === 1 ? "元" : n}年`;
}

/** e.g. 令和8年11月29日（2026年11月29日） */
export function japaneseDate(date: Date): string {
  const { year, month, day } = parts(date);
  return `${eraYear(year, month, day)}${month}月${day}日（${year}年${month}月${day}日）`;
}

/** A calendar date `YYYY-MM-DD` in both forms. */
export function japaneseLocalDate(value: string): string {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return `${eraYear(year, month, day)}${month}月${day}日（${year}年${month}月${day}日）`;
}

/** e.g. 14時00分 */
export function japaneseTime(date: Date): string {
  const { hour, minute } = parts(date);
  return `${hour}時${String(minute).padStart(2, "0")}分`;
}

/** 令和8年度 for fiscal year 2026 (April to March). */
export function fiscalYearLabel(fy: number): string {
  return fy >= 2019 ? `令和${fy - 2018 === 1 ? "元" : fy - 2018}年度` : `平成${fy - 1988}年度`;
}
