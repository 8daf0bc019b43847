// `node bench/run.mjs poll`: 2,000 sources on a local feed server, polled through the cron, the
// queue and its consumer in the local runtime (Miniflare running the bundle `npm run build` puts
// in dist/), with counters on the bindings (KV, fold index calls, queue sends) and on the feed
// server (fetches per source), not estimates. Three cycles:
//   1. every source new (cron → queue → consumer),
//   2. nothing changed (half answer 304 to the conditional GET, half send the same bytes),
//   3. one source in ten has one new item.
// Cycles 2 and 3 start with POST /admin/poll (same claim and fan-out, every source due), because
// the cron only takes sources whose interval has passed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = Number(process.env.BENCH_SOURCES ?? 2000);
const CHANGED_EVERY = 10;
// Every ingest waits for a KV publish that starts after it, and publishes are spaced
// PUBLISH_MIN_INTERVAL_MS apart (1000 by default); Miniflare runs consumer batches one after
// another, so the default would measure that spacing, not polling. 0 coalesces less, so the KV
// writes per new story printed here are an upper bound of a deployment's.
const PUBLISH_MIN_INTERVAL_MS = process.env.BENCH_PUBLISH_MIN_INTERVAL_MS ?? "0";

const build = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "dist"], {
  cwd: root,
  encoding: "utf8",
});
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}
const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
const setting = (name, fallback) =>
  Number(new RegExp(`^${name}\\s*=\\s*(\\d+)`, "m").exec(toml)?.[1] ?? fallback);
const maxBatchSize = setting("max_batch_size", 8);
const maxRetries = setting("max_retries", 3);

