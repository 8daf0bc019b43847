import { type Context, Hono } from "hono";
import { readConfig } from "../../config";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import { etagOf } from "../../fold-index/publisher";
import { logEvent } from "../../log-event";
import { FAVICON_SVG } from "../../render/favicon";
import { FEED_PREVIEW_CSS, FEED_XSL } from "../../render/feed-xsl";
import { FAVICON_PATH } from "../../render/html-page";
import { feedCacheKey, matchCachedFeed, putCachedFeed } from "../../store/feed-cache";
import { snapshotKey } from "../../store/keys";
import { readSnapshot, type Snapshot } from "../../store/kv-store";
import { type FeedQuery, readFeedQuery, SOURCE_ID } from "../../view/feed-query";
import {
  FEED_XSL_PATH,
  type FeedSite,
  newestUpdate,
  renderView,
  type ViewFormat,
} from "../../view/feed-view";
import { isNotModified } from "../conditional";
import { HttpError } from "../http-error";
import { styleHash } from "../security-headers";

const CONTENT_TYPES: Record<ViewFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** Readers poll; a minute of caching anywhere keeps them cheap and still fresh. */
const CACHE_CONTROL = "public, max-age=60";

/** Static documents (the XSLT, the icon) change only with a deploy. */
const STATIC_CACHE_CONTROL = "public, max-age=86400";

type Ctx = Context<{ Bindings: Env }>;

export const feedRoutes = new Hono<{ Bindings: Env }>();

for (const [path, format] of [
  ["/feed.xml", "rss"],
  ["/feed.atom", "atom"],
  ["/feed.json", "json"],
  ["/", "html"],
] as const) {
  feedRoutes.get(path, (c) => serveView(c, format));
}

for (const [file, format] of [
  ["feed.xml", "rss"],
  ["feed.atom", "atom"],
  ["feed.json", "json"],
] as const) {
  feedRoutes.get(`/sources/:id/${file}`, (c) => {
    const id = c.req.param("id");
    if (!SOURCE_ID.test(id)) {
      throw new HttpError(404, "not-found", "no source has this id; source ids are 16 hex digits");
    }
    return serveView(c, format, id);
  });
}

feedRoutes.get(FEED_XSL_PATH, (c) =>
  c.body(FEED_XSL, 200, { "Content-Type": "text/xsl; charset=utf-8", "Cache-Control": STATIC_CACHE_CONTROL }),
);

feedRoutes.get(FAVICON_PATH, (c) =>
  c.body(FAVICON_SVG, 200, {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Cache-Control": STATIC_CACHE_CONTROL,
  }),
);

/**
 * RSS and Atom open in a browser as the page /feed.xsl makes of them: the policy lets that one
 * same-origin stylesheet run (XSLT counts as script, CSP3 §6.1.10) and its one inline style apply,
 * and nothing else.
 */
