// Bundles src/lib.ts (the pure pipeline the Worker runs) for Node, so benchmarks measure the same
// code. Usage: `const lib = await loadLib();` → { parseFeed, fingerprintItems, ... }.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Builds src/lib.ts into a temporary ES module and imports it. */
export async function loadLib() {
  const outdir = join(tmpdir(), "feedfold-bench");
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `lib-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, "src/lib.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "error",
  });
  return import(pathToFileURL(outfile).href);
}
