import { exactBodyFingerprintSync } from "../fold/fingerprint";
import { BODY_BANDS, bandKeys, type MatchFeatures, matchFeatures } from "../fold/match-features";
import { edgeLineKey, edgeLineKeys, matchLines, stripLearnedLines } from "../fold/match-text";
import { sameStoryEvidence, type Verdict, verifyPair } from "../fold/near-verify";
import { countWords } from "../fold/tokens";
import { MAX_CANDIDATES } from "../fold/tuning";
import type { IncomingCopy } from "./incoming-copy";

/**
 * Which story a new copy joins, decided over a read-only lookup: the fold index answers it from
 * SQLite inside its transaction, the benchmark and unit tests from memory. No I/O of its own and
 * no `await`: the caller reads and writes in one synchronous step.
 */

export type FoldMatch =
  | { kind: "same-url" | "same-id" | "exact"; storyId: string }
  | { kind: "near" | "summary"; storyId: string; score: number }
  | { kind: "new" };

export interface FoldDecision {
  match: FoldMatch;
  /**
   * Other stories this copy verified against, whose own texts agree with the matched story's
   * (fold/near-verify.ts sameStoryEvidence): the copy shows they are one article, so they merge
   * with the matched story (into whichever was created first). Empty for most copies.
   */
  alsoStories: string[];
  /** The exact fingerprint after the source's learned template lines are removed. */
  fingerprint?: string;
  /** Near-duplicate features and band keys of the same text, to store with the copy. */
  features: MatchFeatures;
  bands: number[];
  /** Read-only lookups made (index reads), for the benchmark's cost per item. */
  reads: number;
}

/** What a decision reads. Each method is one index read (or one per story for storedFeatures). */
export interface FoldLookup {
  storyByUrl(urlKey: string): string | undefined;
  /**
   * True when this source already gave another item with this URL: then the URL names a page, not
   * an article (posts of a day's page told apart by their #fragment, a shared landing page).
   */
  sourceHasUrl(sourceId: string, urlKey: string): boolean;
  storyByGlobalId(itemKey: string): string | undefined;
  storyByFingerprint(fingerprint: string): string | undefined;
  /** Stories sharing a band with the given keys, most shared bands first, within the time window. */
  candidateStories(bands: readonly number[], limit: number): string[];
  /** The stored features of each copy of a story. */
  storedFeatures(storyId: string): MatchFeatures[];
  /** Stories an operator split this copy from (keys: its URL key and entry key). */
  refusedStories(copyKeys: readonly string[]): Set<string>;
}

// The fold's tuning values live in fold/tuning.ts, with the evidence for each.
export { LEARN_MIN_STORIES, MAX_CANDIDATES } from "../fold/tuning";

/**
 * Item ids that name an article across sites (a URL, a tag: or urn: URI), so another source
 * carrying the same id carries the same article. Short ids ("123") are only unique in their feed.
 */
export function isGlobalId(itemKey: string): boolean {
  return itemKey.length >= 16 && /^(https?:\/\/|tag:|urn:)/i.test(itemKey);
}

/** The keys an operator's split is remembered by for a copy. */
export function copyKeys(copy: Pick<IncomingCopy, "source" | "itemKey" | "urlKey">): string[] {
  const keys = [`entry:${copy.source.id}:${copy.itemKey}`];
  if (copy.urlKey) keys.push(copy.urlKey);
  return keys;
}

/** Recomputes fingerprint and features when the source's learned template lines leave the body. */
function finalText(copy: IncomingCopy, learned: ReadonlySet<string>) {
  const lines = stripLearnedLines(copy.lines, learned);
  if (lines.length === copy.lines.length) {
    return { fingerprint: copy.fingerprint, features: copy.features, bands: copy.bands };
  }
  const text = lines.join(" ");
  const fingerprint = exactBodyFingerprintSync({ text, words: countWords(text) }, copy.titleKey);
  const features = matchFeatures(matchLines(lines));
  return { fingerprint, features, bands: bandKeys(features) };
}

/**
 * The story a copy (with no entry of its own yet) joins, in order: the same URL (AMP and mobile
 * forms collapsed) unless its own source already used that URL for another item, the same global
 * id, the same exact fingerprint, else the single best verified near-duplicate or summary match
 * among the LSH candidates; otherwise a new story. A story an operator split this copy from is
 * never joined again. When the copy verifies against several stories whose texts also agree with
 * each other, those are one article that arrived in an order that kept them apart: `alsoStories`.
 */
