import type { MatchFeatures } from "./match-features";
import {
  INSERTED_LINE_WORDS,
  LEAD_CHECK_WINDOWS,
  MAX_INSERTED_SHARE,
  NEAR_MIN_JACCARD,
  NEAR_MIN_LEAD,
  NEAR_MIN_WORDS,
  NEAR_STRONG_JACCARD,
  SUMMARY_FIRST_LINE_MATCH,
  SUMMARY_MAX_OFFSET,
  SUMMARY_MIN_COVERAGE,
  SUMMARY_MIN_OFFSET,
  SUMMARY_MIN_WORDS,
  SUMMARY_OFFSET_SHARE,
  SUMMARY_SHORT_COVERAGE,
  SUMMARY_SHORT_WORDS,
  UNMATCHED_LINE_SHARE,
  WORDS_PER_NUMBER_CHANGE,
} from "./tuning";

/**
 * Verification of a candidate pair found through the LSH bands: is one text a near-duplicate
 * of the other, or a summary (a prefix, possibly trimmed, with inserted lines) of it? Pure; the
 * fold index and the benchmark call the same code.
 *
 * The thresholds, each with the measurement behind it, are in tuning.ts; they are re-exported
 * here under their old names.
 */

export {
  NEAR_MIN_JACCARD,
  NEAR_MIN_LEAD,
  NEAR_MIN_WORDS,
  NEAR_STRONG_JACCARD,
  SUMMARY_MAX_OFFSET,
  SUMMARY_MIN_COVERAGE,
  SUMMARY_MIN_WORDS,
  SUMMARY_SHORT_COVERAGE,
  SUMMARY_SHORT_WORDS,
  WORDS_PER_NUMBER_CHANGE,
} from "./tuning";

export interface Verdict {
  kind: "near" | "summary";
  /** Shingle Jaccard (near) or prefix coverage (summary), 0..1, 3 decimals. */
  score: number;
}

function windowSet(features: MatchFeatures, from = 0, to = features.windows.length): Set<number> {
  return new Set(features.windows.slice(from, to));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** How many of `a`'s numbers (a multiset) are missing from `b`'s. */
function missingNumbers(a: readonly string[], b: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const n of b) pool.set(n, (pool.get(n) ?? 0) + 1);
  let missing = 0;
  for (const n of a) {
    const left = pool.get(n) ?? 0;
    if (left > 0) pool.set(n, left - 1);
    else missing++;
  }
  return missing;
}

function numberAllowance(words: number): number {
  return Math.floor(words / WORDS_PER_NUMBER_CHANGE);
}

/** Share of a's first LEAD_CHECK_WINDOWS shingles found in b's first 2 × LEAD_CHECK_WINDOWS. */
function leadAgreement(a: MatchFeatures, b: MatchFeatures): number {
  const lead = a.windows.slice(0, LEAD_CHECK_WINDOWS);
  if (lead.length === 0) return 0;
  const head = windowSet(b, 0, 2 * LEAD_CHECK_WINDOWS);
  return lead.filter((h) => head.has(h)).length / lead.length;
}

/** The windows starting in line i (indices into features.windows). */
function lineWindows(f: MatchFeatures, i: number): [number, number] {
  const start = Math.min(f.lineStarts[i]!, f.windows.length);
  const end = Math.min(f.lineStarts[i + 1] ?? f.windows.length, f.windows.length);
  return [start, end];
}

function matchedShare(f: MatchFeatures, [start, end]: [number, number], other: Set<number>): number {
  if (end <= start) return 1;
  let hits = 0;
  for (let k = start; k < end; k++) if (other.has(f.windows[k]!)) hits++;
  return hits / (end - start);
}

