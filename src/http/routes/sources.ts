import { Hono } from "hono";
import { readConfig } from "../../config";
import { foldIndexStub } from "../../fold-index/fold-index-stub";
import type { SourceEntry } from "../../fold-index/source-registry";
import { OpmlError, parseOpml, renderOpml } from "../../sources/opml";
import { MAX_REDIRECTS } from "../../sources/poll-runtime";
import { resolveFeedUrl } from "../../sources/resolve-feed-url";
import { sourceIdOf } from "../../sources/source-id";
import { checkSourceUrl } from "../../sources/url-policy";
import { USER_AGENT } from "../../sources/user-agent";
import { categoryListing, countCategories } from "../../view/category-list";
import { requireToken } from "../auth";
import { HttpError } from "../http-error";
import { readBodyCapped, requireContent } from "../read-body";

export const sourceRoutes = new Hono<{ Bindings: Env }>();

const MAX_JSON_BYTES = 64 * 1024;

/**
 * The registered sources with their polling status (design.md: GET /sources), and their
 * categories, each with its feeds (`/categories/{name}/feed.*`).
 */
sourceRoutes.get("/sources", async (c) => {
  const sources = await foldIndexStub(c.env).listSources();
  const origin = readConfig(c.env).publicUrl ?? new URL(c.req.url).origin;
  return c.json({ sources, categories: categoryListing(countCategories(sources), origin) });
});

/** Adds one source: `{"url": "...", "title"?: "...", "categories"?: ["..."]}`; an HTML page's feed is discovered. */
sourceRoutes.post("/sources", requireToken, async (c) => {
  const config = readConfig(c.env);
  const input = parseAddBody(
    await readBodyCapped(c.req.raw, MAX_JSON_BYTES, "a source is a small JSON object"),
  );
  const resolved = await resolveFeedUrl(input.url, {
    fetch,
    userAgent: USER_AGENT,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.maxBodyBytes,
    maxRedirects: MAX_REDIRECTS,
    allowLoopback: config.allowLoopbackSources,
    now: Date.now(),
  });
  if (!resolved.ok) throw new HttpError(resolved.status, resolved.code, resolved.detail);
  const entry: SourceEntry = {
    id: await sourceIdOf(resolved.url),
    url: resolved.url,
    title: input.title ?? resolved.title,
    categories: input.categories,
    origin: "api",
    discover: resolved.pendingDiscovery,
  };
  const result = await foldIndexStub(c.env).addSource(entry, {
    maxSources: config.maxSources,
    intervalS: config.pollIntervalS,
  });
  if (result.kind === "full") {
    throw new HttpError(
      422,
      "too-many-sources",
      `the registry holds its maximum of ${result.max} sources (MAX_SOURCES); delete some or raise the limit`,
    );
  }
  const extra = {
    ...(resolved.discoveredFrom ? { discoveredFrom: resolved.discoveredFrom } : {}),
    ...(resolved.warning ? { warning: resolved.warning } : {}),
    ...(resolved.failure ? { failure: resolved.failure } : {}),
  };
  return c.json(
    { source: result.source, created: result.kind === "created", ...extra },
    result.kind === "created" ? 201 : 200,
  );
});

/** Removes a source from the registry; its stored items stay in the merged feed. */
sourceRoutes.delete("/sources/:id", requireToken, async (c) => {
  const id = c.req.param("id");
  if (!(await foldIndexStub(c.env).deleteSource(id))) {
    throw new HttpError(404, "not-found", `no source with id ${id}; GET /sources lists them`);
  }
  return c.json({ deleted: id });
});

/** The sources as OPML 2.0, nested by category. */
sourceRoutes.get("/sources.opml", async (c) => {
  const config = readConfig(c.env);
  const sources = await foldIndexStub(c.env).listSources();
  const body = renderOpml(
    sources.map((s) => ({ url: s.url, title: s.title ?? undefined, categories: s.categories })),
    { title: `${config.feedTitle} sources`, date: new Date() },
  );
  return c.body(body, 200, { "Content-Type": "text/x-opml; charset=utf-8" });
});

/** Imports an OPML subscription list (no fetch per feed: the poller checks them). */
sourceRoutes.post("/sources.opml", requireToken, async (c) => {
  const config = readConfig(c.env);
  const text = requireContent(
    new TextDecoder().decode(await readBodyCapped(c.req.raw, config.maxBodyBytes)),
    "an OPML document",
  );
  let feeds: ReturnType<typeof parseOpml>;
  try {
    feeds = parseOpml(text);
  } catch (err) {
    if (err instanceof OpmlError) throw new HttpError(400, "bad-opml", err.detail);
    throw err;
  }
  if (feeds.length === 0) {
    throw new HttpError(
      422,
      "no-feeds",
      "the OPML holds no <outline> with an xmlUrl; export your subscriptions again",
    );
  }
  const entries: SourceEntry[] = [];
  const skipped: Array<{ url: string; reason: string }> = [];
  for (const feed of feeds) {
    const verdict = checkSourceUrl(feed.url, config.allowLoopbackSources);
    if (!verdict.ok) {
      skipped.push({ url: feed.url, reason: verdict.reason });
      continue;
    }
    const url = verdict.url.href;
    entries.push({
      id: await sourceIdOf(url),
      url,
      title: feed.title,
      categories: feed.categories,
      origin: "opml",
    });
  }
  const result = await foldIndexStub(c.env).importSources(entries, {
    maxSources: config.maxSources,
    intervalS: config.pollIntervalS,
  });
  for (const url of result.full) skipped.push({ url, reason: "the registry is full (MAX_SOURCES)" });
  return c.json({
    feeds: feeds.length,
    added: result.added.length,
    updated: result.updated.length,
    unchanged: entries.length - result.added.length - result.updated.length - result.full.length,
    skipped,
  });
});

function parseAddBody(bytes: Uint8Array): { url: string; title?: string; categories?: string[] } {
  const text = requireContent(
    new TextDecoder().decode(bytes),
    'JSON such as {"url": "https://example.org/feed.xml"}',
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "bad-json", 'send JSON such as {"url": "https://example.org/feed.xml"}');
  }
  const v = value as { url?: unknown; title?: unknown; categories?: unknown } | null;
  if (!v || typeof v !== "object" || typeof v.url !== "string" || !v.url.trim()) {
    throw new HttpError(
      400,
      "missing-url",
      'the body needs a "url" string: {"url": "https://example.org/feed.xml"}',
    );
  }
  if (v.title !== undefined && typeof v.title !== "string") {
    throw new HttpError(400, "bad-title", '"title" must be a string when given');
  }
  if (
    v.categories !== undefined &&
    (!Array.isArray(v.categories) || v.categories.some((x) => typeof x !== "string"))
  ) {
    throw new HttpError(
      400,
      "bad-categories",
      '"categories" must be a list of strings such as ["News/Local"]',
    );
  }
  // Trimmed, blank ones dropped, each once: category feeds match names exactly.
  const categories = (v.categories as string[] | undefined)?.map((name) => name.trim()).filter(Boolean);
  return {
    url: v.url.trim(),
    title: (v.title as string | undefined)?.trim() || undefined,
    categories: categories === undefined ? undefined : [...new Set(categories)],
  };
}
