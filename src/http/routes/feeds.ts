import { type Context, Hono } from "hono";
import { readConfig } from "../../config";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import { etagOf } from "../../fold-index/publisher";
import { logEvent } from "../../log-event";
import { FAVICON_SVG } from "../../render/favicon";
import { FEED_PREVIEW_CSS, FEED_XSL } from "../../render/feed-xsl";
import { FAVICON_PATH } from "../../render/html-page";
import {
  type CachedFeed,
  type FeedRepresentation,
  feedCacheKey,
  matchCachedFeed,
  putCachedFeed,
} from "../../store/feed-cache";
import { snapshotKey } from "../../store/keys";
import { readSnapshot, type Snapshot, type SnapshotMeta } from "../../store/kv-store";
import { renderChangesView } from "../../view/changes-view";
import { type FeedQuery, readFeedQuery, SOURCE_ID } from "../../view/feed-query";
import {
  FEED_XSL_PATH,
  type FeedSite,
  newestUpdate,
  renderFeedPage,
  renderView,
  type ViewFormat,
} from "../../view/feed-view";
import { prefersHtml, XML_FEED_TYPES } from "../accept";
import { isNotModified } from "../conditional";
import { acceptsGzip, clientAcceptEncoding, isEdgeCompressed } from "../content-encoding";
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

/** A per-source or category feed: the source id or category name of its path. */
interface ViewScope {
  source?: string;
  category?: string;
}

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
    return serveView(c, format, { source: id });
  });
  // A category's name is one path segment: "News/Local" is /categories/News%2FLocal/feed.xml.
  feedRoutes.get(`/categories/:name/${file}`, (c) => serveView(c, format, { category: c.req.param("name") }));
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
 * pre-rendered snapshot (one KV read), which then goes into the cache. Other views (filters, later
 * pages, per-source and category feeds, `?changed_since=` sync answers) are rendered from the fold
 * index (one Durable Object request, bounded; see list-stories.ts and change-log.ts), never from KV.
 *
 * RSS and Atom are negotiated: a request whose Accept prefers text/html to every feed and XML type
 * (a browser opening the feed) gets the HTML page of the same view, rendered by the fold index
 * and, for the default view, cached under its own key. Every answer says `Vary: Accept`.
 */
async function serveView(c: Ctx, format: ViewFormat, scope: ViewScope = {}): Promise<Response> {
  const url = new URL(c.req.url);
  const scoped = scope.source !== undefined || scope.category !== undefined;
  if (url.searchParams.has("changed_since") && (format !== "json" || scoped)) {
    throw new HttpError(400, "bad-query", "changed_since is answered on /feed.json only");
  }
  const parsed = readFeedQuery(url.searchParams, scope.source, scope.category);
  if (!parsed.ok) throw new HttpError(400, parsed.code, parsed.detail);
  const query = parsed.query;
  const config = readConfig(c.env);
  const origin = config.publicUrl ?? url.origin;
  const isXmlFeed = format === "rss" || format === "atom";
  const representation: FeedRepresentation =
    isXmlFeed && prefersHtml(c.req.header("Accept"), XML_FEED_TYPES) ? "page" : "feed";
  const extra: Record<string, string> = {};
  if (isXmlFeed && representation === "feed") extra["Content-Security-Policy"] = await xmlFeedCsp();
  const answer = { format, representation };

  if (query.changedSince !== undefined) {
    return respond(
      c,
      answer,
      await renderChanges(c.env, origin, url, query.limit, query.changedSince),
      extra,
    );
  }
  if (!query.isDefault || scoped) {
    const live = await renderLive(c.env, origin, url, answer, query, scope);
    return respond(c, answer, live, extra);
  }
  const cacheKey = feedCacheKey(origin, format, representation);
  const ttl = config.feedCacheSeconds;
  const gzip = isEdgeCompressed(representation === "page" ? CONTENT_TYPES.html : CONTENT_TYPES[format]);
  if (ttl > 0) {
    const hit = await matchCachedFeed(cacheKey);
    if (hit !== undefined) return respondCached(c, answer, hit, { ...extra, "X-Feedfold-Cache": "hit" });
  }
  if (representation === "page") {
    // Browsers are few: the page of the default feed is not pre-rendered into KV, but rendered by
    // the fold index (always current) and cached until the next publish purges it.
    const page = await renderLive(c.env, origin, url, answer, query, {});
    if (ttl > 0) waitUntil(c, putCachedFeed(cacheKey, page, ttl, { gzip }));
    return respond(c, answer, page, { ...extra, "X-Feedfold-Cache": "miss" });
  }
  // Read-after-write: while the fold index holds changes its alarm has not published yet (an
  // ingest is answered before its publish), it renders the default view itself, byte for byte as
  // the snapshot will be, and that answer is not cached. Otherwise the snapshot, from KV.
  if (await publishPending(c.env)) {
    return respond(c, answer, await renderLive(c.env, origin, url, answer, query, {}), {
      ...extra,
      "X-Feedfold-Cache": "miss",
    });
  }
  const stored = await readSnapshot(c.env.FEEDFOLD_KV, snapshotKey(format));
  // Before the first publish has reached KV, the fold index (strongly consistent) renders it; that
  // answer is not cached, so the first snapshot shows as soon as KV has it.
  const snapshot = stored ?? (await renderLive(c.env, origin, url, answer, query, {}));
  if (stored !== undefined && ttl > 0) waitUntil(c, putCachedFeed(cacheKey, stored, ttl, { gzip }));
  return respond(c, answer, snapshot, { ...extra, "X-Feedfold-Cache": "miss" });
}

