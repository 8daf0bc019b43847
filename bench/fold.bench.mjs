// `node bench/run.mjs fold`: folds the labelled evaluation set (test/fixtures/fold-eval) through
// the fold index's own decision code (decideFold on an in-memory store, as the Durable Object
// runs it on SQLite) and prints pairwise precision, recall and F1, then the folding cost per item
// (time and index reads) next to the exact-fingerprint-only fold, measured in the same run. The
// order figures (fold_f1_worst_order, fold_precision_worst_order) fold the same items item by item
// oldest-first, newest-first and in two seeded shuffles, and keep the worst of the four.
import { loadBundle } from "./build-lib.mjs";
import { seededRandom } from "./corpus.mjs";

const entry = `
export { buildEvalSet, jsonFeedOf, pairwiseScores } from "./test/fixtures/fold-eval/build-eval";
export { MemoryFold } from "./test/unit/fold-index/memory-fold";
export { prepareCopies } from "./src/ingest/prepare-copies";
export { identifySource } from "./src/ingest/source-identity";
export { parseFeed } from "./src/feed/parse-feed";
export { normalizeBody, exactBodyFingerprint } from "./src/fold/fingerprint";
export { normalizeTitle } from "./src/fold/title";
export { canonicalUrl } from "./src/feed/urls";
export { collapseAmpUrl } from "./src/fold/url-key";
export { pairMetrics } from "./src/fold/near-verify";
`;
const lib = await loadBundle("fold", entry);

const items = lib.buildEvalSet();
const clusters = new Set(items.map((i) => i.cluster));
console.log(
  `eval set: ${items.length} items, ${clusters.size} clusters (${[...clusters].filter((c) => items.filter((i) => i.cluster === c).length > 1).length} with copies)`,
);

// Each item is pushed as a one-item JSON Feed document of its source, in the set's order.
const docs = items.map((item) => new TextEncoder().encode(lib.jsonFeedOf([item])));

async function readDocument(body) {
  const feed = lib.parseFeed(body);
  return { prepared: await lib.prepareCopies(feed, await lib.identifySource(feed, undefined)) };
}

async function foldAll() {
  const fold = new lib.MemoryFold();
  const results = [];
  let prepareMs = 0;
  let foldMs = 0;
  for (const body of docs) {
    const t0 = performance.now();
    const doc = await readDocument(body);
    const t1 = performance.now();
    const copies = doc.prepared.filter((p) => p.kind === "copy").map((p) => p.copy);
    results.push(...fold.foldBatch(copies));
    foldMs += performance.now() - t1;
    prepareMs += t1 - t0;
  }
  // Stories merged later answer for the ids their copies were given (GET /items/{absorbed} → 301).
  for (const r of results) r.storyId = fold.resolve(r.storyId);
  return { results, prepareMs, foldMs, reads: fold.reads };
}

// Arrival order (issue 13 point 4): the same items, one document each, oldest-first (by
// date_published), newest-first and in two seeded shuffles, each into a fresh MemoryFold.

