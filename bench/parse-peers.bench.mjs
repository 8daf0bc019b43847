// Parse throughput against two more peers, side by side in this process, on our own corpus
// (bench/corpus.mjs, seed 5: RSS 2.0 with content:encoded and Atom with escaped HTML):
//   parse_vs_rss_parser      feedfold's parseFeed items/s ÷ rss-parser's (xml2js underneath)
//   parse_vs_feed_extractor  feedfold's parseFeed items/s ÷ @extractus/feed-extractor's
//                            extractFromXml (fast-xml-parser underneath, normalized output)
// Above 1 means feedfold is faster. feedfold also decodes, detects, sanitizes HTML and keeps more
// fields; the peers do not sanitize. feedsmith and bare fast-xml-parser are in parse.bench.mjs.
import { performance } from "node:perf_hooks";
import { extractFromXml } from "@extractus/feed-extractor";
import RssParser from "rss-parser";
import { loadLib } from "./build-lib.mjs";
import { makeCorpus, renderFeed } from "./corpus.mjs";

const corpus = makeCorpus({ seed: 5, sites: 30, itemsPerSite: 30, reposters: 6, repostShare: 0.3 });
const docs = corpus.sources.map((s) => ({ ...renderFeed(s), url: s.url, items: s.items.length }));
const items = docs.reduce((n, d) => n + d.items, 0);
const megabytes = docs.reduce((n, d) => n + Buffer.byteLength(d.body), 0) / 1e6;
console.log(`corpus: ${docs.length} documents, ${items} items, ${megabytes.toFixed(1)} MB, seed 5`);

const lib = await loadLib();
const rssParser = new RssParser();
const parsers = {
  feedfold: async (d) => lib.parseFeed(d.body, { url: d.url, contentType: d.contentType }).items.length,
  "rss-parser": async (d) => (await rssParser.parseString(d.body)).items.length,
  "feed-extractor": async (d) => extractFromXml(d.body, { normalization: true }).entries.length,
};

/** Best of `rounds` passes over the corpus, in items per second; checks every parser saw every item. */
async function rate(name, parse, rounds = 3) {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let seen = 0;
    const started = performance.now();
    for (const d of docs) seen += await parse(d);
    const perSecond = items / ((performance.now() - started) / 1000);
    if (seen !== items) throw new Error(`${name} read ${seen} items of ${items}`);
    best = Math.max(best, perSecond);
  }
  return best;
}

const rates = {};
for (const [name, parse] of Object.entries(parsers)) await rate(name, parse, 1); // warm-up
for (const [name, parse] of Object.entries(parsers)) {
  rates[name] = await rate(name, parse);
  console.log(`  ${name.padEnd(15)} ${rates[name].toFixed(0).padStart(7)} items/s`);
}
console.log(`figure parse_vs_rss_parser ${(rates.feedfold / rates["rss-parser"]).toFixed(2)}`);
console.log(`figure parse_vs_feed_extractor ${(rates.feedfold / rates["feed-extractor"]).toFixed(2)}`);
