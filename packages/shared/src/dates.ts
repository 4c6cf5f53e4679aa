import { BadUserInputError } from "./errors.js";

/** Calendar arithmetic in Asia/Tokyo, where the programme lives. */
const TOKYO = "Asia/Tokyo";

/** Today's date in Tokyo as YYYY-MM-DD. */
export function tokyoDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TOKYO, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
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
  if (!match || Number(match[1]) < 1900 || Number(match[1]) > 2999) throw new BadUserInputError(`月は YYYY-MM（例: 2025-01）で指定してください（${field}）。`, field);
  return { year: Number(match[1]), month: Number(match[2]) };
}
