/** One date format across the board: 2026年11月30日(月) 14:00, in Asia/Tokyo. */
const parts = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function pieces(date: Date): Record<string, string> {
  return Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A date and time (DateTimeISO) as 2026年11月30日(月) 14:00. */
export function formatDateTime(iso: string): string {
  const p = pieces(new Date(iso));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日(${p.weekday}) ${p.hour}:${p.minute}`;
}

/** A calendar date (LocalDate, 2026-11-30) as 2026年11月30日(月). */
export function formatDate(localDate: string): string {
  const p = pieces(new Date(`${localDate}T12:00:00+09:00`));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日(${p.weekday})`;
}

/** The value of a datetime-local field (read as Asia/Tokyo; Japan keeps no summer time) as DateTimeISO. */
export function tokyoToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const date = new Date(`${local}:00+09:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A DateTimeISO as a datetime-local value in Asia/Tokyo. */
export function isoToTokyo(iso: string): string {
  const p = pieces(new Date(iso));
  return `${p.year}-${p.month!.padStart(2, "0")}-${p.day!.padStart(2, "0")}T${p.hour}:${p.minute}`;
}
