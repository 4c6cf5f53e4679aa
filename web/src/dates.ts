/** Dates as city documents write them: 令和 and Western, in Asia/Tokyo. */
function parts(date: Date) {
  const f = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute) };
}

function eraYear(year: number, month: number, day: number): string {
  const reiwa = year > 2019 || (year === 2019 && (month > 4 || (month === 4 && day > 30)));
  const n = reiwa ? year - 2018 : year - 1988;
  return `${reiwa ? "令和" : "平成"}${n === 1 ? "元" : n}年`;
}

export function japaneseDate(iso: string): string {
  const { year, month, day } = parts(new Date(iso));
  return `${eraYear(year, month, day)}${month}月${day}日（${year}年${month}月${day}日）`;
}

export function japaneseLocalDate(value: string): string {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return `${eraYear(year, month, day)}${month}月${day}日（${year}年${month}月${day}日）`;
}

export function japaneseTime(iso: string): string {
  const { hour, minute } = parts(new Date(iso));
  return `${hour}時${String(minute).padStart(2, "0")}分`;
}

export const fiscalYearLabel = (fy: number) => (fy >= 2019 ? `令和${fy - 2018 === 1 ? "元" : fy - 2018}年度` : `平成${fy - 1988}年度`);

const DAY_MS = 86_400_000;
/** Asia/Tokyo keeps one offset all year (no summer time). */
export const TOKYO_OFFSET_MS = 9 * 3_600_000;

/**
 * The start (midnight in Asia/Tokyo) of the day `days` days before `now`, as an ISO instant. The
 * board's meeting list starts there: the same value all day long, so a reload of the board asks the
 * same question and the gateway can answer it from what it keeps for the caller.
 */
export function tokyoDayStartDaysBefore(days: number, now: number = Date.now()): string {
  const todayStart = Math.floor((now + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS - TOKYO_OFFSET_MS;
  return new Date(todayStart - days * DAY_MS).toISOString();
}
