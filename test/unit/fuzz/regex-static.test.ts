/**
 * Static ReDoS analysis of every regular expression written in src/: each literal and each
 * `new RegExp(…)` is found in the sources (regex-sites.ts) and checked by recheck, which decides
 * from the pattern alone whether some input makes backtracking super-linear. No clock is involved:
 * recheck's own time limits are switched off, its fuzzer has a fixed seed and is bounded by step
 * counts, and it runs its pure JavaScript build (no native binary, no JVM).
 */
import { fileURLToPath } from "node:url";
import { checkSync, type Diagnostics, type Parameters } from "recheck";
import { describe, expect, it } from "vitest";
import { type RegexSite, regexSites, sourceFiles } from "./regex-sites";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SITES: RegexSite[] = sourceFiles(`${ROOT}src`).flatMap((path) => regexSites(path, ROOT));

const PARAMETERS: Parameters = {
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  randomSeed: 1,
};

/**
 * Patterns recheck flags or cannot decide, keyed by `file /source/flags`, each with what recheck
 * reported: none today (the last six were rewritten or replaced by scans). A pattern listed here
 * shows up as a todo in every run, and the list can only shrink: an entry that no longer matches
 * a site fails.
 */
const KNOWN: Record<string, string> = {};

const keyOf = (site: RegexSite) => `${site.file} /${site.source}/${site.flags}`;

function describeResult(d: Diagnostics): string {
  if (d.status === "vulnerable") return `${d.complexity.summary}, attack ${d.attack.pattern}`;
  if (d.status === "unknown") return `unknown: ${JSON.stringify(d.error)}`;
  return `${d.status} (${d.checker}, ${d.complexity.type})`;
}

describe("every regular expression in src/ is safe from catastrophic backtracking", () => {
  it("finds the patterns, and every one is a constant that can be checked before it runs", () => {
    expect(SITES.length).toBeGreaterThan(150);
    const dynamic = SITES.filter((s) => s.source === undefined || s.flags === undefined);
    expect(dynamic.map((s) => `${s.file}:${s.line} ${s.text}`)).toEqual([]);
  });

  it("lists as known only patterns that are still in src/", () => {
    const present = new Set(SITES.map(keyOf));
    expect(Object.keys(KNOWN).filter((key) => !present.has(key))).toEqual([]);
  });

  // recheck's pure build reads this when checkSync is called; the default would look for a
  // native binary or a JVM first.
  process.env.RECHECK_SYNC_BACKEND = "pure";
  for (const site of SITES) {
    if (site.source === undefined || site.flags === undefined) continue;
    const { source, flags } = site;
    const known = KNOWN[keyOf(site)];
    const name = `${site.file}:${site.line} /${source}/${flags}`;
    if (known !== undefined) {
      it.todo(`${name} — ${known}`);
      continue;
    }
    // Minutes for a slow pattern on a loaded machine; the verdict does not depend on the time.
    it(name, { timeout: 600_000 }, () => {
      const result = checkSync(source, flags, PARAMETERS);
      expect(result.status, describeResult(result)).toBe("safe");
    });
  }
});
