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
  /** A WebSub hub (W3C WebSub §4) announced as `rel="hub"`, when one is configured. */
  hubUrl?: string;
  /**
   * An XSLT stylesheet for RSS and Atom (`<?xml-stylesheet?>`), so a browser opening the feed shows
   * a readable page; feed readers ignore the processing instruction. Same origin as the feed.
   */
  stylesheetUrl?: string;
  /**
   * JSON Feed only: the `_feedfold.sync_cursor` an app passes as `?changed_since=` to get what
   * changed after this document (src/view/sync-cursor.ts).
   */
  syncCursor?: string;
}

/** The `<?xml-stylesheet?>` line for a feed, or "" without a stylesheet. */
export function stylesheetInstruction(meta: FeedMeta): string {
  if (meta.stylesheetUrl === undefined) return "";
  // A processing instruction's pseudo-attributes follow attribute syntax; `"`, `<`, `&` must not
  // appear raw. Our URLs are built from a path, so escaping is belt and braces.
  const href = meta.stylesheetUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<?xml-stylesheet type="text/xsl" href="${href}"?>`;
}

/** Generator name used when `FeedMeta.generator` is not given. */
export const DEFAULT_GENERATOR = "feedfold";
