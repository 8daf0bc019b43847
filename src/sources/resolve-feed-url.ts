import { FeedParseError } from "../feed/feed-parse-error";
import { parseFeed } from "../feed/parse-feed";
import { discoverFeeds, looksLikeHtml } from "./discover-feed";
import { type FetchOptions, fetchSource } from "./fetch-source";
import { checkSourceUrl } from "./url-policy";

export type FeedUrlResolution =
  | {
      ok: true;
      url: string;
      title?: string;
      discoveredFrom?: string;
      warning?: string;
      /** Not fetched now: whether the URL is a feed or a page naming one is for the next poll. */
      pendingDiscovery?: true;
      /** Why it could not be fetched: dns, connect, timeout, tls, http-<status>, … */
      failure?: string;
    }
  | { ok: false; status: 400 | 422; code: string; detail: string };

/** The same knobs as a poll's fetch: the operator's URL is fetched as politely. */
export type ResolveOptions = FetchOptions;

/**
 * The feed URL to register for what an operator gave: the URL itself when it serves a feed (its
 * new address after a permanent redirect), or, for an HTML page, the first feed the page names in
 * a `<link rel="alternate">`. A URL that cannot be fetched right now is registered as given but
 * pending discovery, with a warning naming the failure: it may be a page, so it is not taken for a
 * feed; the next poll that reaches it finds the feed a page names, or keeps the URL if it is one.
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
    const failure = out.kind === "failed" ? out.failure : `http-${out.status}`;
    const why = out.kind === "failed" ? out.error : `${failure}: the server answered HTTP ${out.status}`;
    return {
      ok: true,
      url: registered,
      pendingDiscovery: true,
      failure,
      warning: `could not fetch ${registered} now (${why}); it is registered pending discovery: the next polling cycle fetches it again and, if it is an HTML page, takes the feed the page names`,
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
