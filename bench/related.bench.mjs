// `node bench/run.mjs related`: related coverage (issue 18) on the labelled evaluation set
// (test/fixtures/fold-eval with related-truth.ts): one story per cluster, its canonical copy the
// earliest published, related in arrival order (oldest first) through the same pure code the fold
// index runs (src/relate/), with the rarity of terms counted over the stories held so far, as the
// fold index counts it. Prints related precision and recall, and the ms per new story of the
// relation's own computation. `--pairs` prints every pair that scored, right or wrong.
import { loadBundle } from "./build-lib.mjs";

const entry = `
export { relatedEvalSet, relatedScores, RELATED } from "./test/fixtures/fold-eval/related-truth";
export { storyTerms, relateText } from "./src/relate/story-terms";
export { rankRelated } from "./src/relate/rank-related";
export { idfOf, relatedScore } from "./src/relate/related-score";
export { DEFAULT_RELATED_WINDOW_HOURS } from "./src/relate/related-window";
`;
const lib = await loadBundle("related", entry);
const showPairs = process.argv.includes("--pairs");

const items = lib.relatedEvalSet();
const byCluster = new Map();
for (const item of items) {
  const held = byCluster.get(item.cluster);
  if (!held || item.datePublished < held.datePublished) byCluster.set(item.cluster, item);
}
const stories = [...byCluster.entries()]
  .map(([cluster, item]) => ({
    id: cluster,
    fields: {
      title: item.title,
      contentHtml: item.contentHtml,
      contentText: item.contentText,
      summary: item.summary,
    },
    at: Date.parse(item.datePublished),
    source: item.source.feedUrl,
  }))
  .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));

const windowMs = lib.DEFAULT_RELATED_WINDOW_HOURS * 3_600_000;
const df = new Map();
const held = [];
const texts = new Map();
const predicted = [];
const t0 = performance.now();
for (const story of stories) {
  const terms = lib.storyTerms(story.fields);
  texts.set(story.id, {
    title: story.fields.title,
    text: lib.relateText(story.fields),
    source: story.source,
  });
  const subject = { id: story.id, terms, at: story.at };
  for (const [term] of terms.terms) df.set(term, (df.get(term) ?? 0) + 1);
  held.push(subject);
  const n = held.length;
  const idf = (term) => lib.idfOf(df.get(term) ?? 1, n);
  const own = new Set(terms.terms.map(([t]) => t));
  const candidates = held.filter((o) => o.id !== story.id && o.terms.terms.some(([t]) => own.has(t)));
  for (const link of lib.rankRelated(subject, candidates, idf, windowMs, (id) => texts.get(id))) {
    predicted.push([story.id, link.id, link.score]);
  }
}
const ms = (performance.now() - t0) / stories.length;

const scores = lib.relatedScores(predicted.map(([a, b]) => [a, b]));
console.log(
  `related eval: ${items.length} items, ${stories.length} stories, ${lib.RELATED.length} related pairs in the truth, ${predicted.length} predicted`,
);
if (scores.wrong.length > 0) console.log(`wrongly related: ${scores.wrong.join("; ")}`);
if (scores.missed.length > 0) console.log(`missed: ${scores.missed.join("; ")}`);
if (showPairs) {
  // Every pair sharing a term, with its score, for tuning (no window, no template check).
  const n = held.length;
  const idf = (term) => lib.idfOf(df.get(term) ?? 1, n);
  const rows = [];
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const p = lib.relatedScore(held[i].terms, held[j].terms, idf);
      if (p.score >= 0.08) rows.push([p.score, p.shared, held[i].id, held[j].id]);
    }
  }
  rows.sort((a, b) => b[0] - a[0]);
  for (const r of rows) console.log(`pair ${r[0].toFixed(3)} ${r[1]} ${r[2]} ~ ${r[3]}`);
}
console.log(`figure related_precision ${scores.precision.toFixed(3)}`);
console.log(`figure related_recall ${scores.recall.toFixed(3)}`);
console.log(`figure related_ms_per_story ${ms.toFixed(3)}`);
