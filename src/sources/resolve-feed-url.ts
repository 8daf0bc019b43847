import { FeedParseError } from "../feed/feed-parse-error";
import { parseFeed } from "../feed/parse-feed";
import { discoverFeeds, looksLikeHtml } from "./discover-feed";
import { type FetchOptions, fetchSource } from "./fetch-source";
import { checkSourceUrl } from "./url-policy";

export type FeedUrlResolution =
  | { ok: true; url: string; title?: string; discoveredFrom?: string; warning?: string }
  | { ok: false; status: 400 | 422; code: string; detail: string };

/** The same knobs as a poll's fetch: the operator's URL is fetched as politely. */
export type ResolveOptions = FetchOptions;

/**
 * The feed URL to register for what an operator gave: the URL itself when it serves a feed (its
 * new address after a permanent redirect), or, for an HTML page, the first feed the page names in
 * a `<link rel="alternate">`. A source that cannot be reached right now is registered anyway,
 * with a warning: the poller will keep trying it.
 */
export async function resolveFeedUrl(raw: string, options: ResolveOptions): Promise<FeedUrlResolution> {
  const verdict = checkSourceUrl(raw, options.allowLoopback);
  if (!verdict.ok) return { ok: false, status: 400, code: "bad-url", detail: `${raw}: ${verdict.reason}` };
  const url = verdict.url.href;
  const out = await fetchSource({ url }, options);
  const registered = out.movedTo ?? url;
  if (out.kind === "gone") {
    return { ok: false, status: 422, code: "gone", detail: `${url} answers 410 Gone: the feed was removed` };
  }
  if (out.kind !== "fresh") {
    const why = out.kind === "failed" ? out.error : `HTTP ${out.status}`;
    return {
      ok: true,
      url: registered,
      warning: `could not check the feed now (${why}); it will be polled anyway`,
    };
  }
  const head = new TextDecoder().decode(out.body.subarray(0, 256 * 1024));
  if (looksLikeHtml(head, out.contentType)) {
    const found = discoverFeeds(head, out.finalUrl);
    const feed = found.find((f) => checkSourceUrl(f.url, options.allowLoopback).ok);
    if (!feed) {
      return {
        ok: false,
        status: 422,
        code: "not-a-feed",
        detail: `${url} is an HTML page that names no feed (no <link rel="alternate"> of type application/rss+xml, application/atom+xml or application/feed+json); give the feed's own URL`,
      };
    }
    return { ok: true, url: feed.url, title: feed.title, discoveredFrom: url };
  }
  try {
    const feed = parseFeed(out.body, { url: registered, contentType: out.contentType });
    return { ok: true, url: registered, title: feed.title };
  } catch (err) {
    if (!(err instanceof FeedParseError)) throw err;
    return {
      ok: false,
      status: 422,
      code: "not-a-feed",
      detail: `${url} does not serve a feed: ${err.message}`,
    };
  }
}
