/**
 * What a feed view asks of the fold index, and the text match of `?q=`. Pure: the fold index runs
 * the query (src/fold-index/list-stories.ts); feed-query.ts parses it from the URL.
 *
 * Filtered views are bounded: one request examines at most `SCAN_LIMIT` stories after its cursor.
 * When that window ends before the page is full, the page is shorter and its `next_url` continues
 * from the last story examined, so walking `next_url` still visits every match exactly once.
 */
import { storyBodyText } from "../render/story-text";
import type { SourceRef, Story } from "../story";
import type { PageCursor } from "./page-cursor";

/** Stories one filtered request examines at most (rows read in the fold index). */
export const SCAN_LIMIT = 1000;
/** `?source=` values one request may name. */
export const MAX_SOURCES = 20;
/** `?category=` values one request may name, and the longest name accepted. */
export const MAX_CATEGORIES = 20;
export const MAX_CATEGORY_CHARS = 200;
/** Words of `?q=` that count; the rest are refused, so one request cannot ask for unbounded work. */
export const MAX_WORDS = 8;
/** Longest accepted `?q=`, in characters. */
export const MAX_QUERY_CHARS = 200;

export interface StoryQuery {
  limit: number;
  before?: PageCursor;
  /** Source ids (16 hex digits): stories with a copy from any of them. Empty: every source. */
  sources: string[];
  /** Normalized words (see `searchWords`): stories whose title or text contains every one. */
  words: string[];
  /**
   * Category names (exact): stories with a copy from a registered source in any of them. Empty or
   * absent: every category. Sources, categories and words narrow the view together.
   */
  categories?: string[];
  /** Also find the page's sync position (JSON Feed's `_feedfold.sync_cursor`; a row read per story). */
  withSyncPosition?: boolean;
}

export interface StoryPage {
  /** At most `limit` stories, newest first. */
  stories: Story[];
  /** Where the next page starts, when there may be more. */
  next?: PageCursor;
  /** The requested sources that exist (for titles of per-source feeds). */
  sources: SourceRef[];
  /** The requested categories that some registered source is in (for category feeds). */
  categories?: string[];
  /** The change position a sync continues from after this page (src/fold-index/change-log.ts). */
  syncPosition?: number;
}

/** Text as `?q=` compares it: Unicode NFKC, lower case, whitespace collapsed. */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The distinct words of a `?q=` value, normalized; [] for a blank one. */
export function searchWords(q: string): string[] {
  const words = normalizeForSearch(q).split(" ").filter(Boolean);
  return [...new Set(words)];
}

/** The text `?q=` searches: the story's title, summary and body as plain text, normalized. */
export function searchableText(story: Story): string {
  const parts = [story.title, story.summary, storyBodyText(story)].filter(
    (part): part is string => part !== undefined,
  );
  return normalizeForSearch(parts.join(" \n "));
}

/** True when the story's title or text contains every word (case-insensitive substrings). */
export function storyMatchesWords(story: Story, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = searchableText(story);
  return words.every((word) => text.includes(word));
}

/**
 * Words the fold index may pre-filter on with SQLite's ASCII-only `lower()` and `instr()` over the
 * stored JSON: only plain ASCII letters and digits, which JSON, HTML entities and NFKC leave as
 * they are. Other words are checked by `storyMatchesWords` alone.
 */
export function prefilterWords(words: string[]): string[] {
  return words.filter((word) => /^[a-z0-9]+$/.test(word));
}

/**
 * Cuts rows read newest first into a page of at most `limit` stories. `exhausted` says the rows
 * ended because the store did (not because a window did); `lastScanned` is the last row examined.
 */
export function pageOf(
  matches: Story[],
  limit: number,
  scan: { exhausted: boolean; lastScanned?: PageCursor },
): { stories: Story[]; next?: PageCursor } {
  const stories = matches.slice(0, limit);
  const last = stories[stories.length - 1];
  if (matches.length > limit && last !== undefined) return { stories, next: cursorOf(last) };
  if (!scan.exhausted && scan.lastScanned !== undefined) return { stories, next: scan.lastScanned };
  return { stories };
}

function cursorOf(story: Story): PageCursor {
  return { sortDate: story.sortDate, id: story.id };
}
