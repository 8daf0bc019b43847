// Ingest throughput through the real Worker in the local runtime (Miniflare, bench/local-worker.mjs):
// our own corpus (bench/corpus.mjs, seed 3) POSTed to /ingest, each request answered only after its
// stories are in KV, as in production. Figures:
//   ingest_items_per_s        items per second through POST /ingest (4 pushers at once, the
//                             production publish spacing of 1 s between KV writes)
//   ingest_items_per_s_serial items per second, one request at a time, no publish spacing: the
//                             cost of parse + fold + publish per item without waiting on KV's limit
//   ingest_vs_pipeline        ingest_items_per_s_serial / items per second of the pure pipeline
//                             (parseFeed + fingerprintItems, src/lib.ts) in Node, the baseline run
//                             in this process: what the runtime, the Durable Object and KV add
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadLib } from "./build-lib.mjs";
import { makeCorpus, renderFeed } from "./corpus.mjs";
import { startLocalWorker } from "./local-worker.mjs";

const corpus = makeCorpus({ seed: 3, sites: 24, itemsPerSite: 25, reposters: 6, repostShare: 0.25 });
const docs = corpus.sources.map((source) => ({ source, ...renderFeed(source), items: source.items.length }));
const totalItems = docs.reduce((n, d) => n + d.items, 0);
console.log(
  `corpus: ${docs.length} documents, ${totalItems} items (${corpus.originals} originals, ${corpus.copies} reposts), seed 3`,
);

/** Ingests every document with `concurrency` pushers; returns items per second. */
async function ingestAll(w, concurrency) {
  let next = 0;
  let stories = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < docs.length) {
        const doc = docs[next++];
        const answer = await w.ingest(doc.body, { source: doc.source.url, contentType: doc.contentType });
        if (answer.status !== 200) throw new Error(`ingest ${answer.status}: ${JSON.stringify(answer.body)}`);
        stories += answer.body.results.filter((r) => r.status === "new").length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: totalItems / seconds, seconds, stories };
}

async function run(label, vars, concurrency) {
  const w = await startLocalWorker({ vars });
  try {
    // One small warm-up request so bundle load and the first SQLite migration are not timed.
    await w.ingest(docs[0].body, {
      source: "https://warmup.example.org/feed.xml",
      contentType: docs[0].contentType,
    });
    await w.fetch("/__bench/reset", { method: "POST" });
    const r = await ingestAll(w, concurrency);
    const counts = await w.counts();
    console.log(
      `${label}: ${totalItems} items in ${r.seconds.toFixed(2)} s → ${r.perSecond.toFixed(0)} items/s; ${counts.kvWrites} KV writes, ${counts.doRequests} DO requests`,
    );
    return r.perSecond;
  } finally {
    await w.stop();
  }
}

const production = await run("4 pushers, publish spacing 1 s", { PUBLISH_MIN_INTERVAL_MS: "1000" }, 4);
const serial = await run("1 pusher, no publish spacing", { PUBLISH_MIN_INTERVAL_MS: "0" }, 1);

await realFeeds();

/**
 * Not a figure (the files are not ours and may be absent): ../shared/fixtures/real-feeds, when
 * present, POSTed once each, to show the corpus figure holds on real documents too.
 */
async function realFeeds() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "../../shared/fixtures/real-feeds");
  if (!existsSync(dir)) {
    console.log("real feeds: ../shared/fixtures/real-feeds not present, skipped");
    return;
  }
  const files = readdirSync(dir).filter((f) => /\.(xml|rss|atom|rdf|json)$/.test(f));
  const w = await startLocalWorker({ vars: { PUBLISH_MIN_INTERVAL_MS: "0" } });
  try {
    let items = 0;
    let refused = 0;
    const started = performance.now();
    for (const file of files) {
      const answer = await w.ingest(readFileSync(join(dir, file)), {
        source: `https://real-feeds.invalid/${encodeURIComponent(file)}`,
        contentType: file.endsWith(".json") ? "application/feed+json" : "application/xml",
      });
      if (answer.status === 200) items += answer.body.results.length;
      else refused++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `real feeds (read from ../shared/fixtures/real-feeds, not a figure): ${files.length} files, ${items} items in ${seconds.toFixed(2)} s → ${(items / seconds).toFixed(0)} items/s, one request at a time${refused ? `; ${refused} refused` : ""}`,
    );
  } finally {
    await w.stop();
  }
}

const lib = await loadLib();
const encoder = new TextEncoder();
const bytes = docs.map((d) => ({
  body: encoder.encode(d.body),
  url: d.source.url,
  contentType: d.contentType,
}));
let pipelineRate = 0;
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  for (const d of bytes) {
    const feed = lib.parseFeed(d.body, { url: d.url, contentType: d.contentType });
    await lib.fingerprintItems(feed.items);
  }
  pipelineRate = Math.max(pipelineRate, totalItems / ((performance.now() - started) / 1000));
}
console.log(`pure pipeline in Node (parse + fingerprint): ${pipelineRate.toFixed(0)} items/s`);

console.log(`figure ingest_items_per_s ${Math.round(production)}`);
console.log(`figure ingest_items_per_s_serial ${Math.round(serial)}`);
console.log(`figure ingest_vs_pipeline ${(serial / pipelineRate).toFixed(3)}`);
