import { loadBundle } from "./build-lib.mjs";

const lib = await loadBundle(
  "fold",
  `
export { buildEvalSet, jsonFeedOf, pairwiseScores } from "./test/fixtures/fold-eval/build-eval";
export { MemoryFold } from "./test/unit/fold-index/memory-fold";
export { prepareCopies } from "./src/ingest/prepare-copies";
export { identifySource } from "./src/ingest/source-identity";
export { parseFeed } from "./src/feed/parse-feed";
export { edgeLineKeys } from "./src/fold/match-text";
`,
);
const items = lib.buildEvalSet();
const prepared = [];
for (const item of items) {
  const feed = lib.parseFeed(new TextEncoder().encode(lib.jsonFeedOf([item])));
  prepared.push((await lib.prepareCopies(feed, await lib.identifySource(feed, undefined)))[0].copy);
}
const bySource = new Map();
items.forEach((_, i) => {
  const s = prepared[i].source.id;
  bySource.set(s, [...(bySource.get(s) ?? []), i]);
});
const fold = new lib.MemoryFold();
const storyOf = [];
for (const doc of bySource.values())
  fold.foldBatch(doc.map((i) => prepared[i])).forEach((r, k) => (storyOf[doc[k]] = r));
const resolved = storyOf.map((r) => fold.resolve(r.storyId));
const s = lib.pairwiseScores(items, resolved);
console.log(s.precision, s.recall);
const lab = (i) => `${items[i].cluster}/${items[i].role}@${prepared[i].source.feedUrl}`;
const bad = new Set();
for (const [a, b] of s.missed) {
  bad.add(items.indexOf(a));
  bad.add(items.indexOf(b));
}
for (const i of bad) console.log(i, lab(i), resolved[i], storyOf[i].match, storyOf[i].status);
for (const [a, b] of s.falseMerges) console.log("FALSE", a.cluster + "/" + a.role, b.cluster + "/" + b.role);
