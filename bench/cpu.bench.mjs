// CPU of one 50-item feed in Node, as a proxy for the Workers CPU of one ingest or poll: parse,
// identify (item keys and content hashes), prepare (normalize, fingerprint, near-duplicate
// features) and the fold decision (decideFold on MemoryFold, the in-memory store the fold bench
// uses, as the Durable Object runs it on SQLite). Our own corpus (bench/corpus.mjs, seed 5).
//   cpu_ms_feed50_new      all 50 items new to the index
//   cpu_ms_feed50_one_new  one new item on top of 49 the index holds unchanged: the 49 are only
//                          identified and found known (one lookup), as src/ingest/ingest-document.ts
//                          does, and only the new one is prepared and folded
// Medians of many runs, after a warm-up.
import { performance } from "node:perf_hooks";
import { loadBundle } from "./build-lib.mjs";
import { makeCorpus, newSiteItem, renderFeed } from "./corpus.mjs";

const lib = await loadBundle(
  "cpu",
  `
export { parseFeed } from "./src/feed/parse-feed";
export { identifyItems, prepareCopy } from "./src/ingest/prepare-copies";
export { identifySource, siteNamesOf } from "./src/ingest/source-identity";
export { MemoryFold } from "./test/unit/fold-index/memory-fold";
`,
);

const SEED = 5;
const corpus = makeCorpus({ seed: SEED, sites: 1, itemsPerSite: 49, reposters: 0, repostShare: 0 });
const site = corpus.sources[0];
const older = renderFeed(site);
site.items.unshift(newSiteItem(site, 1, SEED, "2026-11-20T00:00:00Z"));
const current = renderFeed(site);
const encoder = new TextEncoder();
const bytes = encoder.encode(current.body);
const olderBytes = encoder.encode(older.body);

/** What one ingest of `body` costs, with `known` the (source, item) → content hash the index holds. */
async function ingestCpu(body, fold, known) {
  const feed = lib.parseFeed(body, { url: site.url, contentType: current.contentType });
  const source = await lib.identifySource(feed, site.url);
  const items = (await lib.identifyItems(feed)).filter((i) => i.kind === "item");
  const fresh = items.filter((i) => known.get(`${source.id}\n${i.itemKey}`) !== i.contentHash);
  const siteNames = lib.siteNamesOf(source);
  const copies = [];
  for (const item of fresh) copies.push((await lib.prepareCopy(item, source, siteNames)).copy);
  fold.foldBatch(copies);
  for (const item of fresh) known.set(`${source.id}\n${item.itemKey}`, item.contentHash);
  return { items: items.length, prepared: copies.length };
}

async function measure(label, setup, runs) {
  const times = [];
  let shape;
  for (let i = 0; i < runs + 10; i++) {
    const { fold, known } = await setup();
    const t0 = performance.now();
    shape = await ingestCpu(bytes, fold, known);
    const ms = performance.now() - t0;
    if (i >= 10) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${label}: ${shape.items} items, ${shape.prepared} prepared and folded; median ${median.toFixed(2)} ms, p90 ${times[Math.floor(times.length * 0.9)].toFixed(2)} ms over ${runs} runs`,
  );
  return median;
}

const empty = async () => ({ fold: new lib.MemoryFold(), known: new Map() });
const holding49 = async () => {
  const fold = new lib.MemoryFold();
  const known = new Map();
  await ingestCpu(olderBytes, fold, known);
  return { fold, known };
};

const allNew = await measure("50 new items", empty, 60);
const oneNew = await measure("1 new among 49 known", holding49, 60);
console.log(`figure cpu_ms_feed50_new ${allNew.toFixed(2)}`);
console.log(`figure cpu_ms_feed50_one_new ${oneNew.toFixed(2)}`);
