import {
  isSeriesPair,
  isTemplatePair,
  type PairScore,
  type PairText,
  RELATED_MIN_DISTINCT_SCORE,
  RELATED_MIN_DISTINCT_SHARED,
  relatedScore,
  strongEnough,
  withoutSharedLines,
} from "./related-score";
import { type SalientTerms, salientTerms } from "./salient-terms";

/** A story the relation is decided for, or a candidate: its terms and publication time (ms). */
export interface RelateSubject {
  id: string;
  terms: SalientTerms;
  at: number;
}

export interface RelatedLink {
  id: string;
  score: number;
}

/** Terms of a pair-stripped text, kept to those the story had (their rarity is known). */
function restrictedTerms(text: PairText, own: SalientTerms): SalientTerms {
  const allowed = new Set(own.terms.map(([term]) => term));
  const terms = salientTerms({ title: text.title, text: text.text }).terms.filter(([term]) =>
    allowed.has(term),
  );
  return { lang: own.lang, terms };
}

/**
 * The stories related to `story` among `candidates` (those found through its terms), strongest
 * first: same language, published within `windowMs` of it, strong enough (related-score.ts), not
 * a template pair, and still strong enough without the lines the two share as lines (footers,
 * reused paragraphs, a site's frame: withoutSharedLines). `textOf` gives a story's title, text
 * and source, asked only for the few pairs that pass the first score. Pure: no I/O, no `await`.
 */
export function rankRelated(
  story: RelateSubject,
  candidates: readonly RelateSubject[],
  idf: (term: string) => number,
  windowMs: number,
  textOf: (id: string) => PairText,
): RelatedLink[] {
  const scored: Array<RelatedLink & PairScore & { other: RelateSubject }> = [];
  for (const other of candidates) {
    if (other.id === story.id || Math.abs(other.at - story.at) > windowMs) continue;
    const pair = relatedScore(story.terms, other.terms, idf);
    if (strongEnough(pair)) scored.push({ id: other.id, ...pair, other });
  }
  if (scored.length === 0) return [];
  const own = textOf(story.id);
  const links: RelatedLink[] = [];
  for (const pair of scored) {
    const theirs = textOf(pair.id);
    if (isTemplatePair(own.text, theirs.text) || isSeriesPair(own, theirs)) continue;
    const [a, b] = withoutSharedLines(own, theirs);
    const rest = relatedScore(restrictedTerms(a, story.terms), restrictedTerms(b, pair.other.terms), idf);
    if (rest.score < RELATED_MIN_DISTINCT_SCORE || rest.shared < RELATED_MIN_DISTINCT_SHARED) continue;
    links.push({ id: pair.id, score: pair.score });
  }
  return links.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
