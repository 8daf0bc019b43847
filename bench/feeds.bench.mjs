// Serving cost of the merged feeds on the real Worker in Miniflare (bench/local-worker.mjs), side
// by side with a trivial route (GET /healthz) on the same runtime in the same run:
//   feed_json_rps, feed_xml_rps   GET /feed.json and /feed.xml, the default view (the pre-rendered
//                                 snapshot, 50 stories per the design's default limit) served from
//                                 the Cache API, over real HTTP with keep-alive
//   feed_json_100_rps, feed_xml_100_rps  ?limit=100: a live view rendered by the fold index
//   trivial_rps                   GET /healthz
//   feed_rps_vs_trivial           the lower of the two default-feed ratios to trivial_rps
//   cache_hit_floor_vs_trivial    the same for a bench-only route (bench/counting-entry.mjs) that
//                                 answers with the body of one caches.default.match of the cached
//                                 /feed.json and does nothing else, not even routing: the most a
//                                 route answering from the Cache API can reach on this runtime
//   feed_cpu_vs_trivial           workerd's CPU time per /healthz ÷ per default-feed hit (the lower
//                                 of the two), from /proc (Linux only): the same question as
//                                 feed_rps_vs_trivial, steadier when other processes share the cores
//   kv_reads_per_feed_hit / _miss KV reads (get + getWithMetadata) per default-feed request on a
//                                 Cache API hit / miss, counted by the wrappers on the KV binding
//   kv_lists_per_feed             KV lists per default-feed request (must be 0)
// Throughput depends on the machine; the ratios and the counts are what to compare.
//
// The client is node:http with 16 keep-alive sockets. It sends `Accept-Encoding: gzip, deflate`, as
// Node's fetch, browsers and feed readers do, and reads the bytes without decoding them: decoding
// is the reader's work, on the reader's machine. (Until 2026-12 this bench read with fetch, which
// gunzips every /feed.xml answer — Miniflare, like Cloudflare's edge, compresses RSS for such a
// client — on the same 2 cores as the Worker; that cost about 200 us of client CPU per request,
// near what the Worker spends on all of /healthz, so feed_xml_rps measured Node's zlib.) Each answer
// is checked once, decoded, before the timed runs. Rounds interleave the routes, so drift hits all
// of them alike; each ratio is the median over the rounds of that round's ratio.
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { gunzipSync } from "node:zlib";
import { startLocalWorker } from "./local-worker.mjs";

const STORIES = 100;
const CONCURRENCY = 16;
// Many short rounds: on a shared machine the load of other processes moves within seconds.
const REQUESTS = 1000;
const ROUNDS = 9;
// The ?limit=100 views render in the fold index at a few hundred requests/s: fewer and shorter.
const LIVE_REQUESTS = 400;
const LIVE_ROUNDS = 3;
const READER = { "Accept-Encoding": "gzip, deflate" };

const rss = (from, n) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Bench Gazette</title><link>https://bench-gazette.example/</link><description>bench</description>
${Array.from({ length: n }, (_, k) => {
  const i = from + k;
  return `<item><title>Bench story ${i}: the ${["river", "market", "school", "bridge"][i % 4]} report</title>
<link>https://bench-gazette.example/news/${i}</link><guid isPermaLink="false">bench-${i}</guid>
<pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toUTCString()}</pubDate><dc:creator>Writer ${i % 7}</dc:creator>
<category>section-${i % 5}</category>
<description>Story ${i} tells how the committee met on day ${i} and decided ${i * 3} things about item ${i * 7}, while ${i + 11} residents asked about plan ${2026 + i}; a second sentence about number ${i * 13} makes the body long enough to read like news.</description></item>`;
}).join("\n")}
</channel></rss>`;

const w = await startLocalWorker();
const answer = await w.ingest(rss(0, STORIES), { source: "https://bench-gazette.example/feed.xml" });
if (answer.status !== 200) throw new Error(`ingest failed: ${answer.status}`);
await w.settle();

/** KV reads of one default-feed request right after a publish (miss), then again (hit). */
async function kvCosts(path) {
  await w.ingest(rss(STORIES + kvCosts.n++, 1), { source: "https://bench-gazette.example/feed.xml" });
  await w.settle(); // the fold index's alarm publishes after the answer
  const miss = await w.measure(() => w.fetch(path).then((r) => r.text()));
  await new Promise((resolve) => setTimeout(resolve, 100)); // the cache write runs after the answer
  const hit = await w.measure(() => w.fetch(path).then((r) => r.text()));
  return { miss: miss.counts, hit: hit.counts };
}
kvCosts.n = 0;
const costs = [await kvCosts("/feed.json"), await kvCosts("/feed.xml")];

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One GET over the keep-alive sockets: status, headers and the body's bytes as sent. */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${w.url}${path}`, { agent, headers: { ...READER, ...headers } }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The answer's document: what a reader decodes (checked once per route, outside the timing). */
async function check(path) {
  const res = await get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(res.body) : res.body;
  const plain = await fetch(`${w.url}${path}`, { headers: { "Accept-Encoding": "identity" } });
  if (body.toString() !== (await plain.text()))
    throw new Error(`${path}: the gzip answer is not the document`);
  return {
    encoding: res.headers["content-encoding"] ?? "identity",
    wire: res.body.length,
    size: body.length,
  };
}

/** workerd's CPU time in ms (user + system, all its threads), from /proc; undefined elsewhere. */
function workerdCpuMs() {
  try {
    let ms = 0;
    for (const pid of workerdPids) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    }
    return ms;
  } catch {
    return undefined;
  }
}

