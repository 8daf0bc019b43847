/**
 * Feed views: one page of the merged feed (or of one source's stories) in one format, with the
 * links that make it a feed — self, next page, the other formats, the WebSub hub, the XSLT
 * stylesheet. Pure: stories in, document text out.
 */
import { renderAtom } from "../render/atom";
import type { FeedMeta } from "../render/feed-meta";
import {
  type FeedPageInfo,
  type HtmlPageCategory,
  type HtmlPageSource,
  renderHtmlPage,
} from "../render/html-page";
import { renderJsonFeed } from "../render/json-feed";
import { renderRss } from "../render/rss";
import type { SourceRef, Story } from "../story";
import { encodeCursor, type PageCursor } from "./page-cursor";
import { encodeSyncCursor } from "./sync-cursor";

export type ViewFormat = "rss" | "atom" | "json" | "html";

/** What the merged feed calls itself: from configuration and the public origin. */
export interface FeedSite {
  /** Public origin, no trailing slash: "https://news.example.org". */
  origin: string;
  title: string;
  description?: string;
  /** WebSub hub announced in the feeds (WEBSUB_HUB), when configured. */
  hubUrl?: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Path of the XSLT stylesheet the RSS and Atom feeds point browsers at. */
export const FEED_XSL_PATH = "/feed.xsl";

const PATHS: Record<ViewFormat, string> = {
  rss: "/feed.xml",
  atom: "/feed.atom",
  json: "/feed.json",
  html: "/",
};

const SOURCE_FEED_FILES: Record<Exclude<ViewFormat, "html">, string> = {
  rss: "feed.xml",
  atom: "feed.atom",
  json: "feed.json",
};

/** The path a format is served at (the merged feed). */
export function viewPath(format: ViewFormat): string {
  return PATHS[format];
}

/** The path of one source's feed: `/sources/{id}/feed.xml|feed.atom|feed.json`. */
export function sourceFeedPath(sourceId: string, format: Exclude<ViewFormat, "html">): string {
  return `/sources/${encodeURIComponent(sourceId)}/${SOURCE_FEED_FILES[format]}`;
}

/** The path of one category's feed: `/categories/{name}/feed.xml|feed.atom|feed.json`. */
export function categoryFeedPath(name: string, format: Exclude<ViewFormat, "html">): string {
  return `/categories/${encodeURIComponent(name)}/${SOURCE_FEED_FILES[format]}`;
}

export interface ViewOptions {
  limit: number;
  /** Where the next (older) page starts, when there is one. */
  next?: PageCursor;
  /** Filters that `next_url` keeps: `?source=` and `?category=` values and the `?q=` text as given. */
  sources?: string[];
  categories?: string[];
  q?: string;
  /** A per-source feed (`/sources/{id}/feed.*`): the source it is for. */
  source?: SourceRef;
  /** A category feed (`/categories/{name}/feed.*`): the category it is for. */
  category?: string;
  /** The request's own query (without "?") for the self link; undefined for the default view. */
  query?: string;
  /** The sources listed on the HTML page. */
  pageSources?: HtmlPageSource[];
  /** The categories listed on the HTML page. */
  pageCategories?: HtmlPageCategory[];
  /** The change position a sync continues from after this page (JSON Feed `_feedfold.sync_cursor`). */
  syncPosition?: number;
}

/**
 * Renders one page of a feed. `stories` is exactly the page, newest first; `options.next` the
 * cursor after it (see StoryPage).
 */
export function renderView(
  format: ViewFormat,
  stories: Story[],
  site: FeedSite,
  options: ViewOptions,
): string {
  const meta = viewMeta(format, stories, site, options);
  switch (format) {
    case "rss":
      return renderRss(stories, meta);
    case "atom":
      return renderAtom(stories, meta);
    case "json":
      return renderJsonFeed(stories, meta);
    case "html":
      return renderHtmlPage(stories, meta, options.pageSources, options.pageCategories);
  }
}

/**
 * The HTML page of an RSS or Atom view, for a browser that asked for HTML rather than the feed
 * (src/http/accept.ts): the same stories and links as the feed, and its subscribe URL (the
 * view's own, without the page cursor) shown to copy.
 */
export function renderFeedPage(
  format: "rss" | "atom",
  stories: Story[],
  site: FeedSite,
  options: ViewOptions,
): string {
  const meta = viewMeta(format, stories, site, options);
  const subscribe = new URL(meta.selfUrl);
  subscribe.searchParams.delete("before");
  const feed: FeedPageInfo = {
    formatName: format === "rss" ? "RSS" : "Atom",
    subscribeUrl: subscribe.href,
  };
  return renderHtmlPage(stories, { ...meta, stylesheetUrl: undefined }, undefined, undefined, feed);
}

/** The links and names of a view (exported for tests). */
export function viewMeta(
  format: ViewFormat,
  stories: Story[],
  site: FeedSite,
  options: ViewOptions,
): FeedMeta {
  const { source, category } = options;
  const pathOf = (f: ViewFormat) => {
    if (f === "html") return PATHS[f];
    if (source !== undefined) return sourceFeedPath(source.id, f);
    return category === undefined ? PATHS[f] : categoryFeedPath(category, f);
  };
  const base = `${site.origin}${pathOf(format)}`;
  const next = new URLSearchParams();
  if (options.limit !== DEFAULT_LIMIT) next.set("limit", String(options.limit));
  for (const id of options.sources ?? []) next.append("source", id);
  for (const name of options.categories ?? []) next.append("category", name);
  if (options.q !== undefined) next.set("q", options.q);
  if (options.next !== undefined) next.set("before", encodeCursor(options.next));
  const sourceName = source === undefined ? undefined : source.title?.trim() || source.id;
  const scopeName = sourceName ?? category;
  let description = site.description;
  if (sourceName !== undefined) description = `Stories with a copy from ${sourceName}, each once.`;
  else if (category !== undefined) description = `Stories from the sources in ${category}, each once.`;
  return {
    title: scopeName === undefined ? site.title : `${site.title}: ${scopeName}`,
    description,
    homePageUrl: `${site.origin}/`,
    feedUrls: {
      rss: `${site.origin}${pathOf("rss")}`,
      atom: `${site.origin}${pathOf("atom")}`,
      json: `${site.origin}${pathOf("json")}`,
    },
    selfUrl: options.query ? `${base}?${options.query}` : base,
    nextUrl: options.next === undefined ? undefined : `${base}?${next}`,
    updated: newestUpdate(stories),
    generator: "feedfold",
    hubUrl: site.hubUrl,
    stylesheetUrl: format === "rss" || format === "atom" ? FEED_XSL_PATH : undefined,
    syncCursor:
      format === "json" && options.syncPosition !== undefined
        ? encodeSyncCursor(options.syncPosition)
        : undefined,
  };
}

/** The feed's `updated`: its newest story change, or the epoch for an empty feed (stable ETag). */
export function newestUpdate(stories: Story[]): string {
  let newest = "1970-01-01T00:00:00.000Z";
  for (const s of stories) if (s.updatedAt > newest) newest = s.updatedAt;
  return newest;
}
