import { renderAtom } from "../render/atom";
import type { FeedMeta } from "../render/feed-meta";
import { renderHtmlPage } from "../render/html-page";
import { renderJsonFeed } from "../render/json-feed";
import { renderRss } from "../render/rss";
import type { Story } from "../story";
import { encodeCursor } from "./page-cursor";

export type ViewFormat = "rss" | "atom" | "json" | "html";

/** What the merged feed calls itself: from configuration and the public origin. */
export interface FeedSite {
  /** Public origin, no trailing slash: "https://news.example.org". */
  origin: string;
  title: string;
  description?: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const PATHS: Record<ViewFormat, string> = {
  rss: "/feed.xml",
  atom: "/feed.atom",
  json: "/feed.json",
  html: "/",
};

/** The path a format is served at. */
export function viewPath(format: ViewFormat): string {
  return PATHS[format];
}

/**
 * Renders one page of the merged feed. `stories` is the page, newest first, plus at most one
 * more: when that extra story is there, the page gets a `next_url` cursor after its last story.
 */
export function renderView(
  format: ViewFormat,
  stories: Story[],
  site: FeedSite,
  options: { limit: number; query?: string },
): string {
  const page = stories.slice(0, options.limit);
  const last = page[page.length - 1];
  const hasMore = stories.length > options.limit && last !== undefined;
  const base = `${site.origin}${PATHS[format]}`;
  const selfUrl = options.query ? `${base}?${options.query}` : base;
  const next = new URLSearchParams();
  if (options.limit !== DEFAULT_LIMIT) next.set("limit", String(options.limit));
  if (hasMore) next.set("before", encodeCursor(last));
  const meta: FeedMeta = {
    title: site.title,
    description: site.description,
    homePageUrl: `${site.origin}/`,
    feedUrls: {
      rss: `${site.origin}/feed.xml`,
      atom: `${site.origin}/feed.atom`,
      json: `${site.origin}/feed.json`,
    },
    selfUrl,
    nextUrl: hasMore ? `${base}?${next}` : undefined,
    updated: newestUpdate(page),
    generator: "feedfold",
  };
  switch (format) {
    case "rss":
      return renderRss(page, meta);
    case "atom":
      return renderAtom(page, meta);
    case "json":
      return renderJsonFeed(page, meta);
    case "html":
      return renderHtmlPage(page, meta);
  }
}

/** The feed's `updated`: its newest story change, or the epoch for an empty feed (stable ETag). */
function newestUpdate(stories: Story[]): string {
  let newest = "1970-01-01T00:00:00.000Z";
  for (const s of stories) if (s.updatedAt > newest) newest = s.updatedAt;
  return newest;
}
