// Serving cost of the merged feeds on the real Worker in Miniflare (bench/local-worker.mjs), side
// by side with a trivial route (GET /healthz) on the same runtime in the same run:
//   feed_json_rps, feed_xml_rps   GET /feed.json and /feed.xml, the default view (the pre-rendered
//                                 snapshot, 50 stories per the design's default limit) served from
//                                 the Cache API, over real HTTP with keep-alive
//   feed_json_100_rps, feed_xml_100_rps  ?limit=100: a live view rendered by the fold index
//   trivial_rps                   GET /healthz
//   feed_rps_vs_trivial           the lower of the two default-feed ratios to trivial_rps
//   kv_reads_per_feed_hit / _miss KV reads (get + getWithMetadata) per default-feed request on a
//                                 Cache API hit / miss, counted by the wrappers on the KV binding
//   kv_lists_per_feed             KV lists per default-feed request (must be 0)
// Throughput depends on the machine; the ratios and the counts are what to compare.
import { startLocalWorker } from "./local-worker.mjs";

const STORIES = 100;
const CONCURRENCY = 16;
const REQUESTS = 1500;
const ROUNDS = 3;

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

/** Requests per second of GET path over real HTTP with CONCURRENCY clients. */
async function rps(path) {
  const url = `${w.url}${path}`;
  const check = await fetch(url);
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`${path}: ${check.status}`);
  let left = REQUESTS;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const res = await fetch(url);
        await res.arrayBuffer();
      }
    }),
  );
  return REQUESTS / ((performance.now() - start) / 1000);
}

const routes = {
  trivial: "/healthz",
  json: "/feed.json",
  xml: "/feed.xml",
  json100: "/feed.json?limit=100",
  xml100: "/feed.xml?limit=100",
};
const samples = Object.fromEntries(Object.keys(routes).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved, so drift (thermal, GC) hits every route alike.
  for (const [name, path] of Object.entries(routes)) samples[name].push(await rps(path));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const sizes = {};
for (const [name, path] of Object.entries(routes))
  sizes[name] = (await (await fetch(`${w.url}${path}`)).text()).length;
await w.stop();

console.log(
  `${STORIES} stories stored; default view = 50 stories (${sizes.json} B JSON, ${sizes.xml} B RSS); ` +
    `?limit=100 view ${sizes.json100} B JSON; ${CONCURRENCY} concurrent clients, ${REQUESTS} requests x ${ROUNDS} rounds, medians`,
);
const fixed = (x, d = 1) => Number(x.toFixed(d));
console.log(`figure trivial_rps ${fixed(r.trivial)}`);
console.log(`figure feed_json_rps ${fixed(r.json)}`);
console.log(`figure feed_xml_rps ${fixed(r.xml)}`);
console.log(`figure feed_json_100_rps ${fixed(r.json100)}`);
console.log(`figure feed_xml_100_rps ${fixed(r.xml100)}`);
console.log(`figure feed_rps_vs_trivial ${fixed(Math.min(r.json, r.xml) / r.trivial, 3)}`);
console.log(`figure feed_100_rps_vs_trivial ${fixed(Math.min(r.json100, r.xml100) / r.trivial, 3)}`);
const avg = (f) => (costs[0][f.kind].kvReads + costs[1][f.kind].kvReads) / 2;
console.log(`figure kv_reads_per_feed_hit ${avg({ kind: "hit" })}`);
console.log(`figure kv_reads_per_feed_miss ${avg({ kind: "miss" })}`);
console.log(`figure kv_lists_per_feed ${costs.reduce((n, c) => n + c.hit.kvLists + c.miss.kvLists, 0)}`);
