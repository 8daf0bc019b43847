/**
 * Every README example marked `<!-- example: runs against npm start … -->` runs as written against
 * the Worker started exactly as `npm start` starts it (its script from package.json, on free ports
 * and a fresh store instead of 8787 and .wrangler/demo-state), with `node examples/serve.mjs`
 * serving the sample feeds. Each block runs in bash with `set -euo pipefail` and curl failing on
 * any HTTP error; the answers the README shows are checked; and the Worker's console shows no
 * error line or stack trace from start to finish.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./render/node-tools";

const README_PORT = "127.0.0.1:8787";
const SAMPLES_PORT = "127.0.0.1:8788";
const MARKER = "<!-- example: runs against npm start";
const SEPARATOR = "\u001e";

/** The marked ```sh blocks of the README, in order. */
function exampleBlocks(readme: string): string[] {
  const blocks: string[] = [];
  for (const part of readme.split(MARKER).slice(1)) {
    const block = part.match(/^[^\n]*-->\n```sh\n([\s\S]*?)\n```/);
    if (block?.[1] === undefined) throw new Error(`a marker without a sh block: ${part.slice(0, 80)}`);
    blocks.push(block[1]);
  }
  return blocks;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in 90 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (child?.pid === undefined || child.exitCode !== null) return Promise.resolve();
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const blocks = exampleBlocks(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));
let work: string;
let workerAt: string;
let samplesAt: string;
let worker: ChildProcess | undefined;
let samples: ChildProcess | undefined;
let console_ = "";

beforeAll(async () => {
  workerAt = `127.0.0.1:${await freePort()}`;
  samplesAt = `127.0.0.1:${await freePort()}`;
  // A copy of examples/ whose files name the sample server's port instead of 8788.
  work = mkdtempSync(join(tmpdir(), "feedfold-readme-"));
  cpSync(join(REPO_ROOT, "examples"), join(work, "examples"), { recursive: true });
  for (const name of readdirSync(join(work, "examples"))) {
    const file = join(work, "examples", name);
    writeFileSync(file, readFileSync(file, "utf8").replaceAll(SAMPLES_PORT, samplesAt));
  }
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const start = pkg.scripts.start
    .replace("--port 8787", `--port ${workerAt.split(":")[1]}`)
    .replace("--persist-to .wrangler/demo-state", `--persist-to ${join(work, "state")}`);
  expect(start).not.toBe(pkg.scripts.start);
  worker = spawn("sh", ["-c", start], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${join(REPO_ROOT, "node_modules/.bin")}:${process.env.PATH}`,
      NO_COLOR: "1",
    },
  });
  worker.stdout?.on("data", (d) => {
    console_ += d;
  });
  worker.stderr?.on("data", (d) => {
    console_ += d;
  });
  samples = spawn(process.execPath, [join(work, "examples/serve.mjs"), samplesAt.split(":")[1]!], {
    detached: true,
    stdio: "ignore",
  });
  await waitFor(`http://${samplesAt}/island-radio.xml`, samples, () => "");
  await waitFor(`http://${workerAt}/healthz`, worker, () => console_);
}, 120_000);

afterAll(async () => {
  await stopGroup(worker);
  await stopGroup(samples);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs one README block as written (ports moved), curl failing on any HTTP error status. */
function run(block: string): { status: number | null; answers: string[]; stdout: string; stderr: string } {
  const script = [
    "set -euo pipefail",
    // Each answer is followed by a record separator, so the test can tell them apart.
    `curl() { command curl -sS --fail-with-body "$@"; printf '\\n${SEPARATOR}\\n'; }`,
    block.replaceAll(README_PORT, workerAt).replaceAll(SAMPLES_PORT, samplesAt),
  ].join("\n");
  const r = spawnSync("bash", ["-c", script], { cwd: work, encoding: "utf8", timeout: 60_000 });
  const answers = r.stdout
    .split(SEPARATOR)
    .map((a) => a.trim())
    .filter((a) => a !== "");
  return { status: r.status, answers, stdout: r.stdout, stderr: r.stderr };
}

describe("the README's examples against npm start", () => {
  it("finds the marked examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });

  it("pushes the sample feed: one copy folds into the demo's ferry story, one story is new", () => {
    const r = run(blocks[0]!);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const [ingest, feed, health] = r.answers;
    expect(JSON.parse(ingest!).results.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
      ["island-radio-5521", "duplicate"],
      ["island-radio-5524", "new"],
    ]);
    expect(JSON.parse(feed!).items).toHaveLength(2);
    expect(JSON.parse(health!)).toEqual({ ok: true, service: "feedfold" });
  });

  it("adds a source by its page, imports the OPML, polls, and reads the status", () => {
    const r = run(blocks[1]!);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const [added, imported, polled, sources, opml, stats] = r.answers;
    const source = JSON.parse(added!);
    expect(source.created).toBe(true);
    expect(source.discoveredFrom).toBe(`http://${samplesAt}/`);
    expect(source.source.url).toBe(`http://${samplesAt}/island-radio.xml`);
    expect(JSON.parse(imported!)).toEqual({ feeds: 2, added: 1, updated: 1, unchanged: 0, skipped: [] });
    expect(JSON.parse(polled!)).toMatchObject({ mode: "inline", due: 2, claimed: 2, ok: 2, failed: 0 });
    expect(JSON.parse(sources!).sources).toHaveLength(2);
    expect(opml).toContain("<opml");
    expect(JSON.parse(stats!)).toMatchObject({ sources: { total: 2, ok: 2, failing: 0 } });
  });

  it("leaves the console without an error line or a stack trace", () => {
    expect(console_).toContain("Ready on");
    const bad = console_.split("\n").filter((line) => /error|✘|stack|^\s+at /i.test(line));
    // Our own log lines are JSON; an ingest or poll line may contain "error": null only as data.
    expect(bad.filter((line) => !line.startsWith('{"event":'))).toEqual([]);
  });
});
