// Bundles our TypeScript for Node, so benchmarks measure the same code the Worker runs.
// `loadLib()` → src/lib.ts (parseFeed, fingerprintItems, …); `loadBundle(name, contents)` → any
// entry written as source text (re-exports of the modules a bench needs).
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `contents` (TypeScript, resolved from the repository root) and imports the result. */
export async function loadBundle(name, contents) {
  const outdir = join(tmpdir(), "feedfold-bench");
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${name}-${process.pid}.mjs`);
  await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "error",
  });
  return import(pathToFileURL(outfile).href);
}

/** Builds src/lib.ts, the pure pipeline, and imports it. */
export function loadLib() {
  return loadBundle("lib", 'export * from "./src/lib";');
}
