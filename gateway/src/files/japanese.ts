/** Dates as city documents write them: 令和 and Western, in Asia/Tokyo. */
import { eraYear, tokyoParts } from "@marugoto/shared/core";

export { eraYear, fiscalYearLabel } from "@marugoto/shared/core";

/** e.g. 令和8年11月29日（2026年11月29日） */
export function japaneseDate(date: Date): string {
  const { year, month, day } = tokyoParts(date);
  return `${eraYear(year, month, day)}${month}月${day}日（${year}年${month}月${day}日）`;
}

/** A calendar date `YYYY-MM-DD` in both forms. */
export function japaneseLocalDate(value: string): string {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return `${eraYear(year, month, day)}${month}月${day}日（${year}年${month}月${day}日）`;
}

/** e.g. 14時00分 */
export function japaneseTime(date: Date): string {
  const { hour, minute } = tokyoParts(date);
  return `${hour}時${String(minute).padStart(2, "0")}分`;
}