/** Near-duplicate verification: exact shingle Jaccard with the lead, first-line and number guards. */
export function verifyNear(a: MatchFeatures, b: MatchFeatures): Verdict | undefined {
  if (a.words < NEAR_MIN_WORDS || b.words < NEAR_MIN_WORDS) return undefined;
  const setA = windowSet(a);
  const setB = windowSet(b);
  // Size guard: Jaccard can never reach the threshold when one set is much smaller.
  if (Math.min(setA.size, setB.size) < NEAR_MIN_JACCARD * Math.max(setA.size, setB.size)) return undefined;
  let shared = 0;
  for (const h of setA) if (setB.has(h)) shared++;
  const jaccard = shared / (setA.size + setB.size - shared);
  if (jaccard < NEAR_MIN_JACCARD) return undefined;
  if (jaccard < NEAR_STRONG_JACCARD && Math.min(leadAgreement(a, b), leadAgreement(b, a)) < NEAR_MIN_LEAD) {
    return undefined;
  }
  // Two texts that each open with a paragraph the other lacks are two posts sharing a footer
  // (eval: footer-post-*), unless they share three quarters of their text (two reposts that
  // each put an intro of their own above the article).
  if (
    jaccard < NEAR_STRONG_JACCARD &&
    matchedShare(a, lineWindows(a, 0), setB) < UNMATCHED_LINE_SHARE &&
    matchedShare(b, lineWindows(b, 0), setA) < UNMATCHED_LINE_SHARE
  ) {
    return undefined;
  }
  const numbersA = a.numbers.map(([, n]) => n);
  const numbersB = b.numbers.map(([, n]) => n);
  const allowed = numberAllowance(Math.min(a.words, b.words));
  if (Math.max(missingNumbers(numbersA, numbersB), missingNumbers(numbersB, numbersA)) > allowed) {
    return undefined;
  }
  return { kind: "near", score: round3(jaccard) };
}

/**
 * Summary verification: `s` (the shorter) is the start of `l`, allowing a shifted start (a
 * changed dateline, a caption), inserted short lines that match nothing in `l` ("READ MORE: …",
 * credits), a cut last word, and, for summaries of 50 words or more, light edits.
 */
export function verifySummary(s: MatchFeatures, l: MatchFeatures): Verdict | undefined {
  if (s.words < SUMMARY_MIN_WORDS || s.windows.length < 2) return undefined;
  const firstAt = new Map<number, number>();
  l.windows.forEach((h, i) => {
    if (!firstAt.has(h)) firstAt.set(h, i);
  });
  const inL = new Set(firstAt.keys());

  // The first line must match: a text that opens with what the other lacks is another text.
  if (matchedShare(s, lineWindows(s, 0), inL) < SUMMARY_FIRST_LINE_MATCH) return undefined;
  const excluded = new Uint8Array(s.windows.length);
  let insertedWords = 0;
  for (let i = 1; i < s.lineStarts.length; i++) {
    if (s.lineWords[i]! > INSERTED_LINE_WORDS) continue;
    const range = lineWindows(s, i);
    if (range[1] <= range[0] || matchedShare(s, range, inL) >= UNMATCHED_LINE_SHARE) continue;
    insertedWords += s.lineWords[i]!;
    // The four windows before the line span into it.
    for (let k = Math.max(0, range[0] - 4); k < range[1]; k++) excluded[k] = 1;
  }
  if (insertedWords > MAX_INSERTED_SHARE * s.words) return undefined;

  let offset: number | undefined;
  for (let j = 0, seen = 0; j < s.windows.length && seen < 10; j++) {
    if (excluded[j]) continue;
    seen++;
    const at = firstAt.get(s.windows[j]!);
    if (at !== undefined) {
      offset = at - j;
      break;
    }
  }
  const maxOffset = Math.max(SUMMARY_MAX_OFFSET, Math.floor(s.windows.length * SUMMARY_OFFSET_SHARE));
  if (offset === undefined || offset > maxOffset || offset < SUMMARY_MIN_OFFSET) return undefined;

  const limit = offset + s.windows.length * 1.25 + 20;
  let considered = 0;
  let matched = 0;
  for (let j = 0; j < s.windows.length - 1; j++) {
    if (excluded[j]) continue;
    considered++;
    const at = firstAt.get(s.windows[j]!);
    if (at !== undefined && at <= limit) matched++;
  }
  if (considered === 0) return undefined;
  const coverage = matched / considered;
  const needed = s.words < SUMMARY_SHORT_WORDS ? SUMMARY_SHORT_COVERAGE : SUMMARY_MIN_COVERAGE;
  if (coverage < needed) return undefined;

  const sNumbers = s.numbers
    .filter(([at]) => !excluded[Math.min(at, s.windows.length - 1)])
    .map(([, n]) => n);
  const lNumbers = l.numbers.filter(([at]) => at <= limit + 4).map(([, n]) => n);
  if (missingNumbers(sNumbers, lNumbers) > numberAllowance(s.words)) return undefined;
  return { kind: "summary", score: round3(coverage) };
}

