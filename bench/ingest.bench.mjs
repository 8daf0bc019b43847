// Ingest through the real Worker in the local runtime (Miniflare, bench/local-worker.mjs), with the
// production publish spacing (PUBLISH_MIN_INTERVAL_MS 1000): /ingest answers once the fold index
// has committed the fold; the fold index's alarm publishes to KV at most once a second. Our own
// corpus (bench/corpus.mjs, seed 3): sites of distinct articles, 20 items per document. Figures:
//   ingest_items_per_s   items per second through POST /ingest, 4 pushers at once
//   trivial_rps_ingest   requests per second of GET /healthz on the same worker, 4 clients, the
//                        baseline measured in the same run (before and after, averaged)
//   ingest_vs_trivial    ingest_items_per_s / trivial_rps_ingest
//   feed_fresh_p99_ms    from an ingest's answer until its story is in GET /feed.json (through the
//                        Cache API, as readers get it), p99 over probes made while 4 pushers push
//   ingest_items_per_s_16  items per second with 16 pushers: the ceiling of one fold index here
//   ingest_vs_pipeline   ingest_items_per_s / items per second of the pure pipeline in Node
import { performance } from "node:perf_hooks";
import { loadLib } from "./build-lib.mjs";
import { makeCorpus, renderFeed } from "./corpus.mjs";
import { startLocalWorker } from "./local-worker.mjs";

const PRODUCTION = { PUBLISH_MIN_INTERVAL_MS: "1000" };
const corpus = makeCorpus({ seed: 3, sites: 120, itemsPerSite: 20, reposters: 0, repostShare: 0 });
const docs = corpus.sources.map((source) => ({ source, ...renderFeed(source), items: source.items.length }));
console.log(`corpus: ${docs.length} documents of 20 distinct articles each, seed 3`);

/** Pushes `list` with `concurrency` pushers; returns items per second. */
async function push(w, list, concurrency) {
  let next = 0;
  let items = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const doc = list[next++];
        const answer = await w.ingest(doc.body, { source: doc.source.url, contentType: doc.contentType });
        if (answer.status !== 200) throw new Error(`ingest ${answer.status}: ${JSON.stringify(answer.body)}`);
        items += answer.body.results.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: items / seconds, seconds, items };
}

/** Requests per second of a trivial route (GET /healthz) on the same worker. */
async function trivialRps(w, concurrency = 4, requests = 1200) {
  let left = requests;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await (await w.fetch("/healthz")).arrayBuffer();
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

/** A one-item document whose story is the newest, so it is on the default feed's first page. */
function probeDoc(n) {
  const at = new Date(Date.UTC(2030, 0, 1) + n * 60_000);
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "Freshness probe",
    home_page_url: "https://probe.example.org/",
    items: [
      {
        id: `probe-${n}`,
        url: `https://probe.example.org/posts/${n}`,
        title: `Probe ${n}`,
        content_text: `Probe ${n} checks how soon a story shows in the merged feed after its ingest was answered, number ${n * 7919}.`,
        date_published: at.toISOString(),
      },
    ],
  });
}

/** Until `stop()`: a probe ingests one story, then reads /feed.json until the story is there. */
function freshnessProbe(w) {
  const samples = [];
  let running = true;
  const done = (async () => {
    for (let n = 0; running || samples.length < 30; n++) {
      const answer = await w.ingest(probeDoc(n), {
        source: "https://probe.example.org/feed.json",
        contentType: "application/feed+json",
      });
      const answeredAt = performance.now();
      const id = answer.body.results[0].item;
      for (;;) {
        const feed = await (await w.fetch("/feed.json")).json();
        if (feed.items.some((item) => item.id === id)) break;
        if (performance.now() - answeredAt > 30_000) throw new Error(`probe ${n} not visible after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      samples.push(performance.now() - answeredAt);
      await new Promise((resolve) => setTimeout(resolve, 50 + ((n * 37) % 200)));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return samples;
    },
  };
}

const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// 1. Throughput, 4 pushers, against the trivial route of the same worker.
const w = await startLocalWorker({ vars: PRODUCTION });
let ingestRate;
let trivial;
let fresh;
try {
  await w.ingest(docs[0].body, {
    source: "https://warmup.example.org/feed.xml",
    contentType: docs[0].contentType,
  });
  const trivialBefore = await trivialRps(w);
  const r = await push(w, docs.slice(1, 41), 4);
  const trivialAfter = await trivialRps(w);
  trivial = (trivialBefore + trivialAfter) / 2;
  ingestRate = r.perSecond;
  console.log(
    `4 pushers: ${r.items} items in ${r.seconds.toFixed(2)} s → ${r.perSecond.toFixed(0)} items/s; trivial route ${trivialBefore.toFixed(0)} / ${trivialAfter.toFixed(0)} req/s (before / after)`,
  );

  // 2. Freshness while 4 pushers keep pushing new documents.
  await w.reset();
  const probe = freshnessProbe(w);
  await push(w, docs.slice(41, 81), 4);
  const samples = await probe.stop();
  const counts = await w.counts();
  fresh = percentile(samples, 0.99);
  console.log(
    `freshness under load: ${samples.length} probes, median ${percentile(samples, 0.5).toFixed(0)} ms, p99 ${fresh.toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms; ${counts.kvWrites} KV writes, ${counts.doAlarms} alarms`,
  );
} finally {
  await w.stop();
}

// 3. The ceiling of one fold index: many pushers into a fresh worker.
let ceiling;
{
  const w16 = await startLocalWorker({ vars: PRODUCTION });
  try {
    await w16.ingest(docs[0].body, {
      source: "https://warmup.example.org/feed.xml",
      contentType: docs[0].contentType,
    });
    const r = await push(w16, docs.slice(1, 81), 16);
    const counts = await w16.counts();
    ceiling = r.perSecond;
    console.log(
      `16 pushers: ${r.items} items in ${r.seconds.toFixed(2)} s → ${r.perSecond.toFixed(0)} items/s; ${counts.doRequests} DO requests, ${counts.kvWrites} KV writes`,
    );
  } finally {
    await w16.stop();
  }
}

const lib = await loadLib();
const encoder = new TextEncoder();
const bytes = docs
  .slice(1, 41)
  .map((d) => ({ body: encoder.encode(d.body), url: d.source.url, contentType: d.contentType }));
let pipelineRate = 0;
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  for (const d of bytes) {
    const feed = lib.parseFeed(d.body, { url: d.url, contentType: d.contentType });
    await lib.fingerprintItems(feed.items);
  }
  pipelineRate = Math.max(pipelineRate, (bytes.length * 20) / ((performance.now() - started) / 1000));
}
console.log(`pure pipeline in Node (parse + fingerprint): ${pipelineRate.toFixed(0)} items/s`);

console.log(`figure ingest_items_per_s ${Math.round(ingestRate)}`);
console.log(`figure trivial_rps_ingest ${Math.round(trivial)}`);
console.log(`figure ingest_vs_trivial ${(ingestRate / trivial).toFixed(3)}`);
console.log(`figure feed_fresh_p99_ms ${Math.round(fresh)}`);
console.log(`figure ingest_items_per_s_16 ${Math.round(ceiling)}`);
console.log(`figure ingest_vs_pipeline ${(ingestRate / pipelineRate).toFixed(3)}`);
