/**
 * Related coverage: is this other story a report of the same event? Pure; the fold index
 * (src/fold-index/related-store.ts) and the benchmark call the same code.
 *
 * Two stories are related when they are in the same language, published within the window, and
 * share the salient content of the event (salient-terms.ts) well above what unrelated stories
 * share: the shared terms, each weighted by its rarity over the stories held (idf) and by where
 * each story has it (title and lead above tail), over the geometric mean of the two stories'
 * own weights. Template items of one site (the same frame with other facts: two match reports,
 * two weather notices) are never related, however much they share (isTemplatePair).
 *
 * Thresholds were picked on test/fixtures/fold-eval with the related-coverage truth
 * (`node bench/related.bench.mjs --pairs` prints every scored pair): see each constant.
 */
import { compatibleLanguages, type SalientTerms } from "./salient-terms";

/** The related stories listed per story, strongest first. */
export const MAX_RELATED = 5;

/**
 * Score at which two stories are related. Measured on the evaluation set: rivals, follow-ups and
 * corrections of one event score 0.2 and above; stories that merely share a place or a sponsor
 * stay below 0.12.
 */
export const RELATED_MIN_SCORE = 0.18;
/**
 * Shared terms needed at least: a common name or two ("open day", a town) is a coincidence, not
 * an event. Reports of one event on the evaluation set share 10 terms or more (corrections, the
 * shortest, 11); unrelated posts that pass the score share at most 4.
 */
export const RELATED_MIN_SHARED = 5;
/**
 * What must remain of the pair once the lines they share as lines are gone (withoutSharedLines):
 * posts sharing only a footer fall to 0 (and below 3 shared terms); a follow-up that reuses three
 * background paragraphs keeps its lead's names and places (ferry-strike-followup: 0.1 to 0.2, less
 * in a young index, where every term is rare). No pair of the evaluation set lies between 0.03 and
 * 0.1, so 0.05 sits in the gap.
 */
export const RELATED_MIN_DISTINCT_SCORE = 0.05;
export const RELATED_MIN_DISTINCT_SHARED = 3;

/** The rarity of a term found in `df` of `n` stories held (never below a small floor). */
export function idfOf(df: number, n: number): number {
  return Math.log(1 + Math.max(n, 1) / Math.max(df, 1));
}

export interface PairScore {
  score: number;
  shared: number;
}

/** How much of the event two stories share (0..1), and how many terms; `idf` gives each term's rarity. */
export function relatedScore(a: SalientTerms, b: SalientTerms, idf: (term: string) => number): PairScore {
  if (!compatibleLanguages(a.lang).includes(b.lang)) return { score: 0, shared: 0 };
  // A cosine of the two stories' term vectors, each term weighted by where the story has it and by
  // its rarity (tf-idf with the place for tf): a rare name shared counts far more than a common word.
  const bWeights = new Map(b.terms);
  let common = 0;
  let shared = 0;
  let ownA = 0;
  for (const [term, weight] of a.terms) {
    const rarity = idf(term);
    ownA += (weight * rarity) ** 2;
    const other = bWeights.get(term);
    if (other !== undefined) {
      common += weight * other * rarity * rarity;
      shared++;
    }
  }
  let ownB = 0;
  for (const [term, weight] of b.terms) ownB += (weight * idf(term)) ** 2;
  if (ownA === 0 || ownB === 0) return { score: 0, shared };
  return { score: Math.round((common / Math.sqrt(ownA * ownB)) * 1000) / 1000, shared };
}

/** True when the pair passes the score and shared-term thresholds (the template check apart). */
export function strongEnough(pair: PairScore): boolean {
  return pair.score >= RELATED_MIN_SCORE && pair.shared >= RELATED_MIN_SHARED;
}

const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** Tokens compared by the template check: enough for any template item, bounded cost. */
const TEMPLATE_TOKENS = 300;
/** A difference of at most this many tokens on each side is a changed fact, not new text. */
const FACT_TOKENS = 6;
/** The frame two template items share: this share of the longer text, in order. */
const FRAME_SHARE = 0.6;

function templateTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.normalize("NFKC").toLowerCase().match(WORD) ?? []) {
    if (UNSPACED_CHAR.test(word)) out.push(...[...word]);
    else out.push(word);
    if (out.length >= TEMPLATE_TOKENS) break;
  }
  return out.slice(0, TEMPLATE_TOKENS);
}

