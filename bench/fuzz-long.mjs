// The long fuzz run: test/unit/fuzz/pipeline.fuzz.test.ts with many more runs than CI's bounded
// count, and a new seed each time unless one is given (printed, so a failure can be replayed).
// Usage: node bench/fuzz-long.mjs [runs=20000] [seed]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] ?? 20000);
const seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
console.log(
  `fuzz: ${runs} runs per property, seed ${seed} (replay: node bench/fuzz-long.mjs ${runs} ${seed})`,
);
const started = Date.now();
const run = spawnSync(
  "npx",
  ["vitest", "run", "--project", "unit", "test/unit/fuzz/pipeline.fuzz.test.ts", "--testTimeout", "0"],
  { cwd: root, stdio: "inherit", env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) } },
);
console.log(`figure fuzz_runs_per_property ${runs}`);
console.log(`figure fuzz_seconds ${((Date.now() - started) / 1000).toFixed(1)}`);
process.exit(run.status ?? 1);
