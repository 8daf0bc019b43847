// `npm run bench`: runs every bench/*.bench.mjs in turn, then prints the figures they reported
// (lines "figure <name> <value>") as a table and as one "name value" line each.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const figures = [];
for (const file of benches) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, [join(here, file)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  for (const line of run.stdout.split("\n")) {
    const m = /^figure (\S+) (\S+)$/.exec(line.trim());
    if (m) figures.push([m[1], m[2], file]);
    else if (line.trim()) console.log(line);
  }
  if (run.status !== 0) console.log(`(${file} exited with ${run.status})`);
}
console.log("\n| figure | value | bench |\n|---|---|---|");
for (const [name, value, file] of figures) console.log(`| ${name} | ${value} | ${file} |`);
console.log("");
for (const [name, value] of figures) console.log(`${name} ${value}`);
