// Starts the real Worker (src/index.ts, bindings from wrangler.toml) in Miniflare for benchmarks,
// with counters on its bindings, so KV and Durable Object costs are counted, not estimated.
//
//   import { startLocalWorker, serveFeeds } from "./local-worker.mjs";
//   const w = await startLocalWorker({ vars: { SOURCES: "..." } });
//   const res = await w.fetch("/feed.json");           // a Response (dispatched in-process)
//   const answer = await w.ingest(xml, { source: "https://example.org/feed.xml" }); // JSON body
//   const { result, counts } = await w.measure(() => w.fetch("/feed.xml")); // counters for fn only
//   await w.poll();                                     // one cron run (the scheduled handler)
//   await w.pollNow();                                  // POST /admin/poll (every source, due or not)
//   await w.settle();                                   // until background work (queues) is done
//   await w.stop();
//
// `w.url` is a real http://127.0.0.1:<port>/ origin for outside HTTP clients (load tests).
// `counts()`/`measure()` return (all integers, summed over the Worker and the fold index):
//   kvReads (get + getWithMetadata), kvWrites (put + delete), kvLists, kvGet, kvGetWithMetadata,
//   kvPut, kvDelete, kvList, doRequests (RPC calls on fold index stubs), doAlarms,
//   doRowsRead, doRowsWritten (SQLite rows, as Cloudflare bills them), queueMessages (sent),
//   queueConsumed (handed to the consumer and done), subrequests (outbound fetch() calls).
// Each start has an empty in-memory store. The bundle is built once per process.
//
// `serveFeeds(files)` starts a small HTTP server of ours for polling benches: `files` maps a path
// to `{ body, contentType? }` (mutable; change it between polls); it answers conditional GETs with
// ETag/304 like a well-behaved feed host. Returns `{ origin, files, close() }`.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let bundlePromise;

/** Bundles bench/counting-entry.mjs (src/index.ts plus counters) as wrangler would. */
function bundleWorker() {
  bundlePromise ??= (async () => {
    const outdir = join(tmpdir(), "feedfold-bench");
    mkdirSync(outdir, { recursive: true });
    const outfile = join(outdir, `worker-${process.pid}.mjs`);
    await build({
      entryPoints: [join(root, "bench/counting-entry.mjs")],
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["browser", "module", "main"],
      conditions: ["workerd", "worker", "browser"],
      external: ["cloudflare:*"],
      outfile,
      logLevel: "error",
    });
    return outfile;
  })();
  return bundlePromise;
}

/**
 * Starts the Worker. Options: `vars` (extra or overriding vars, strings), `token` (INGEST_TOKEN,
 * default "bench-token"), `onLog(line)` (the Worker's console output; default: dropped).
 */
export async function startLocalWorker(options = {}) {
  const token = options.token ?? "bench-token";
  const scriptPath = await bundleWorker();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
  const onLog = options.onLog ?? (() => {});
  const mf = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    modulesRules: undefined,
    bindings: {
      ...workerOptions.bindings,
      INGEST_TOKEN: token,
      PUBLISH_MIN_INTERVAL_MS: "0",
      ALLOW_LOOPBACK_SOURCES: "true",
      ...options.vars,
    },
    host: "127.0.0.1",
    port: 0,
    structuredWorkerdLogs: true,
    handleStructuredLogs: ({ message }) => onLog(message),
  });
  const url = (await mf.ready).href.replace(/\/$/, "");
  const base = "http://feedfold.bench";

  const fetchPath = (path, init) => mf.dispatchFetch(new URL(path, base).href, init);
  const counts = async () => (await fetchPath("/__bench/counts")).json();
  const reset = async () => {
    await (await fetchPath("/__bench/reset", { method: "POST" })).arrayBuffer();
  };
  return {
    url,
    token,
    miniflare: mf,
    fetch: fetchPath,
    /** POST /ingest; resolves to `{ status, body }` (body parsed as JSON). */
    async ingest(body, { source, contentType = "application/xml" } = {}) {
      const qs = source ? `?source=${encodeURIComponent(source)}` : "";
      const res = await fetchPath(`/ingest${qs}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
        body,
      });
      return { status: res.status, body: await res.json() };
    },
    /** POST /admin/poll: one polling cycle over every source, due or not; resolves to its JSON. */
    async pollNow() {
      const res = await fetchPath("/admin/poll", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
      return res.json();
    },
    /** Runs the scheduled handler once (the cron poll, due sources only), as the platform would. */
    async poll(cron = "*/15 * * * *") {
      const worker = await mf.getWorker();
      return worker.scheduled({ cron, scheduledTime: new Date() });
    },
    counts,
    reset,
    /** SQLite rows read and written per statement since the last reset (where DO rows go). */
    rows: async () => (await fetchPath("/__bench/rows")).json(),
    /**
     * Waits until the counters stop moving for `quietMs` (work the Worker finishes in the
     * background: queue consumers, alarms, waitUntil), at most `maxMs`.
     */
    async settle(quietMs = 300, maxMs = 60_000) {
      const deadline = Date.now() + maxMs;
      let last = JSON.stringify(await counts());
      let since = Date.now();
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const c = await counts();
        const now = JSON.stringify(c);
        if (now !== last) {
          last = now;
          since = Date.now();
        } else if (Date.now() - since >= quietMs && c.queueConsumed >= c.queueMessages) return;
      }
      throw new Error(`settle: the Worker was still busy after ${maxMs} ms`);
    },
    /** Zeroes the counters, runs `fn`, and returns its result with the counters it caused. */
    async measure(fn) {
      await reset();
      const result = await fn();
      return { result, counts: await counts() };
    },
    stop: () => mf.dispose(),
  };
}

/** A feed host of our own on 127.0.0.1 (see the header comment). */
export async function serveFeeds(files = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = files[path];
    if (!file) {
      res.writeHead(404).end("not found");
      return;
    }
    const etag = `"${createHash("sha256").update(file.body).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    res.writeHead(file.status ?? 200, {
      "Content-Type": file.contentType ?? "application/xml; charset=utf-8",
      ETag: etag,
    });
    res.end(file.body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    files,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