/** What a feed URL answers with: its format, and whether as the feed or as the page of it. */
interface Answer {
  format: ViewFormat;
  representation: FeedRepresentation;
}

/**
 * Browsers show `application/rss+xml` as plain text (Chromium) or offer a download, and apply the
 * XSLT only to a document they parse as XML. A browser that gets the feed rather than its page
 * (its Accept did not prefer HTML) says it navigated with `Sec-Fetch-Dest: document`, which feed
 * readers never send: that request gets the same bytes as `application/xml`, and everyone else
 * the feed's own type.
 */
function contentTypeFor(c: Ctx, answer: Answer): string {
  if (answer.representation === "page") return CONTENT_TYPES.html;
  const isXmlFeed = answer.format === "rss" || answer.format === "atom";
  return isXmlFeed && c.req.header("Sec-Fetch-Dest") === "document"
    ? "application/xml; charset=utf-8"
    : CONTENT_TYPES[answer.format];
}

function answerHeaders(
  c: Ctx,
  answer: Answer,
  meta: SnapshotMeta,
  extra: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": contentTypeFor(c, answer),
    "Cache-Control": CACHE_CONTROL,
    ETag: meta.etag,
    "Last-Modified": meta.lastModified,
    ...extra,
  };
  if (answer.format === "rss" || answer.format === "atom") headers.Vary = "Accept, Sec-Fetch-Dest";
  return headers;
}

function respond(c: Ctx, answer: Answer, snapshot: Snapshot, extra: Record<string, string>): Response {
  const headers = answerHeaders(c, answer, snapshot.meta, extra);
  if (isNotModified(c.req.raw.headers, snapshot.meta.etag, snapshot.meta.lastModified)) {
    return c.body(null, 304, headers);
  }
  return c.body(snapshot.body, 200, headers);
}

/**
 * A Cache API hit: the stored bytes go out as they are, never read into a string. A gzip entry
 * goes to a client that accepts gzip as it is (`encodeBody: "manual"`: the runtime must not
 * compress it again), and is decompressed on the way to any other.
 */
