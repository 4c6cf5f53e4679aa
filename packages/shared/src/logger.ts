/** One JSON line per event on stderr: easy to read in a terminal and to ship to a log store. */
type Fields = Record<string, unknown>;
type Level = "info" | "warn" | "error";

const ORDER: Record<Level, number> = { info: 0, warn: 1, error: 2 };

/**
 * LOG_LEVEL: info (default), warn, error, or false (silent). The same values the gateway
 * runtime's own logger reads from the same variable.
 */
export function logLevel(env: NodeJS.ProcessEnv = process.env): Level | false {
  const value = env.LOG_LEVEL;
  if (value === "false") return false;
  return value === "warn" || value === "error" ? value : "info";
}

function write(level: Level, message: string, fields?: Fields): void {
  const threshold = logLevel();
  if (threshold === false || ORDER[level] < ORDER[threshold]) return;
  const line = { time: new Date().toISOString(), level, service: process.env.SERVICE_NAME, message, ...fields };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

export const logger = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
