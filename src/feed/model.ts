/**
 * The common model every feed format is adapted to (RSS 0.9x/1.0/2.0, Atom, JSON Feed).
 * Raw wire shapes live next to each format's parser; only these types leave src/feed/.
 */

export type FeedFormat = "rss0.9x" | "rss2.0" | "rss1.0" | "atom0.3" | "atom1.0" | "json1.0" | "json1.1";

export interface Author {
  name?: string;
  email?: string;
  url?: string;
}

export interface Attachment {
  url: string;
  mimeType?: string;
  sizeInBytes?: number;
  title?: string;
  durationInSeconds?: number;
}

export interface ParsedItem {
  /** The item's own identity as the document states it: guid, atom:id, rdf:about, JSON id. */
  id?: string;
  /** Absolute permalink (resolved against xml:base / the feed URL), as published. */
  url?: string;
  externalUrl?: string;
  /** Plain text, entities decoded, no markup. */
  title?: string;
  /** HTML body (content:encoded, atom:content, content_html), sanitized. */
  contentHtml?: string;
  /** Plain-text body where the document gives text only (content_text, Atom type="text"). */
  contentText?: string;
  /** Short description / summary as HTML-free text or sanitized HTML. */
  summary?: string;
  /** RFC 3339 UTC ("2022-01-21T14:52:00Z"), or undefined when missing/unparsable. */
  datePublished?: string;
  dateModified?: string;
  authors: Author[];
  tags: string[];
  attachments: Attachment[];
  language?: string;
  commentsUrl?: string;
  imageUrl?: string;
  /** The feed an item was republished from (RSS <source>, Atom <source>), when stated. */
  sourceFeed?: { title?: string; url?: string };
}

/**
 * The fields of an item a story shows, in this order: what a copy carries into the fold index
 * (its payload, hashed as JSON in this order to tell an update from an unchanged re-ingest) and
 * what a Story takes from its canonical copy.
 */
export const SHOWN_ITEM_FIELDS = [
  "url",
  "title",
  "contentHtml",
  "contentText",
  "summary",
  "datePublished",
  "dateModified",
  "authors",
  "tags",
  "attachments",
] as const satisfies ReadonlyArray<keyof ParsedItem>;

export type ShownItemField = (typeof SHOWN_ITEM_FIELDS)[number];

/** The shown fields of an item, in SHOWN_ITEM_FIELDS order (undefined ones kept as undefined). */
export function shownFieldsOf(item: ParsedItem): Pick<ParsedItem, ShownItemField> {
  const shown: Record<string, unknown> = {};
  for (const field of SHOWN_ITEM_FIELDS) shown[field] = item[field];
  return shown as Pick<ParsedItem, ShownItemField>;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  description?: string;
  /** The site the feed belongs to. */
  homePageUrl?: string;
  /** The feed's own URL (rel="self", atom:link in RSS, JSON feed_url). */
  feedUrl?: string;
  language?: string;
  iconUrl?: string;
  authors: Author[];
  items: ParsedItem[];
  /** Non-fatal problems: unparsable dates, lenient recovery, charset fallbacks. */
  warnings: string[];
}