function seededOrder(n, seed) {
  const random = seededRandom(seed);
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const time = (i) => Date.parse(items[i].datePublished);
const byDate = [...items.keys()].sort((a, b) => time(a) - time(b) || a - b);
const ORDERS = [
  ["oldest-first", byDate],
  ["newest-first", [...items.keys()].sort((a, b) => time(b) - time(a) || a - b)],
  ["shuffle-seed-1", seededOrder(items.length, 0x0f01d001)],
  ["shuffle-seed-2", seededOrder(items.length, 0x0f01d002)],
];

/** The story each item lands in when the items arrive in `order`. */
async function foldInOrder(order) {
  const fold = new lib.MemoryFold();
  const predicted = new Array(items.length);
  for (const i of order) {
    const doc = await readDocument(docs[i]);
    const copies = doc.prepared.filter((p) => p.kind === "copy").map((p) => p.copy);
    const [result] = fold.foldBatch(copies);
    predicted[i] = result ? result.storyId : `unfolded-${i}`;
  }
  // A story merged later answers for its copies (GET /items/{absorbed} → 301 to the survivor).
  return predicted.map((id) => fold.resolve(id));
}

// The baseline: what the exact fingerprint alone costs (parse, normalize, SHA-256, url/fp lookups).
async function foldExact() {
  const fold = new lib.MemoryFold({ exactOnly: true });
  let prepareMs = 0;
  let foldMs = 0;
  const results = [];
  for (const body of docs) {
    const t0 = performance.now();
    const feed = lib.parseFeed(body);
    const copies = [];
    for (const item of feed.items) {
      const normalized = lib.normalizeBody(item, { title: item.title, sourceTitle: feed.title });
      const fingerprint = await lib.exactBodyFingerprint(
        normalized,
        item.title ? lib.normalizeTitle(item.title) : undefined,
      );
      const canonical = item.url ? lib.canonicalUrl(item.url) : undefined;
      copies.push({
        source: { id: feed.feedUrl ?? feed.title },
        itemKey: item.id,
        urlKey: canonical ? lib.collapseAmpUrl(canonical) : undefined,
        fingerprint,
        lines: normalized.lines,
        features: { words: 0, windows: [], lineStarts: [], lineWords: [], numbers: [] },
        bands: [],
      });
    }
    const t1 = performance.now();
    results.push(...fold.foldBatch(copies));
    foldMs += performance.now() - t1;
    prepareMs += t1 - t0;
  }
  return { results, prepareMs, foldMs, reads: fold.reads };
}

// Warm up once (JIT), then measure both in the same run.
await foldAll();
await foldExact();
const full = await foldAll();
const exact = await foldExact();

const scores = lib.pairwiseScores(
  items,
  full.results.map((r) => r.storyId),
);
const exactScores = lib.pairwiseScores(
  items,
  exact.results.map((r) => r.storyId),
);
const orderScores = [];
for (const [name, order] of ORDERS) {
  const predicted = await foldInOrder(order);
  orderScores.push([name, lib.pairwiseScores(items, predicted), predicted]);
}
const label = (i) => `${i.cluster}/${i.role}`;
for (const [a, b] of scores.falseMerges) console.log(`FALSE MERGE: ${label(a)} + ${label(b)}`);
const missedByCluster = new Map();
for (const [a, b] of scores.missed) {
  const key = a.cluster;
  missedByCluster.set(key, [...(missedByCluster.get(key) ?? []), `${a.role}~${b.role}`]);
}
for (const [cluster, pairs] of missedByCluster) {
  const parts = items
    .map((item, i) => [item, full.results[i]])
    .filter(([item]) => item.cluster === cluster)
    .map(([item, r]) => `${item.role}→${r.storyId}(${r.match}${r.score === undefined ? "" : ` ${r.score}`})`);
  console.log(`missed in ${cluster}: ${pairs.length} pairs; ${parts.join(" ")}`);
}

const kinds = {};
full.results.forEach((r, i) => {
  const k = `${items[i].role}:${r.match}`;
  kinds[k] = (kinds[k] ?? 0) + 1;
});
console.log("how items joined (role:match):", JSON.stringify(kinds));
const nearScores = full.results
  .filter((r) => r.match === "near")
  .map((r) => r.score)
  .sort((a, b) => a - b);
const summaryScores = full.results
  .filter((r) => r.match === "summary")
  .map((r) => r.score)
  .sort((a, b) => a - b);
console.log(
  `near scores used: min ${nearScores[0]}, 5 lowest ${nearScores.slice(0, 5).join(" ")}; summary: 5 lowest ${summaryScores.slice(0, 5).join(" ")}`,
);

// Threshold evidence: the verification metrics of every pair, copies vs. non-copies.
if (process.argv.includes("--metrics")) {
  const prepared = [];
  for (const body of docs) {
    const doc = await readDocument(body);
    prepared.push(doc.prepared[0].copy.features);
  }
  const rows = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const m = lib.pairMetrics(prepared[i], prepared[j]);
      if (m.jaccard < 0.2 && m.coverage < 0.4) continue;
      rows.push([
        items[i].cluster === items[j].cluster ? "COPY" : "neg ",
        m,
        label(items[i]),
        label(items[j]),
      ]);
    }
  }
  rows.sort((a, b) => b[1].jaccard - a[1].jaccard);
  for (const [kind, m, a, b] of rows) console.log(kind, JSON.stringify(m), a, b);
}