async function respondCached(
  c: Ctx,
  answer: Answer,
  hit: CachedFeed,
  extra: Record<string, string>,
): Promise<Response> {
  const headers = answerHeaders(c, answer, hit, extra);
  const gzipOut = hit.gzip && acceptsGzip(clientAcceptEncoding(c.req.raw));
  if (hit.gzip) {
    // The bytes depend on Accept-Encoding: whoever caches this answer (a 304 too) keys it so.
    headers.Vary = headers.Vary === undefined ? "Accept-Encoding" : `${headers.Vary}, Accept-Encoding`;
  }
  // A strong validator names one byte sequence (RFC 9110 §8.8.1): the gzip bytes get the weak
  // form, as the edge gives them when it compresses. Conditional requests compare weakly.
  if (gzipOut && !headers.ETag?.startsWith("W/")) headers.ETag = `W/${headers.ETag}`;
  if (isNotModified(c.req.raw.headers, hit.etag, hit.lastModified)) {
    await hit.body.cancel();
    return c.body(null, 304, headers);
  }
  if (!hit.gzip) return c.body(hit.body, 200, headers);
  if (!gzipOut) return c.body(hit.body.pipeThrough(new DecompressionStream("gzip")), 200, headers);
  headers["Content-Encoding"] = "gzip";
  return new Response(hit.body, { status: 200, headers, encodeBody: "manual" });
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
 * Views other than the default (another limit, a later page, filters, one source's or category's feed), and the
 * default itself before the first publish has reached KV: rendered from the fold index.
 */
async function renderLive(
  env: Env,
  origin: string,
  url: URL,
  answer: Answer,
  query: FeedQuery,
  scope: ViewScope,
): Promise<Snapshot> {
  const { format, representation } = answer;
  const site = siteOf(env, origin);
  const page = await foldIndexStub(env).listStories({
    limit: query.limit,
    before: query.before,
    sources: query.sources,
    words: query.words,
    categories: query.categories,
    withSyncPosition: format === "json",
  });
  const source = scope.source === undefined ? undefined : page.sources.find((s) => s.id === scope.source);
  if (scope.source !== undefined && source === undefined) {
    throw new HttpError(404, "not-found", `no source with id ${scope.source}; GET /sources lists them`);
  }
  if (scope.category !== undefined && !page.categories?.includes(scope.category)) {
    throw new HttpError(
      404,
      "not-found",
      `no registered source is in the category "${scope.category}"; GET /sources lists the categories (names match exactly, case included)`,
    );
  }
  const options = {
    limit: query.limit,
    next: page.next,
    sources: query.sources.filter((id) => id !== scope.source),
    categories: query.categories?.filter((name) => name !== scope.category),
    q: query.q,
    source,
    category: scope.category,
    query: url.search.slice(1) || undefined,
    syncPosition: page.syncPosition,
  };
  const body =
    representation === "page" && (format === "rss" || format === "atom")
      ? renderFeedPage(format, page.stories, site, options)
      : renderView(format, page.stories, site, options);
  const lastModified = new Date(newestUpdate(page.stories)).toUTCString();
  return { body, meta: { etag: await etagOf(body), lastModified } };
}

/** Whether the fold index has changes not yet in KV; when it cannot say, the snapshot serves. */
async function publishPending(env: Env): Promise<boolean> {
  try {
    return await foldIndexStub(env).publishPending();
  } catch {
    return false;
  }
}

/** A sync answer (`/feed.json?changed_since=`): one page of the change log, from the fold index. */
async function renderChanges(
  env: Env,
  origin: string,
  url: URL,
  limit: number,
  after: number,
): Promise<Snapshot> {
  const page = await foldIndexStub(env).listChanges(after, limit);
  const body = renderChangesView(page, siteOf(env, origin), { limit, query: url.search.slice(1) });
  const stories = page.changes.flatMap((change) => (change.kind === "story" ? [change.story] : []));
  const lastModified = new Date(newestUpdate(stories)).toUTCString();
  return { body, meta: { etag: await etagOf(body), lastModified } };
}

function siteOf(env: Env, origin: string): FeedSite {
  const config = readConfig(env);
  return {
    origin,
    title: config.feedTitle,
    description: "Stories from many sources, each story once.",
    hubUrl: config.websubHub,
  };
}
