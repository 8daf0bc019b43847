// `npm run bench`: runs every bench/*.bench.mjs in turn (or those whose names contain an argument:
// `npm run bench -- kv ingest`), then prints the figures they reported (lines "figure <name> <value>")
// as a table and as one machine-readable "name value" line each, last.
//
// Every bench uses our own deterministic corpus (seeded generators); benches that also read
// ../shared/fixtures/real-feeds say so in their output, and name any figure made of it "…_real…"
// (parse.bench.mjs, per issue 15), so a run without ../shared has every other figure.
// A figure name is unique: when a second bench reports a name already taken, its figure is kept as
// "<name>__<bench>" and a warning says so.
//
// The whole run has a budget (BENCH_BUDGET_S, default 570 s: the issue asks for under 10 minutes on
// 2 cores): a bench still running when it is spent is stopped (its whole process group, Miniflare's
// workerd included), reported as timed out, and the run exits non-zero.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const realFeeds = existsSync(join(here, "../../shared/fixtures/real-feeds"));
console.log(
  `feedfold benchmarks: ${benches.length} benches, our own seeded corpus; ../shared/fixtures/real-feeds ${realFeeds ? "present (read by some benches as extra, unscored output)" : "absent"}`,
);

const budgetS = Number(process.env.BENCH_BUDGET_S ?? 570);

/** Runs one bench in its own process group; resolves to its stdout and exit status. */
function runBench(file, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, file)], {
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    let stdout = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const timer = setTimeout(
      () => {
        timedOut = true;
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      },
      Math.max(1000, timeoutMs),
    );
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, status: timedOut ? "timed out" : (status ?? signal) });
    });
  });
}

const figures = [];
const taken = new Map();
const timings = [];
const failed = [];
const started = performance.now();
for (const file of benches) {
  console.log(`\n== ${file}`);
  const t0 = performance.now();
  const remainingMs = budgetS * 1000 - (performance.now() - started);
  const run = await runBench(file, remainingMs);
  const stem = file.replace(/\.bench\.mjs$/, "");
  let workerLogLines = 0;
  for (const line of (run.stdout ?? "").split("\n")) {
    const m = /^figure (\S+) (\S+)$/.exec(line.trim());
    if (!m) {
      // The Worker's own JSON log lines (one per poll or ingest) would drown the figures.
      if (line.startsWith('{"event":')) workerLogLines++;
      else if (line.trim()) console.log(line);
      continue;
    }
    let name = m[1];
    if (taken.has(name)) {
      console.log(
        `warning: figure ${name} is already reported by ${taken.get(name)}; kept as ${name}__${stem}`,
      );
      name = `${name}__${stem}`;
    }
    taken.set(name, file);
    figures.push([name, m[2], file]);
  }
  if (workerLogLines > 0) console.log(`(${workerLogLines} Worker log lines not shown)`);
  const seconds = (performance.now() - t0) / 1000;
  timings.push([file, seconds]);
  if (run.status !== 0) {
    failed.push(file);
    console.log(
      `(${file} ${run.status === "timed out" ? `stopped: the ${budgetS} s budget of the run was spent` : `exited with ${run.status}`})`,
    );
  }
}
const total = (performance.now() - started) / 1000;

console.log("\n| bench | seconds |\n|---|---:|");
for (const [file, seconds] of timings) console.log(`| ${file} | ${seconds.toFixed(1)} |`);
console.log(`| all | ${total.toFixed(1)} |`);
console.log("\n| figure | value | bench |\n|---|---:|---|");
for (const [name, value, file] of figures) console.log(`| ${name} | ${value} | ${file} |`);
console.log("");
for (const [name, value] of figures) console.log(`${name} ${value}`);
if (failed.length) {
  console.error(`bench: ${failed.join(", ")} failed`);
  process.exitCode = 1;
}