const n = items.length;
const fmt = (v) => v.toFixed(3);
console.log(`\nfolding cost per item (${n} items, same run):`);
console.log(
  `  full (exact + near + summary): prepare ${fmt(full.prepareMs / n)} ms, decide ${fmt(full.foldMs / n)} ms, ${fmt(full.reads / n)} index reads`,
);
console.log(
  `  exact fingerprint only:        prepare ${fmt(exact.prepareMs / n)} ms, decide ${fmt(exact.foldMs / n)} ms, ${fmt(exact.reads / n)} index reads`,
);
console.log(
  `  exact-only pairwise: precision ${fmt(exactScores.precision)} recall ${fmt(exactScores.recall)} f1 ${fmt(exactScores.f1)}`,
);
console.log(`figure fold_precision ${fmt(scores.precision)}`);
console.log(`figure fold_recall ${fmt(scores.recall)}`);
console.log(`figure fold_f1 ${fmt(scores.f1)}`);
console.log(`figure fold_false_merges ${scores.falseMerges.length}`);
console.log("item by item, one document each, in four arrival orders (a fresh fold per order):");
const fileOrderMerges = new Set(scores.falseMerges.map(([a, b]) => `${label(a)} + ${label(b)}`));
for (const [name, s, predicted] of orderScores) {
  console.log(
    `  order ${name}: precision ${fmt(s.precision)} recall ${fmt(s.recall)} f1 ${fmt(s.f1)}; false merges ${s.falseMerges.length}, missed pairs ${s.missed.length}`,
  );
  // A cluster left in pieces: the roles of each piece.
  for (const cluster of new Set(s.missed.map(([a]) => a.cluster))) {
    const pieces = new Map();
    items.forEach((item, i) => {
      if (item.cluster === cluster)
        pieces.set(predicted[i], [...(pieces.get(predicted[i]) ?? []), item.role]);
    });
    console.log(
      `    missed in ${cluster}: ${[...pieces.values()].map((roles) => roles.join(",")).join(" | ")}`,
    );
  }
  const merges = s.falseMerges.map(([a, b]) => `${label(a)} + ${label(b)}`);
  const same = merges.length === fileOrderMerges.size && merges.every((m) => fileOrderMerges.has(m));
  if (merges.length > 0)
    console.log(`    false merges: ${same ? "the same as in file order" : merges.join("; ")}`);
}
console.log(`figure fold_f1_worst_order ${fmt(Math.min(...orderScores.map(([, s]) => s.f1)))}`);
console.log(`figure fold_precision_worst_order ${fmt(Math.min(...orderScores.map(([, s]) => s.precision)))}`);
console.log(`figure fold_exact_only_recall ${fmt(exactScores.recall)}`);
console.log(`figure fold_ms_per_item ${fmt((full.prepareMs + full.foldMs) / n)}`);
console.log(`figure fold_exact_ms_per_item ${fmt((exact.prepareMs + exact.foldMs) / n)}`);
console.log(
  `figure fold_cost_ratio_vs_exact ${fmt((full.prepareMs + full.foldMs) / (exact.prepareMs + exact.foldMs))}`,
);
console.log(`figure fold_reads_per_item ${fmt(full.reads / n)}`);
console.log(`figure fold_exact_reads_per_item ${fmt(exact.reads / n)}`);
