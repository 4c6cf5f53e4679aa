// Preloaded into every process `npm start` runs (node --import). From the first moment — long
// before the process has loaded its code (which can take many seconds on a busy machine, the main
// thread busy all along) — a worker thread checks that the start process is still there. When it
// is gone (e.g. SIGKILL), the process is sent SIGTERM: once booted, its own handler stops it
// cleanly; before that, the default action ends it.
import { Worker } from "node:worker_threads";

const parent = Number(process.env.MARUGOTO_PARENT_PID);
if (parent) {
  const source = `
    const { parent } = require("node:worker_threads").workerData;
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        process.kill(process.pid, "SIGTERM");
      }
    }, 500);
  `;
  new Worker(source, { eval: true, workerData: { parent }, execArgv: [], env: {}, stdout: false, stderr: false }).unref();
}