/**
 * Template items of one site that differ in their facts: the two texts are the same frame, in
 * order (their longest common subsequence is most of the longer text), and every place they
 * differ is a short substitution (a score, a price, a date, a name), never a new sentence. A
 * follow-up that reuses background paragraphs has a new lead of its own, so it is not one.
 */
export function isTemplatePair(textA: string, textB: string): boolean {
  return sameFrame(templateTokens(textA), templateTokens(textB), true);
}

/**
 * Same tokens in order but for short differences; `strict`: and they differ somewhere;
 * `substitutionsOnly`: every difference replaces tokens on both sides (a word added on one side
 * only, "Update:", is not another fact).
 */
function sameFrame(
  a: readonly string[],
  b: readonly string[],
  strict: boolean,
  substitutionsOnly = false,
): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const n = a.length;
  const m = b.length;
  // LCS table, (n + 1) × (m + 1), filled from the end so the walk below goes forwards.
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const common = table[0]!;
  if (common < FRAME_SHARE * Math.max(n, m)) return false;
  let i = 0;
  let j = 0;
  let gapA = 0;
  let gapB = 0;
  let differs = false;
  const oneSided = () => substitutionsOnly && (gapA === 0) !== (gapB === 0);
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (gapA > FACT_TOKENS || gapB > FACT_TOKENS || oneSided()) return false;
      gapA = 0;
      gapB = 0;
      i++;
      j++;
    } else if (j >= m || (i < n && table[(i + 1) * width + j]! >= table[i * width + j + 1]!)) {
      gapA++;
      differs = true;
      i++;
    } else {
      gapB++;
      differs = true;
      j++;
    }
  }
  return (differs || !strict) && gapA <= FACT_TOKENS && gapB <= FACT_TOKENS && !oneSided();
}

/**
 * Two items of one site's series (daily roundups, bulletins, tickers, results): one source, and
 * titles of the same frame with other facts ("The Morning Briefing: Tuesday" / "…: Wednesday").
 * A series reports a new day each time, not one event, so its items are never related. A title
 * that only adds words ("Update: …", "… - live") is the same story's follow-up, not a series.
 */
export function isSeriesPair(a: PairText, b: PairText): boolean {
  if (a.source === undefined || a.source !== b.source) return false;
  const x = templateTokens(a.title ?? "");
  const y = templateTokens(b.title ?? "");
  return x.length >= 2 && y.length >= 2 && sameFrame(x, y, false, true);
}

/** A story as the pair check reads it: title, plain text (one line per paragraph) and source. */
export interface PairText {
  title?: string;
  text: string;
  source?: string;
}

/**
 * The two texts without what they share as lines rather than as an event: a line found in both
 * (a footer of a blog network, a background paragraph a follow-up reuses), and for two stories of
 * one source also a line or title of the same frame with other facts ("Good morning, here is what
 * you need to know on Tuesday"). What is left must still share the event: two posts that share
 * only a footer, or two roundups of one site that share only their frame, then share nothing.
 */
export function withoutSharedLines(a: PairText, b: PairText): [PairText, PairText] {
  const sameSource = a.source !== undefined && a.source === b.source;
  const linesA = a.text.split("\n").filter((l) => l.trim() !== "");
  const linesB = b.text.split("\n").filter((l) => l.trim() !== "");
  const tokensA = linesA.map(templateTokens);
  const tokensB = linesB.map(templateTokens);
  const twin = (x: readonly string[], y: readonly string[]) =>
    x.join(" ") === y.join(" ") || (sameSource && x.length >= 4 && sameFrame(x, y, false));
  const dropA = new Set<number>();
  const dropB = new Set<number>();
  tokensA.forEach((x, i) => {
    tokensB.forEach((y, j) => {
      if (x.length > 0 && twin(x, y)) {
        dropA.add(i);
        dropB.add(j);
      }
    });
  });
  const titleTwin =
    sameSource && twin(templateTokens(a.title ?? ""), templateTokens(b.title ?? "")) && a.title !== undefined;
  const keep = (p: PairText, lines: string[], drop: Set<number>): PairText => ({
    title: titleTwin ? undefined : p.title,
    text: lines.filter((_, i) => !drop.has(i)).join("\n"),
    source: p.source,
  });
  return [keep(a, linesA, dropA), keep(b, linesB, dropB)];
}
