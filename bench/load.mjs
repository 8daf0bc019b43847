// Load run against the local runtime: `wrangler dev` on loopback, autocannon reading /feed.json
// while distinct articles are ingested concurrently; then every ingested article must be in the
// merged feed. Bounded in time and count; prints "figure <name> <value>" lines and exits non-zero
// on any read error or missing item.
//   node bench/load.mjs [--port 8797] [--seconds 20] [--connections 16] [--articles 300] [--writers 8]
//                       [--root DIR]   (a copy of the repository to serve; wrangler dev restarts the
//                                       Worker whenever a source file under the served root changes)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : [])),
);
const root = args.root ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(args.port ?? process.env.LOAD_PORT ?? 8797);
const seconds = Math.min(Number(args.seconds ?? 20), 120);
const connections = Math.min(Number(args.connections ?? 16), 64);
const articles = Math.min(Number(args.articles ?? 300), 2000);
const writers = Math.min(Number(args.writers ?? 8), 32);
const token = "load-token";
const origin = `http://127.0.0.1:${port}`;

function article(n) {
  const syllables = "ka lo mi ne ru sa ti vo pe da gu fi zo ha je wu bi ce xo ly".split(" ");
  let x = (n * 2654435761 + 7) % 2147483648;
  const word = () => {
    let w = "";
    for (let i = 0; i < 3; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      w += syllables[(x >>> 8) % syllables.length];
    }
    return w;
  };
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: `Load Source ${n % 17}`,
    home_page_url: `https://load-${n % 17}.example.org/`,
    items: [
      {
        id: `load-${n}`,
        url: `https://load-${n % 17}.example.org/a/${n}`,
        title: `Load article ${n}`,
        content_text: `Article ${n}. ${Array.from({ length: 60 }, word).join(" ")}.`,
        date_published: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      },
    ],
  });
}

async function waitForHealth(deadline) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer on ${origin} in time`);
}

async function ingestAll() {
  const stats = { ok: 0, failed: 0, statuses: {} };
  let next = 0;
  async function writer() {
    while (next < articles) {
      const n = next++;
      const res = await fetch(`${origin}/ingest`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/feed+json" },
        body: article(n),
      });
      const text = await res.text();
      stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
      if (res.status !== 200 && stats.failed < 3)
        console.log(`ingest ${n}: ${res.status} ${text.slice(0, 300)}`);
      if (res.status === 200) stats.ok++;
      else stats.failed++;
    }
  }
  const started = Date.now();
  await Promise.all(Array.from({ length: writers }, writer));
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}

async function allListedIds() {
  const ids = new Set();
  for (let url = `${origin}/feed.json?limit=500`; url; ) {
    const page = await (await fetch(url)).json();
    for (const item of page.items) ids.add(item.id);
    url = page.next_url
      ? `${origin}${new URL(page.next_url).pathname}${new URL(page.next_url).search}`
      : undefined;
  }
  return ids;
}

const persist = mkdtempSync(join(tmpdir(), "feedfold-load-"));
const wrangler = spawn(
  "npx",
  [
    "wrangler",
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    persist,
    "--var",
    `INGEST_TOKEN:${token}`,
    "--var",
    "WRITE_RATE_LIMIT:0",
    "--log-level",
    "error",
  ],
  { cwd: root, detached: true, stdio: ["ignore", "ignore", "inherit"] },
);
const stop = () => {
  try {
    process.kill(-wrangler.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", () => {
  stop();
  rmSync(persist, { recursive: true, force: true });
});

let failed = false;
try {
  await waitForHealth(Date.now() + 90_000);
  console.log(
    `load: ${seconds}s of reads on ${connections} connections, ${articles} ingests by ${writers} writers, ${origin}`,
  );
  const reads = autocannon({ url: `${origin}/feed.json`, connections, duration: seconds, timeout: 10 });
  const ingests = await ingestAll();
  const result = await reads;

  // Publishes are spaced (PUBLISH_MIN_INTERVAL_MS); give the last one time to land.
  let listed = new Set();
  let defaultCount = 0;
  for (let i = 0; i < 40; i++) {
    listed = await allListedIds();
    defaultCount = (await (await fetch(`${origin}/feed.json`)).json()).items.length;
    if (listed.size >= ingests.ok && defaultCount === Math.min(50, ingests.ok)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const missing = ingests.ok - listed.size;
  const readErrors = result.errors + result.timeouts + result.non2xx;
  const figures = {
    load_reads: result.requests.total,
    load_reads_per_s: Math.round(result.requests.average),
    load_read_p50_ms: result.latency.p50,
    load_read_p99_ms: result.latency.p99,
    load_read_errors: readErrors,
    load_ingests_ok: ingests.ok,
    load_ingests_failed: ingests.failed,
    load_ingests_per_s: Math.round((ingests.ok / ingests.seconds) * 10) / 10,
    load_items_missing: missing,
    load_default_feed_items: defaultCount,
  };
  for (const [name, value] of Object.entries(figures)) console.log(`figure ${name} ${value}`);
  console.log(`ingest statuses: ${JSON.stringify(ingests.statuses)}`);
  failed = readErrors > 0 || ingests.failed > 0 || missing !== 0 || defaultCount !== Math.min(50, ingests.ok);
} catch (err) {
  console.error(String(err));
  failed = true;
} finally {
  stop();
}
process.exit(failed ? 1 : 0);
