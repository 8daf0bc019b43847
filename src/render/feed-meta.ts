/**
 * What a merged feed says about itself. The HTTP layer builds it per request (URLs depend on the
 * host and the query); the renderers only read it.
 */
export interface FeedMeta {
  title: string;
  description?: string;
  /** The site the feed belongs to: the HTML page at `/`. */
  homePageUrl: string;
  /** The three serializations of the same merged feed, each announced by the others. */
  feedUrls: { rss: string; atom: string; json: string };
  /** This document's own URL (atom:link rel="self"), including its query when paged. */
  selfUrl: string;
  /** The next (older) page, when there is one. */
  nextUrl?: string;
  /** When anything in the feed last changed, RFC 3339. */
  updated: string;
  generator?: string;
  icon?: string;
}

/** Generator name used when `FeedMeta.generator` is not given. */
export const DEFAULT_GENERATOR = "feedfold";
