/**
 * Node helpers for the render tests that run outside tools (feedparser, the JSON Feed
 * validator). The project has no @types/node, so the few Node APIs used are typed here and
 * loaded through a non-literal dynamic import (tests run in Node; src/ never imports these).
 */

interface SpawnResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}
interface ChildProcessModule {
  spawnSync(
    command: string,
    args: string[],
    options: { encoding: "utf8"; timeout?: number; env?: Record<string, string | undefined> },
  ): SpawnResult;
}
interface FsModule {
  existsSync(path: string): boolean;
  mkdtempSync(prefix: string): string;
  writeFileSync(path: string, data: string): void;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
}
interface OsModule {
  tmpdir(): string;
}
interface PathModule {
  resolve(...parts: string[]): string;
  join(...parts: string[]): string;
}
interface UrlModule {
  fileURLToPath(url: string | URL): string;
}
interface ProcessModule {
  execPath: string;
}

async function load<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

export const childProcess = await load<ChildProcessModule>("node:child_process");
export const fs = await load<FsModule>("node:fs");
export const os = await load<OsModule>("node:os");
export const path = await load<PathModule>("node:path");
export const nodeProcess = await load<ProcessModule>("node:process");
const url = await load<UrlModule>("node:url");

// The Workers types' ImportMeta has no `url`; in Node (where these tests run) it is the file URL.
const thisFileUrl = (import.meta as unknown as { url: string }).url;

/** The repository root (this file is test/unit/render/node-tools.ts). */
export const REPO_ROOT = path.resolve(url.fileURLToPath(new URL(".", thisFileUrl)), "../../..");

/** The shared checks folder beside the repository, when present. */
export const SHARED_CHECKS = path.resolve(REPO_ROOT, "../shared/checks");

/** True when /usr/bin/python3 can import feedparser (Debian python3-feedparser). */
export function hasPythonFeedparser(): boolean {
  if (!fs.existsSync("/usr/bin/python3")) return false;
  const r = childProcess.spawnSync("/usr/bin/python3", ["-c", "import feedparser"], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return r.status === 0;
}

/** Writes `content` to a new temp file and returns its path. */
export function writeTempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "feedfold-render-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
