/** One JSON line per event on stderr: easy to read in a terminal and to ship to a log store. */
type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", message: string, fields?: Fields): void {
  if (process.env.LOG_LEVEL === "silent") return;
  if (level === "info" && process.env.LOG_LEVEL === "warn") return;
  const line = { time: new Date().toISOString(), level, service: process.env.SERVICE_NAME, message, ...fields };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

export const logger = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
