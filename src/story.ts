/**
 * A story is one article, whatever number of sources carry it; each carrier is a copy.
 * These are the documents the fold index keeps, KV stores and the renderers read.
 */
import type { ParsedItem, ShownItemField } from "./feed/model";

export interface SourceRef {
  /** Stable id of the source: a hash of its normalized feed (or site) URL. */
  id: string;
  title?: string;
  homePageUrl?: string;
  feedUrl?: string;
}

/**
 * How a copy joined its story: `first` started it; `exact` same normalized body; `near` a
 * near-duplicate (with `score`, the shingle Jaccard); `summary` a summary or trimmed copy, or the
 * full text of a summary already held (with `score`, the prefix coverage); `same-url` the same
 * page (AMP and mobile forms included); `same-id` the same global id (URL or tag: URI); `merge`
 * came with a story that a later copy showed to be the same article (merged into this one).
 */
export type MatchKind = "first" | "exact" | "near" | "summary" | "same-url" | "same-id" | "merge";

export interface Copy {
  /** The item's id as the source gave it (guid/id, else link, else title+date). */
  id: string;
  url?: string;
  title?: string;
  datePublished?: string;
  /** When feedfold first saw this copy (RFC 3339 UTC). */
  firstSeen: string;
  source: SourceRef;
  /** How this copy was recognised as the story: see design.md "What makes two items one story". */
  match: MatchKind;
  /** For `near` and `summary`: the verification score (0..1) the fold was decided on. */
  score?: number;
  /** Items that are this same copy: its page pushed as scraped from its own site (compose-story.ts). */
  aliases?: Array<{ id: string; sourceId: string }>;
}

/** Another story reporting the same event (related coverage, src/relate/): never a copy of this one. */
export interface RelatedStory {
  /** The related story's id, as in the feeds. */
  id: string;
  title?: string;
  url?: string;
  /** How much of the event the two share (0..1, src/relate/related-score.ts). */
  score: number;
}

/** A story shows its canonical copy's fields (feed/model.ts SHOWN_ITEM_FIELDS). */
export interface Story extends Pick<ParsedItem, ShownItemField> {
  /** Stable story id; never changes once published. */
  id: string;
  /** The canonical copy's title without a " - Site" / " | Site" suffix. */
  title?: string;
  /** "sha256:<hex>" of the canonical copy's normalized body. */
  fingerprint?: string;
  /** Every copy, the canonical (earliest published, first seen on a tie) first. */
  copies: Copy[];
  /** Sort key of the merged feed: canonical datePublished, else first seen. */
  sortDate: string;
  /** Last time anything in the story changed (RFC 3339 UTC). */
  updatedAt: string;
  /** Other stories about the same event, strongest first, at most 5 (absent when none). */
  related?: RelatedStory[];
}