/** Processes started by this one (Miniflare's workerd), found in /proc; empty elsewhere. */
function childPids(parent) {
  const found = [];
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent)
        found.push(Number(entry), ...childPids(Number(entry)));
    }
  } catch {
    // no /proc: no CPU figure
  }
  return found;
}
const CLOCK_TICKS = 100;
const workerdPids = childPids(process.pid);

/** Requests per second of GET path with CONCURRENCY clients, and workerd's CPU ms per request. */
async function rps(path, requests = REQUESTS) {
  let left = requests;
  const cpu0 = workerdCpuMs();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const res = await get(path);
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        const cache = res.headers["x-feedfold-cache"] ?? res.headers["x-bench-cache-match"];
        if (cache === "miss") misses[path] = (misses[path] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu1 = workerdCpuMs();
  return {
    rps: requests / seconds,
    cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / requests,
  };
}
const misses = {};

const routes = {
  trivial: "/healthz",
  json: "/feed.json",
  xml: "/feed.xml",
  floor: "/__bench/cache-hit-floor",
  json100: "/feed.json?limit=100",
  xml100: "/feed.xml?limit=100",
};
const answers = {};
for (const [name, path] of Object.entries(routes)) answers[name] = await check(path);
const samples = Object.fromEntries(Object.keys(routes).map((k) => [k, []]));
// /healthz opens every round and closes the last one: a route's ratio in round i is to the mean of
// the /healthz samples taken just before and just after it.
const measure = async (names, rounds, requests) => {
  const at = samples.trivial.length;
  for (let round = 0; round < rounds; round++) {
    samples.trivial.push(await rps(routes.trivial, requests));
    for (const name of names) samples[name].push(await rps(routes[name], requests));
  }
  samples.trivial.push(await rps(routes.trivial, requests));
  return at;
};
const fastAt = await measure(["json", "xml", "floor"], ROUNDS, REQUESTS);
const liveAt = await measure(["json100", "xml100"], LIVE_ROUNDS, LIVE_REQUESTS);
agent.destroy();
await w.stop();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v.map((s) => s.rps))]));
/** The median over rounds of `f(route => its sample, trivial => the mean of the two around it)`. */
const ratio = (rounds, at, f) =>
  median(
    Array.from({ length: rounds }, (_, i) => {
      const before = samples.trivial[at + i];
      const after = samples.trivial[at + i + 1];
      const trivial = { rps: (before.rps + after.rps) / 2, cpuMs: (before.cpuMs + after.cpuMs) / 2 };
      return f((k) => (k === "trivial" ? trivial : samples[k][i]));
    }),
  );
const rpsRatio = ratio(ROUNDS, fastAt, (at) => Math.min(at("json").rps, at("xml").rps) / at("trivial").rps);
const floorRatio = ratio(ROUNDS, fastAt, (at) => at("floor").rps / at("trivial").rps);
const liveRatio = ratio(
  LIVE_ROUNDS,
  liveAt,
  (at) => Math.min(at("json100").rps, at("xml100").rps) / at("trivial").rps,
);
const hasCpu = Object.values(samples).every((v) => v.every((s) => s.cpuMs !== undefined));
const cpuRatio = hasCpu
  ? ratio(ROUNDS, fastAt, (at) => at("trivial").cpuMs / Math.max(at("json").cpuMs, at("xml").cpuMs))
  : undefined;

const a = answers;
console.log(
  `${STORIES} stories stored; default view = 50 stories (${a.json.size} B JSON sent ${a.json.encoding}, ` +
    `${a.xml.size} B RSS sent ${a.xml.encoding} as ${a.xml.wire} B); ?limit=100 view ${a.json100.size} B JSON; ` +
    `${CONCURRENCY} keep-alive clients, ${REQUESTS} requests x ${ROUNDS} rounds per route ` +
    `(?limit=100: ${LIVE_REQUESTS} x ${LIVE_ROUNDS}), medians; ` +
    `cache misses during the timed runs: ${JSON.stringify(misses)}`,
);
if (hasCpu) {
  const cpu = (k) => `${(median(samples[k].map((s) => s.cpuMs)) * 1000).toFixed(0)} us`;
  console.log(
    `workerd CPU per request: /healthz ${cpu("trivial")}, /feed.json ${cpu("json")}, /feed.xml ${cpu("xml")}, ` +
      `the Cache API hit floor ${cpu("floor")}`,
  );
}
const fixed = (x, d = 1) => Number(x.toFixed(d));
console.log(`figure trivial_rps ${fixed(r.trivial)}`);
console.log(`figure feed_json_rps ${fixed(r.json)}`);
console.log(`figure feed_xml_rps ${fixed(r.xml)}`);
console.log(`figure feed_json_100_rps ${fixed(r.json100)}`);
console.log(`figure feed_xml_100_rps ${fixed(r.xml100)}`);
console.log(`figure feed_rps_vs_trivial ${fixed(rpsRatio, 3)}`);
console.log(`figure cache_hit_floor_vs_trivial ${fixed(floorRatio, 3)}`);
if (cpuRatio !== undefined) console.log(`figure feed_cpu_vs_trivial ${fixed(cpuRatio, 3)}`);
console.log(`figure feed_100_rps_vs_trivial ${fixed(liveRatio, 3)}`);
const avg = (f) => (costs[0][f.kind].kvReads + costs[1][f.kind].kvReads) / 2;
console.log(`figure kv_reads_per_feed_hit ${avg({ kind: "hit" })}`);
console.log(`figure kv_reads_per_feed_miss ${avg({ kind: "miss" })}`);
console.log(`figure kv_lists_per_feed ${costs.reduce((n, c) => n + c.hit.kvLists + c.miss.kvLists, 0)}`);
