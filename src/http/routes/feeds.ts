import { Hono } from "hono";
import { readConfig } from "../../config";
import { etagOf } from "../../fold-index/publisher";
import { snapshotKey } from "../../store/keys";
import { readSnapshot, type Snapshot } from "../../store/kv-store";
import { type FeedSite, renderView, type ViewFormat } from "../../view/feed-view";
import { isNotModified } from "../conditional";
import { foldIndexStub } from "../fold-index-stub";
import { readFeedQuery } from "../query";

const CONTENT_TYPES: Record<ViewFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** Readers poll; a minute of caching anywhere keeps them cheap and still fresh. */
const CACHE_CONTROL = "public, max-age=60";

export const feedRoutes = new Hono<{ Bindings: Env }>();

for (const [path, format] of [
  ["/feed.xml", "rss"],
  ["/feed.atom", "atom"],
  ["/feed.json", "json"],
  ["/", "html"],
] as const) {
  feedRoutes.get(path, async (c) => {
    const url = new URL(c.req.url);
    const query = readFeedQuery(url);
    const snapshot = query.isDefault
      ? ((await readSnapshot(c.env.FEEDFOLD_KV, snapshotKey(format))) ??
        (await renderLive(c.env, url, format, query)))
      : await renderLive(c.env, url, format, query);
    const headers = {
      "Content-Type": CONTENT_TYPES[format],
      "Cache-Control": CACHE_CONTROL,
      ETag: snapshot.meta.etag,
      "Last-Modified": snapshot.meta.lastModified,
    };
    if (isNotModified(c.req.raw.headers, snapshot.meta.etag, snapshot.meta.lastModified)) {
      return c.body(null, 304, headers);
    }
    return c.body(snapshot.body, 200, headers);
  });
}

/**
 * Views other than the default (another limit, a later page), and the default itself before the
 * first publish has reached KV: rendered from the fold index, which is strongly consistent.
 */
async function renderLive(
  env: Env,
  url: URL,
  format: ViewFormat,
  query: ReturnType<typeof readFeedQuery>,
): Promise<Snapshot> {
  const config = readConfig(env);
  const site: FeedSite = {
    origin: config.publicUrl ?? url.origin,
    title: config.feedTitle,
    description: "Stories from many sources, each story once.",
  };
  const stories = await foldIndexStub(env).listStories(query.before, query.limit);
  const body = renderView(format, stories, site, {
    limit: query.limit,
    query: url.search.slice(1) || undefined,
  });
  const newest = stories.reduce((m, s) => (s.updatedAt > m ? s.updatedAt : m), "1970-01-01T00:00:00.000Z");
  return { body, meta: { etag: await etagOf(body), lastModified: new Date(newest).toUTCString() } };
}