export function decideFold(
  lookup: FoldLookup,
  copy: IncomingCopy,
  learned: ReadonlySet<string> = new Set(),
): FoldDecision {
  const { fingerprint, features, bands } = finalText(copy, learned);
  let reads = 1;
  const refused = lookup.refusedStories(copyKeys(copy));
  const allowed = (storyId: string | undefined): storyId is string =>
    storyId !== undefined && storyId !== "" && !refused.has(storyId);
  const done = (match: FoldMatch, alsoStories: string[] = []): FoldDecision => ({
    match,
    alsoStories,
    fingerprint,
    features,
    bands,
    reads,
  });

  if (copy.urlKey) {
    reads++;
    const byUrl = lookup.storyByUrl(copy.urlKey);
    if (allowed(byUrl)) {
      reads++;
      if (!lookup.sourceHasUrl(copy.source.id, copy.urlKey))
        return done({ kind: "same-url", storyId: byUrl });
    }
  }
  if (isGlobalId(copy.itemKey)) {
    reads++;
    const byId = lookup.storyByGlobalId(copy.itemKey);
    if (allowed(byId)) return done({ kind: "same-id", storyId: byId });
  }
  if (fingerprint) {
    reads++;
    const byFingerprint = lookup.storyByFingerprint(fingerprint);
    if (allowed(byFingerprint)) return done({ kind: "exact", storyId: byFingerprint });
  }
  if (bands.length === 0) return done({ kind: "new" });

  reads++;
  const verified: Array<{ storyId: string; verdict: Verdict; stored: MatchFeatures }> = [];
  for (const storyId of lookup.candidateStories(bands, MAX_CANDIDATES)) {
    if (refused.has(storyId)) continue;
    reads++;
    let best: { storyId: string; verdict: Verdict; stored: MatchFeatures } | undefined;
    for (const stored of lookup.storedFeatures(storyId)) {
      const verdict = verifyPair(features, stored);
      if (verdict && (!best || verdict.score > best.verdict.score)) best = { storyId, verdict, stored };
    }
    if (best) verified.push(best);
  }
  if (verified.length === 0) return done({ kind: "new" });
  verified.sort((a, b) => b.verdict.score - a.verdict.score);
  const best = verified[0]!;
  const also = verified
    .slice(1)
    .filter((other) => sameStoryEvidence(best.stored, other.stored, features))
    .map((other) => other.storyId);
  return done({ kind: best.verdict.kind, storyId: best.storyId, score: best.verdict.score }, also);
}

/** The edge-line keys of a copy (fold/match-text.ts edgeLineKeys). */
export type EdgeKeys = (copy: IncomingCopy) => string[];

/**
 * Edge-line keys computed once per copy: a batch reads them three times (its own counts, each
 * copy's learned lines, the record after it), and each key normalizes its line again.
 */
export function edgeKeysOnce(): EdgeKeys {
  const computed = new Map<IncomingCopy, string[]>();
  return (copy) => {
    let keys = computed.get(copy);
    if (keys === undefined) {
      keys = edgeLineKeys(copy.lines);
      computed.set(copy, keys);
    }
    return keys;
  };
}

/**
 * Edge-line keys of the copies of a batch, counted per source. A key counts once per article, not
 * per copy: copies of one source that share a body band (fold/match-features.ts; likely versions
 * of one article: a teaser, a trimmed and a full copy in one feed) count together, or the lead
 * line they share would be learned as the site's template and stripped from all of them.
 */
export function countBatchEdgeLines(
  batch: readonly IncomingCopy[],
  edgeKeys: EdgeKeys = (copy) => edgeLineKeys(copy.lines),
): Map<string, Map<string, number>> {
  const bySource = new Map<string, IncomingCopy[]>();
  for (const copy of batch) bySource.set(copy.source.id, [...(bySource.get(copy.source.id) ?? []), copy]);
  const counts = new Map<string, Map<string, number>>();
  for (const [sourceId, copies] of bySource) {
    const perSource = new Map<string, number>();
    counts.set(sourceId, perSource);
    for (const group of articleGroups(copies)) {
      const keys = new Set(group.flatMap(edgeKeys));
      for (const key of keys) perSource.set(key, (perSource.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Copies grouped (union-find) when they open with the same line and share a body band: each group
 * is likely one article. Posts that share only a template (a long footer can make short posts
 * share bands) open differently, so they stay apart and teach the template.
 */
function articleGroups(copies: readonly IncomingCopy[]): IncomingCopy[][] {
  const parent = copies.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<number, number>();
  const leads = copies.map((copy) => (copy.lines[0] === undefined ? "" : edgeLineKey(copy.lines[0])));
  copies.forEach((copy, i) => {
    for (const band of copy.bands.slice(0, BODY_BANDS)) {
      const j = owner.get(band);
      if (j !== undefined && leads[j] !== leads[i]) continue;
      if (j === undefined) owner.set(band, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, IncomingCopy[]>();
  copies.forEach((copy, i) => {
    groups.set(find(i), [...(groups.get(find(i)) ?? []), copy]);
  });
  return [...groups.values()];
}
