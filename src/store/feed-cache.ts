/**
 * The Cache API in front of the default feeds (the only code that touches `caches.default`).
 *
 * A hit costs no KV read at all, and its body is handed on unread. Entries are keyed by the feed's
 * own URL and the entry format (`<origin>/feed.json?entry=2`; the HTML page a browser gets at an RSS
 * or Atom URL apart), hold the document (gzip-compressed when the edge would compress it anyway) and its
 * validators, are kept `FEED_CACHE_SECONDS`, and are deleted by the fold index when it publishes
 * a changed snapshot. The Cache API is per data centre: the delete reaches the data
 * centre the fold index runs in; elsewhere a new snapshot shows once the entry expires — no later
 * than KV itself would show it there (KV caches reads at the edge for 60 s). On `*.workers.dev`
 * the Cache API does nothing, so every request reads KV once.
 */
import type { SnapshotFormat } from "./keys";
import type { Snapshot } from "./kv-store";

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
 * What an entry holds, in its key: bumped when that changes, so that a Worker version never reads
 * another's entries (a gradual deployment or a rollback runs two at once, on one cache). 2: the
 * body may be gzip-compressed (`X-Feedfold-Stored-Encoding`); entries of 1 were keyed without it.
 */
const ENTRY_FORMAT = "2";

/**
 * The cache key of a default feed served at `origin`: its URL with `?entry=<format>`, and for the
 * page representation `&as=page` too (queries no route reads, so the key names nothing else).
 */
export function feedCacheKey(
  origin: string,
  format: SnapshotFormat,
  representation: FeedRepresentation = "feed",
): string {
  return `${origin}${PATHS[format]}?entry=${ENTRY_FORMAT}${representation === "page" ? "&as=page" : ""}`;
}

/** The key of entry format 1, which the previous Worker version reads and writes. */
function legacyFeedCacheKey(
  origin: string,
  format: SnapshotFormat,
  representation: FeedRepresentation,
): string {
  return `${origin}${PATHS[format]}${representation === "page" ? "?as=page" : ""}`;
}

/**
 * Every key `feedCacheKey` can give for the given formats at `origin`, and the previous version's
 * keys: a publish purges both, so neither version serves a stale feed while both run.
 */
export function feedCacheKeys(origin: string, formats: readonly SnapshotFormat[]): string[] {
  return formats.flatMap((format) =>
    (NEGOTIATED.includes(format) ? (["feed", "page"] as const) : (["feed"] as const)).flatMap(
      (representation) => [
        feedCacheKey(origin, format, representation),
        legacyFeedCacheKey(origin, format, representation),
      ],
    ),
  );
}

function defaultCache(): Cache | undefined {
  // Absent in runtimes without the Cache API (Node unit tests); Workers always have it.
  return typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
}

/** A cache hit: the document's bytes as stored, and its validators. */
export interface CachedFeed {
  /** The stored bytes, not read: handed on as they are, or decompressed on the way out. */
  body: ReadableStream<Uint8Array>;
  /** Whether `body` is the document gzip-compressed (see `putCachedFeed`). */
  gzip: boolean;
  etag: string;
  lastModified: string;
}

/** How a stored body is encoded; the entry has no Content-Encoding, so no layer transcodes it. */
const STORED_ENCODING = "X-Feedfold-Stored-Encoding";

/** The cached document, or undefined on a miss. No KV involved. */
export async function matchCachedFeed(key: string): Promise<CachedFeed | undefined> {
  const hit = await defaultCache()?.match(key);
  if (hit === undefined || hit.body === null) return undefined;
  return {
    body: hit.body,
    gzip: hit.headers.get(STORED_ENCODING) === "gzip",
    etag: hit.headers.get("ETag") ?? "",
    lastModified: hit.headers.get("Last-Modified") ?? "",
  };
}

/**
 * Stores a document for `seconds`, gzip-compressed when `gzip` (once per publish, rather than by
 * the edge on every hit; see src/http/content-encoding.ts). The entry is opaque bytes with the
 * validators: the key already names the representation, so it carries no `Vary`, and the answer's
 * other headers are made per request.
 */
export async function putCachedFeed(
  key: string,
  snapshot: Snapshot,
  seconds: number,
  { gzip }: { gzip: boolean },
): Promise<void> {
  const cache = defaultCache();
  if (cache === undefined || seconds <= 0) return;
  const body = gzip ? await gzipped(snapshot.body) : snapshot.body;
  const stored = new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Cache-Control": `public, max-age=${seconds}`,
      ETag: snapshot.meta.etag,
      "Last-Modified": snapshot.meta.lastModified,
      [STORED_ENCODING]: gzip ? "gzip" : "identity",
    },
  });
  await cache.put(key, stored);
}

async function gzipped(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

/** Deletes the cached copies of the given formats at `origin` (after a publish changed them). */
export async function purgeCachedFeeds(origin: string, formats: readonly SnapshotFormat[]): Promise<void> {
  const cache = defaultCache();
  if (cache === undefined) return;
  await Promise.all(feedCacheKeys(origin, formats).map((key) => cache.delete(key)));
}