/**
 * The verdict for an incoming text against one stored copy: near-duplicate if it is one, else
 * summary in either direction (the shorter text is the summary). Undefined: not the same article.
 */
export function verifyPair(item: MatchFeatures, stored: MatchFeatures): Verdict | undefined {
  const near = verifyNear(item, stored);
  if (near) return near;
  const [s, l] = item.windows.length <= stored.windows.length ? [item, stored] : [stored, item];
  return verifySummary(s, l);
}

/**
 * The raw verification measures of a pair, without thresholds: for the benchmark's threshold
 * evidence (`node bench/fold.bench.mjs --metrics`).
 */
export function pairMetrics(
  a: MatchFeatures,
  b: MatchFeatures,
): { jaccard: number; lead: number; coverage: number; words: number } {
  const setA = windowSet(a);
  const setB = windowSet(b);
  let shared = 0;
  for (const h of setA) if (setB.has(h)) shared++;
  const union = setA.size + setB.size - shared;
  const [s, l] = a.windows.length <= b.windows.length ? [a, b] : [b, a];
  const inL = new Set(l.windows.slice(0, Math.round(s.windows.length * 1.25) + 35));
  const covered = s.windows.filter((h) => inL.has(h)).length;
  return {
    jaccard: round3(union === 0 ? 0 : shared / union),
    lead: round3(Math.min(leadAgreement(a, b), leadAgreement(b, a))),
    coverage: round3(s.windows.length === 0 ? 0 : covered / s.windows.length),
    words: Math.min(a.words, b.words),
  };
}

/**
 * Whether two stories that one incoming copy (`bridge`) verified against are one article: the
 * copies it matched in each must agree on their own texts, not only through the bridge. Either
 * they verify against each other outright (they were kept apart only by arrival order or by the
 * candidate limit), or, when each is a different partial form of the bridge (a summary beside a
 * copy with a caption on top), the facts agree: every number of the shorter is in the longer
 * (within the usual allowance) and the bridge is at least as long as the shorter, so two template
 * items, two days' notices or two articles opening with one stock paragraph never merge through
 * a text that resembles both.
 */
export function sameStoryEvidence(a: MatchFeatures, b: MatchFeatures, bridge: MatchFeatures): boolean {
  if (verifyPair(a, b)) return true;
  const [s, l] = a.words <= b.words ? [a, b] : [b, a];
  // A bridge shorter than both (an intro paragraph that two articles share) proves nothing about
  // the rest of them.
  if (bridge.words < s.words) return false;
  // The bridge must hold both: neither story may carry facts the bridge lacks.
  const bridgeNumbers = bridge.numbers.map(([, n]) => n);
  const allowed = numberAllowance(Math.min(s.words, bridge.words));
  if (
    missingNumbers(
      s.numbers.map(([, n]) => n),
      bridgeNumbers,
    ) > allowed
  )
    return false;
  if (
    missingNumbers(
      l.numbers.map(([, n]) => n),
      bridgeNumbers,
    ) > numberAllowance(l.words)
  )
    return false;
  return (
    missingNumbers(
      s.numbers.map(([, n]) => n),
      l.numbers.map(([, n]) => n),
    ) <= allowed
  );
}
