/**
 * When started by `npm start`, exit if that process disappears without stopping us (e.g. SIGKILL),
 * so no orphan keeps a port or a database connection.
 */
export function watchParent(onGone: () => void): void {
  const parent = Number(process.env.MARUGOTO_PARENT_PID);
  if (!parent) return;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      onGone();
    }
  }, 1000).unref();
}
