/**
 * The Cache API in front of the default feeds (the only code that touches `caches.default`).
 *
 * A hit costs no KV read at all. Entries are keyed by the feed's own URL without query
 * (`<origin>/feed.json`; the HTML page a browser gets at an RSS or Atom URL apart), kept `FEED_CACHE_SECONDS`, and deleted by the fold index when it
 * publishes a changed snapshot. The Cache API is per data centre: the delete reaches the data
 * centre the fold index runs in; elsewhere a new snapshot shows once the entry expires — no later
 * than KV itself would show it there (KV caches reads at the edge for 60 s). On `*.workers.dev`
 * the Cache API does nothing, so every request reads KV once.
 */
import type { SnapshotFormat } from "./keys";

const PATHS: Record<SnapshotFormat, string> = {
  rss: "/feed.xml",
  atom: "/feed.atom",
  json: "/feed.json",
  html: "/",
};

/**
 * How a feed URL answered: the feed itself, or the HTML page of it that a browser asked for
 * (Accept, see src/http/accept.ts). Each is its own cache entry, so a reader never gets the page.
 */
export type FeedRepresentation = "feed" | "page";

/** The RSS and Atom feeds: the only ones with a page representation. */
const NEGOTIATED: readonly SnapshotFormat[] = ["rss", "atom"];

/**
 * The cache key of a default feed served at `origin`: its URL, and for the page representation
 * its URL with `?as=page` (a query no route reads, so the key names nothing else).
 */
export function feedCacheKey(
  origin: string,
  format: SnapshotFormat,
  representation: FeedRepresentation = "feed",
): string {
  return `${origin}${PATHS[format]}${representation === "page" ? "?as=page" : ""}`;
}

/** Every key `feedCacheKey` can give for the given formats at `origin`. */
export function feedCacheKeys(origin: string, formats: readonly SnapshotFormat[]): string[] {
  return formats.flatMap((format) =>
    NEGOTIATED.includes(format)
      ? [feedCacheKey(origin, format), feedCacheKey(origin, format, "page")]
      : [feedCacheKey(origin, format)],
  );
}

function defaultCache(): Cache | undefined {
  // Absent in runtimes without the Cache API (Node unit tests); Workers always have it.
  return typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
}

/** The cached response, or undefined on a miss. No KV involved. */
export async function matchCachedFeed(key: string): Promise<Response | undefined> {
  return (await defaultCache()?.match(key)) ?? undefined;
}

/**
 * Stores a 200 response for `seconds` (its own Cache-Control is replaced). The key already names
 * the representation, so the stored copy carries no `Vary`: a lookup by key alone finds it.
 */
export async function putCachedFeed(key: string, response: Response, seconds: number): Promise<void> {
  const cache = defaultCache();
  if (cache === undefined || seconds <= 0) return;
  const stored = new Response(response.body, response);
  stored.headers.set("Cache-Control", `public, max-age=${seconds}`);
  stored.headers.delete("Vary");
  await cache.put(key, stored);
}

/** Deletes the cached copies of the given formats at `origin` (after a publish changed them). */
export async function purgeCachedFeeds(origin: string, formats: readonly SnapshotFormat[]): Promise<void> {
  const cache = defaultCache();
  if (cache === undefined) return;
  await Promise.all(feedCacheKeys(origin, formats).map((key) => cache.delete(key)));
}
