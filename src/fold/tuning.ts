/**
 * The fold's tuning: every threshold that decides whether two texts are one article, with the
 * measurement behind it. Thresholds were picked on test/fixtures/fold-eval
 * (`node bench/fold.bench.mjs --metrics` prints the distributions). A wrong merge hides news, a
 * missed one does not, so each sits on the safe side of the gap between copies and negatives.
 *
 * Not here, on purpose: the MinHash and LSH band layout (NEAR_SIGNATURE_SIZE in fingerprint.ts,
 * BODY_BANDS, BODY_ROWS, LEAD_BANDS, LEAD_WINDOWS in match-features.ts) is part of what the fold
 * index stores, so changing it re-bands every story; it stays with the code that computes the keys.
 * The candidate window (FOLD_WINDOW_DAYS) is an operator setting, read in src/config.ts.
 */

// Near-duplicates (verifyNear in near-verify.ts).

/**
 * Near-duplicates need this many words on both sides: below, one edited sentence or a changed
 * number is a large share of the text, and short items (scores, prices, weather) are where
 * template texts differ only in their facts. Short items fold only exactly or as a summary.
 */
export const NEAR_MIN_WORDS = 50;
/**
 * Shingle Jaccard for a near-duplicate. Measured on the eval set: the most similar non-copy of
 * 50+ words that passes the lead check is a follow-up whose one-sentence lead sits on top of the
 * first report's first three paragraphs (rail-tunnel-followup, J = 0.535; with a threshold of 0.5
 * it merges). Copies folded as near-duplicates score ≥ 0.658, and recall is the same for any
 * threshold from 0.6 to 0.7 (each copy also matches another copy of its story). 0.65 sits in
 * the gap. Template items score up to 0.8: the number guard, not the Jaccard, keeps them apart.
 */
export const NEAR_MIN_JACCARD = 0.65;
/**
 * Lead agreement: the share of each text's first LEAD_CHECK_WINDOWS shingles found among the
 * other's first 2 × LEAD_CHECK_WINDOWS. A follow-up with a new lead scores near 0 however much
 * background it reuses; a copy with a caption line inserted on top still scores ≥ 0.5.
 */
export const NEAR_MIN_LEAD = 0.5;
/**
 * Above this Jaccard the lead check is waived: the texts share three quarters of their shingles,
 * which a follow-up reusing background never does, and a repost with its own intro sentence and
 * a caption on top (eval: caption-repost, lead agreement 0.45 in Chinese) is still a copy.
 */
export const NEAR_STRONG_JACCARD = 0.75;
export const LEAD_CHECK_WINDOWS = 40;

// Summaries and trimmed copies (verifySummary in near-verify.ts).

/** A summary must have at least this many words: "Read the full story" must not match anything. */
export const SUMMARY_MIN_WORDS = 20;
/** Below this many words a summary must be an exact prefix (coverage SUMMARY_SHORT_COVERAGE). */
export const SUMMARY_SHORT_WORDS = 50;
/**
 * Short summaries: every shingle (but the last, which a cut word may spoil) must be found in the
 * other text's prefix. Template items (a score, a weather line) differ in one word or number:
 * any miss rejects them.
 */
export const SUMMARY_SHORT_COVERAGE = 1;
/**
 * Longer summaries and trimmed wire copies: share of shingles found in the other's prefix.
 * Measured: summary folds on the eval set score ≥ 0.826; non-copies other than the rail-tunnel
 * follow-up (stopped by the offset limit) reach at most 0.673 (a trimmed wire copy against a
 * follow-up reusing its background), and texts sharing only a footer fail the first-line check.
 */
export const SUMMARY_MIN_COVERAGE = 0.8;
/**
 * How far (in tokens) the summary may start after the other text's start: an "Updated …" line,
 * a credit the rules do not know. Not more: a follow-up whose new lead is one short sentence
 * followed by the first report's text (eval: rail-tunnel-followup, 14 tokens) must not take the
 * first report's teaser. The summary may start later than the text (its own extra head), since
 * its first line must match anyway.
 */
export const SUMMARY_MAX_OFFSET = 6;
export const SUMMARY_MIN_OFFSET = -15;
/**
 * A long summary or trimmed copy may start later by a tenth of its length: a repost's own intro
 * sentence above 150 words of the article (eval: caption-repost, 14 tokens) is not a new lead.
 */
export const SUMMARY_OFFSET_SHARE = 0.1;
/** Lines of at most this many words that match nothing in the other text are inserted lines. */
export const INSERTED_LINE_WORDS = 15;
/** Inserted lines may not be more than this share of the summary's words. */
export const MAX_INSERTED_SHARE = 0.34;
// Both kinds.

/**
 * A line counts as matching nothing in the other text when less than this share of its shingles
 * is found there. Near-duplicates: two texts that each open with such a line are two posts
 * sharing a footer (eval: footer-post-*). Summaries: a short line like that is an inserted line
 * ("READ MORE: …", a credit) and is left out of the coverage.
 */
export const UNMATCHED_LINE_SHARE = 0.2;
/**
 * A summary's first line must have at least this share of its shingles in the other text: a
 * text that opens with what the other lacks is another text.
 */
export const SUMMARY_FIRST_LINE_MATCH = 0.5;
/**
 * Number guard: texts may differ in one number per this many words (a corrected figure, a date
 * in a changed dateline), so template items under 250 words must have exactly the same numbers.
 */
export const WORDS_PER_NUMBER_CHANGE = 250;

// The fold index's use of them (src/fold-index/). Until fold-decision.ts imports these two from
// here, it declares the same values; test/unit/fold/tuning.test.ts keeps the copies equal.

/** Candidate stories verified per item: the best by shared bands. Bounds reads per item. */
export const MAX_CANDIDATES = 8;

/** A line is a source's template when it sits at the ends of this many of its stories. */
export const LEARN_MIN_STORIES = 3;