let feedCsp: Promise<string> | undefined;
function xmlFeedCsp(): Promise<string> {
  feedCsp ??= styleHash(FEED_PREVIEW_CSS).then(
    (hash) =>
      `default-src 'none'; script-src 'self'; style-src '${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  return feedCsp;
}

/**
 * One feed view. The default views (no query) come from the Cache API (no KV read), else from the
 * pre-rendered snapshot (one KV read), which then goes into the cache. Other views are rendered
 * from the fold index (one Durable Object request, bounded; see list-stories.ts), never from KV.
 */
async function serveView(c: Ctx, format: ViewFormat, scopeSource?: string): Promise<Response> {
  const url = new URL(c.req.url);
  const parsed = readFeedQuery(url.searchParams, scopeSource);
  if (!parsed.ok) throw new HttpError(400, parsed.code, parsed.detail);
  const query = parsed.query;
  const config = readConfig(c.env);
  const origin = config.publicUrl ?? url.origin;
  const extra: Record<string, string> = {};
  if (format === "rss" || format === "atom") extra["Content-Security-Policy"] = await xmlFeedCsp();

  if (!query.isDefault || scopeSource !== undefined) {
    const live = await renderLive(c.env, origin, url, format, query, scopeSource);
    return respond(c, format, live, extra);
  }
  const cacheKey = feedCacheKey(origin, format);
  const ttl = config.feedCacheSeconds;
  if (ttl > 0) {
    const hit = await matchCachedFeed(cacheKey);
    if (hit !== undefined) {
      const meta = {
        etag: hit.headers.get("ETag") ?? "",
        lastModified: hit.headers.get("Last-Modified") ?? "",
      };
      return respond(c, format, { body: await hit.text(), meta }, { ...extra, "X-Feedfold-Cache": "hit" });
    }
  }
  const stored = await readSnapshot(c.env.FEEDFOLD_KV, snapshotKey(format));
  // Before the first publish has reached KV, the fold index (strongly consistent) renders it; that
  // answer is not cached, so the first snapshot shows as soon as KV has it.
  const snapshot = stored ?? (await renderLive(c.env, origin, url, format, query, undefined));
  if (stored !== undefined && ttl > 0) {
    const copy = new Response(stored.body, { headers: feedHeaders(format, stored) });
    waitUntil(c, putCachedFeed(cacheKey, copy, ttl));
  }
  return respond(c, format, snapshot, { ...extra, "X-Feedfold-Cache": "miss" });
}

function feedHeaders(format: ViewFormat, snapshot: Snapshot): Record<string, string> {
  return {
    "Content-Type": CONTENT_TYPES[format],
    "Cache-Control": CACHE_CONTROL,
    ETag: snapshot.meta.etag,
    "Last-Modified": snapshot.meta.lastModified,
  };
}

/**
 * Browsers show `application/rss+xml` as plain text (Chromium) or offer a download, and apply the
 * XSLT only to a document they parse as XML. A browser's own navigation says so with
 * `Sec-Fetch-Dest: document`, which feed readers never send: that request gets the same bytes as
 * `application/xml`, and everyone else the feed's own type.
 */
function contentTypeFor(c: Ctx, format: ViewFormat): string {
  const isXmlFeed = format === "rss" || format === "atom";
  return isXmlFeed && c.req.header("Sec-Fetch-Dest") === "document"
    ? "application/xml; charset=utf-8"
    : CONTENT_TYPES[format];
}

function respond(c: Ctx, format: ViewFormat, snapshot: Snapshot, extra: Record<string, string>): Response {
  const headers: Record<string, string> = {
    ...feedHeaders(format, snapshot),
    ...extra,
    "Content-Type": contentTypeFor(c, format),
  };
  if (format === "rss" || format === "atom") headers.Vary = "Sec-Fetch-Dest";
  if (isNotModified(c.req.raw.headers, snapshot.meta.etag, snapshot.meta.lastModified)) {
    return c.body(null, 304, headers);
  }
  return c.body(snapshot.body, 200, headers);
}

/** Hands a promise to the runtime; where there is no execution context (app.request), awaits nothing. */
function waitUntil(c: Ctx, promise: Promise<unknown>): void {
  const guarded = promise.catch((err) =>
    logEvent("feed-cache-write-failed", { error: err instanceof Error ? err.message : String(err) }, "warn"),
  );
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No ExecutionContext (a test calling app.request): the promise still settles on its own.
  }
}

/**
 * Views other than the default (another limit, a later page, filters, one source's feed), and the
 * default itself before the first publish has reached KV: rendered from the fold index.
 */
async function renderLive(
  env: Env,
  origin: string,
  url: URL,
  format: ViewFormat,
  query: FeedQuery,
  scopeSource: string | undefined,
): Promise<Snapshot> {
  const config = readConfig(env);
  const site: FeedSite = {
    origin,
    title: config.feedTitle,
    description: "Stories from many sources, each story once.",
    hubUrl: config.websubHub,
  };
  const page = await foldIndexStub(env).listStories({
    limit: query.limit,
    before: query.before,
    sources: query.sources,
    words: query.words,
  });
  const source = scopeSource === undefined ? undefined : page.sources.find((s) => s.id === scopeSource);
  if (scopeSource !== undefined && source === undefined) {
    throw new HttpError(404, "not-found", `no source with id ${scopeSource}; GET /sources lists them`);
  }
  const body = renderView(format, page.stories, site, {
    limit: query.limit,
    next: page.next,
    sources: query.sources.filter((id) => id !== scopeSource),
    q: query.q,
    source,
    query: url.search.slice(1) || undefined,
  });
  const lastModified = new Date(newestUpdate(page.stories)).toUTCString();
  return { body, meta: { etag: await etagOf(body), lastModified } };
}
