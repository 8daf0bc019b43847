import type { ParsedItem } from "../feed/model";
import type { MatchFeatures } from "../fold/match-features";
import type { Copy, SourceRef } from "../story";

/** The fields of a parsed item a story can show. */
type ShownFields =
  | "url"
  | "title"
  | "contentHtml"
  | "contentText"
  | "summary"
  | "datePublished"
  | "dateModified"
  | "authors"
  | "tags"
  | "attachments";

/** What a copy carries into its story: the parts of the parsed item a story can show, and its id. */
export type CopyPayload = Pick<ParsedItem, ShownFields> & { id: string };

/**
 * One item on its way into the fold index. Everything that needs `await` (hashing) is computed
 * before, so the index can decide and insert in one synchronous step.
 */
export interface IncomingCopy {
  source: SourceRef;
  /** Identity within the source: guid/id, else link, else title + date. */
  itemKey: string;
  /** Canonical URL (tracking parameters dropped), the identity of a copy across sources. */
  urlKey?: string;
  /** Hash of the payload: tells an update from an unchanged re-ingest. */
  contentHash: string;
  /** "sha256:<hex>" of the normalized body; undefined when the body is too thin to match on. */
  fingerprint?: string;
  /** The normalized, boilerplate-free body lines, from which the source's learned template is removed. */
  lines: string[];
  /** The normalized title, hashed with short bodies (see fold/fingerprint.ts). */
  titleKey?: string;
  /** Near-duplicate features of the body's match text (fold/match-features.ts) and their LSH bands. */
  features: MatchFeatures;
  bands: number[];
  /** The id the story gets if this copy starts one (a hash of source id and item key). */
  storyIdIfNew: string;
  /** Normalized site names ("pinoy pop news", "example.com") whose suffix a title may carry. */
  siteNames: string[];
  payload: CopyPayload;
}

/** A copy as the fold index keeps it: the payload plus how and when it joined its story. */
export interface StoredCopy extends Copy {
  itemKey: string;
  urlKey: string;
  siteNames: string[];
  payload: CopyPayload;
}

export type FoldStatus = "new" | "duplicate" | "updated" | "unchanged";

export interface FoldResult {
  status: FoldStatus;
  storyId: string;
}
