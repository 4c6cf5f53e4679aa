/**
 * Summarises a V8 `.cpuprofile` (node --cpu-prof): self time by function and by package (or project
 * folder). Run alone: `npx tsx bench/profile-summary.ts <file.cpuprofile>`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (`@scope/name`), a project folder, or the V8 category. */
function moduleOf(url: string, name: string): string {
  if (!url) return `(${name || "native"})`;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  const m = /\/(gateway|packages\/shared|subgraphs\/[^/]+|bench)\/src\/|\/(bench)\//.exec(url);
  return m ? `project:${m[1] ?? m[2]}` : url.replace(/^file:\/\//, "");
}

/**
 * `skip`: samples of the first milliseconds (start-up, warm-up) are left out; or a window of
 * CLOCK_MONOTONIC microseconds (`process.hrtime` / 1000, the clock of the profile's timestamps),
 * outside which samples are left out.
 */
export function summariseProfile(profile: Profile, skip: number | { from: number; to: number } = 0, top = 25): string {
  const inWindow = (at: number) =>
    typeof skip === "number" ? at >= skip * 1000 : profile.startTime + at >= skip.from && profile.startTime + at <= skip.to;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (!inWindow(at)) return;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") {
      idle += us;
      continue;
    }
    const file = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(gateway|packages|subgraphs|bench)\//, "$1/");
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const m = moduleOf(url, functionName);
    mod.set(m, (mod.get(m) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [
    `busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s (the rest idle); self time, share of busy:`,
    "",
    "by package:",
  ];
  for (const [k, us] of [...mod].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push("", "by function:");
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, skip] = process.argv.slice(2);
  console.log(`${file}\n${summariseProfile(JSON.parse(readFileSync(file!, "utf8")) as Profile, Number(skip ?? 0))}\n`);
}
