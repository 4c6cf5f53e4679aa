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