// --- the feed server: /f/<i>.xml; even sources answer conditional GETs, odd ones never do ---
const versions = new Array(SOURCES).fill(1);
const served = new Map(); // path → requests this cycle
const rss = (i) => {
  const items = [];
  for (let n = versions[i] + 1; n >= 1; n--) {
    items.push(`<item><title>Bulletin ${n} of board ${i}</title><link>https://board${i}.example.org/b/${n}</link>
<guid>board-${i}-${n}</guid><pubDate>${new Date(Date.UTC(2026, 9, 1 + n, 8)).toUTCString()}</pubDate>
<description>Board ${i} posts bulletin number ${n}: the reading room opens at ${8 + (n % 3)} and the garden plots are assigned by lot on day ${n} of the month.</description></item>`);
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Board ${i}</title><link>https://board${i}.example.org/</link><description>b</description>${items.join("")}</channel></rss>`;
};
const server = createServer((req, res) => {
  const m = /^\/f\/(\d+)\.xml$/.exec(req.url ?? "");
  served.set(req.url, (served.get(req.url) ?? 0) + 1);
  if (!m) return res.writeHead(404).end();
  const i = Number(m[1]);
  const headers = { "Content-Type": "application/rss+xml" };
  if (i % 2 === 0) {
    const etag = `"${i}-${versions[i]}"`;
    if (req.headers["if-none-match"] === etag) return res.writeHead(304, { ETag: etag }).end();
    headers.ETag = etag;
  }
  res.writeHead(200, headers).end(rss(i));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- the Worker: dist/index.js behind an entry that counts what each invocation does ---
const ENTRY = `
import worker, { FoldIndex as Real } from "./index.js";
const totals = { kvWrites: 0, kvReads: 0, queued: 0, consumed: 0, retried: 0, invocations: [] };
function countingKv(kv) {
  return new Proxy(kv, { get(t, p) {
    const v = Reflect.get(t, p);
    if (typeof v !== "function") return v;
    return (...a) => { if (p === "put" || p === "delete") totals.kvWrites++; else totals.kvReads++; return v.apply(t, a); };
  } });
}
function countingEnv(env, inv) {
  const ns = env.FOLD_INDEX;
  const FOLD_INDEX = new Proxy(ns, { get(t, p) {
    const v = Reflect.get(t, p);
    if (p !== "get") return typeof v === "function" ? v.bind(t) : v;
    return (...a) => { const stub = v.apply(t, a); return new Proxy(stub, { get(s, q) {
      const f = Reflect.get(s, q);
      if (typeof f !== "function" || q === "then") return f;
      return (...b) => { inv.doCalls++; return f(...b); };
    } }); };
  } });
  const q = env.POLL_QUEUE;
  const POLL_QUEUE = q && { send: (b, o) => { inv.queueCalls++; totals.queued++; return q.send(b, o); },
    sendBatch: (m, o) => { inv.queueCalls++; totals.queued += m.length; return q.sendBatch(m, o); } };
  return { ...env, FOLD_INDEX, POLL_QUEUE, FEEDFOLD_KV: countingKv(env.FEEDFOLD_KV) };
}
export class FoldIndex extends Real {
  constructor(ctx, env) { super(ctx, { ...env, FEEDFOLD_KV: countingKv(env.FEEDFOLD_KV) }); }
}
export default {
  async fetch(req, env, ctx) {
    const url = new URL(req.url);
    if (url.pathname === "/__bench/totals") return Response.json(totals);
    if (url.pathname === "/__bench/reset") { Object.assign(totals, { kvWrites: 0, kvReads: 0, queued: 0, consumed: 0, retried: 0, invocations: [] }); return new Response("ok"); }
    const inv = { kind: "fetch", doCalls: 0, queueCalls: 0, urls: [] };
    const res = await worker.fetch(req, countingEnv(env, inv), ctx);
    if (url.pathname === "/admin/poll") totals.invocations.push(inv);
    return res;
  },
  async scheduled(controller, env, ctx) {
    const inv = { kind: "cron", doCalls: 0, queueCalls: 0, urls: [] };
    totals.invocations.push(inv);
    const pending = [];
    await worker.scheduled(controller, countingEnv(env, inv), { waitUntil: (p) => pending.push(p), passThroughOnException() {} });
    await Promise.all(pending);
  },
  async queue(batch, env, ctx) {
    const inv = { kind: "queue", doCalls: 0, queueCalls: 0, urls: batch.messages.map((m) => m.body.url) };
    totals.invocations.push(inv);
    const acks = [];
    const wrapped = { ...batch, messages: batch.messages.map((m) => ({ ...m, body: m.body, attempts: m.attempts,
      ack: () => { totals.consumed++; m.ack(); }, retry: (o) => { totals.retried++; m.retry(o); } })) };
    await worker.queue(wrapped, countingEnv(env, inv), ctx);
  },
};
`;
const mf = new Miniflare({
  modules: [
    { type: "ESModule", path: join(root, "dist", "bench-entry.mjs"), contents: ENTRY },
    {
      type: "ESModule",
      path: join(root, "dist", "index.js"),
      contents: readFileSync(join(root, "dist", "index.js"), "utf8"),
    },
  ],
  modulesRoot: join(root, "dist"),
  compatibilityDate: /compatibility_date\s*=\s*"([^"]+)"/.exec(toml)[1],
  kvNamespaces: ["FEEDFOLD_KV"],
  durableObjects: { FOLD_INDEX: { className: "FoldIndex", useSQLite: true } },
  queueProducers: { POLL_QUEUE: "feedfold-poll" },
  queueConsumers: {
    "feedfold-poll": { maxBatchSize, maxBatchTimeout: 1, maxRetries, deadLetterQueue: "feedfold-poll-dlq" },
  },
  bindings: {
    INGEST_TOKEN: "t",
    ALLOW_LOOPBACK_SOURCES: "true",
    SOURCES: "",
    PUBLISH_MIN_INTERVAL_MS,
  },
});
const call = async (path, init) => {
  const res = await mf.dispatchFetch(`http://localhost${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text;
};
const auth = { Authorization: "Bearer t" };

const outlines = Array.from(
  { length: SOURCES },
  (_, i) => `<outline text="Board ${i}" xmlUrl="${origin}/f/${i}.xml"/>`,
);
const imported = await call("/sources.opml", {
  method: "POST",
  headers: auth,
  body: `<opml version="2.0"><body>${outlines.join("")}</body></opml>`,
});
if (imported.added !== SOURCES) throw new Error(`imported ${JSON.stringify(imported)}`);

async function cycle(name, start) {
  await call("/__bench/reset");
  served.clear();
  const t0 = performance.now();
  await start();
  for (;;) {
    const t = await call("/__bench/totals");
    if (t.queued > 0 && t.consumed + t.retried >= t.queued) break;
    if (performance.now() - t0 > 600_000)
      throw new Error(`${name}: queue did not drain: ${JSON.stringify(t)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  const totals = await call("/__bench/totals");
  const sources = (await call("/sources")).sources;
  const consumers = totals.invocations.filter((i) => i.kind === "queue");
  const perInvocation = consumers.map(
    (i) => i.doCalls + i.queueCalls + i.urls.reduce((n, u) => n + (served.get(new URL(u).pathname) ?? 0), 0),
  );
  const starter = totals.invocations.find((i) => i.kind !== "queue");
  const polled = [...served.values()].reduce((a, b) => a + b, 0);
  const row = {
    name,
    seconds: Number(seconds.toFixed(2)),
    polled,
    messages: totals.queued,
    retried: totals.retried,
    consumerInvocations: consumers.length,
    maxSubrequestsPerConsumer: Math.max(...perInvocation),
    meanSubrequestsPerConsumer: Number(
      (perInvocation.reduce((a, b) => a + b, 0) / consumers.length).toFixed(1),
    ),
    starterSubrequests: starter ? starter.doCalls + starter.queueCalls : 0,
    kvWrites: totals.kvWrites,
    consumerDoCalls: consumers.reduce((n, i) => n + i.doCalls, 0),
    errors: sources.filter((s) => s.lastError).length,
  };
  console.log(JSON.stringify(row));
  return { row, sources };
}

const itemsAdded = (sources) => sources.reduce((n, s) => n + s.itemsAdded, 0);
const first = await cycle("1-all-new", async () =>
  (await mf.getWorker()).scheduled({ cron: "*/15 * * * *" }),
);
const storiesAfterFirst = itemsAdded(first.sources);
const second = await cycle("2-unchanged", () => call("/admin/poll", { method: "POST", headers: auth }));
for (let i = 0; i < SOURCES; i += CHANGED_EVERY) versions[i]++;
const third = await cycle("3-one-in-ten-changed", () =>
  call("/admin/poll", { method: "POST", headers: auth }),
);
const newInThird = itemsAdded(third.sources) - itemsAdded(second.sources);
// Steady state: nothing changed since the last poll, and the last poll already stored its status.
const fourth = await cycle("4-unchanged-again", () => call("/admin/poll", { method: "POST", headers: auth }));

await mf.dispose();
server.close();

const rows = [first.row, second.row, third.row, fourth.row];
console.log(
  `sources ${SOURCES}, max_batch_size ${maxBatchSize}, PUBLISH_MIN_INTERVAL_MS ${PUBLISH_MIN_INTERVAL_MS}; stories after cycle 1: ${storiesAfterFirst}; new in cycle 3: ${newInThird}`,
);
console.log(`figure sources_polled_per_s ${(SOURCES / first.row.seconds).toFixed(0)}`);
console.log(`figure sources_polled_per_s_unchanged ${(SOURCES / second.row.seconds).toFixed(0)}`);
console.log(`figure subrequests_per_invocation ${Math.max(...rows.map((r) => r.maxSubrequestsPerConsumer))}`);
console.log(`figure subrequests_per_invocation_mean ${third.row.meanSubrequestsPerConsumer}`);
console.log(`figure subrequests_per_cron_invocation ${first.row.starterSubrequests}`);
console.log(
  `figure kv_writes_per_polled_source ${((second.row.kvWrites + fourth.row.kvWrites) / (2 * SOURCES)).toFixed(3)}`,
);
console.log(
  `figure fold_index_calls_per_unchanged_poll ${(fourth.row.consumerDoCalls / SOURCES).toFixed(3)}`,
);
console.log(`figure subrequests_per_invocation_unchanged ${fourth.row.maxSubrequestsPerConsumer}`);
console.log(
  `figure kv_writes_per_new_story_polled ${(third.row.kvWrites / Math.max(1, newInThird)).toFixed(3)}`,
);
console.log(
  `figure kv_writes_per_new_story_first_cycle ${(first.row.kvWrites / Math.max(1, storiesAfterFirst)).toFixed(3)}`,
);
console.log(
  `figure queue_messages_per_source_per_cycle ${(rows.reduce((n, r) => n + r.messages + r.retried, 0) / (SOURCES * rows.length)).toFixed(3)}`,
);
console.log(`figure poll_errors ${rows.reduce((n, r) => n + r.errors, 0)}`);
