/**
 * The key a copy's URL is matched on across feeds: a canonical URL (src/feed/urls.ts: tracking
 * parameters dropped, parameters sorted) with its AMP and mobile forms collapsed, because
 * `amp.example.com/x`, `m.example.com/x`, `example.com/x/amp`, `example.com/x?amp` and
 * `example.com/x?outputType=amp` are the same page as `example.com/x`.
 */

const MOBILE_HOST = /^(amp|m|mobile)\./;
const AMP_PATH = /\/amp(\.html?)?\/?$/;
const AMP_PARAMS = new Set(["amp", "outputtype", "_amp", "amp_js_v", "usqp"]);

/** The AMP/mobile-free form of a canonical URL; any other string is returned unchanged. */
export function collapseAmpUrl(canonical: string): string {
  let url: URL;
  try {
    url = new URL(canonical);
  } catch {
    return canonical;
  }
  const labels = url.hostname.split(".");
  if (labels.length > 2 && MOBILE_HOST.test(url.hostname)) url.hostname = labels.slice(1).join(".");
  url.hostname = url.hostname.replace(/^www\./, "");
  url.hostname = url.hostname.replace(/\.cdn\.ampproject\.org$/, "");
  if (AMP_PATH.test(url.pathname) && url.pathname !== "/amp") {
    url.pathname = url.pathname.replace(AMP_PATH, "") || "/";
  }
  const kept = [...url.searchParams].filter(([name, value]) => {
    const lower = name.toLowerCase();
    if (lower === "outputtype") return value.toLowerCase() !== "amp";
    return !AMP_PARAMS.has(lower);
  });
  url.search = new URLSearchParams(kept).toString();
  const href = url.href.endsWith("?") ? url.href.slice(0, -1) : url.href;
  // A trailing slash is not a different page either.
  return href.length > url.origin.length + 1 && href.endsWith("/") ? href.slice(0, -1) : href;
}

/**
 * The URL key of an article link, or undefined when the link cannot name one article: a site's
 * home page ("https://example.org/", some feeds link every item there) would make every item of
 * the feed the same copy.
 */
export function articleUrlKey(canonical: string | undefined): string | undefined {
  if (canonical === undefined) return undefined;
  const key = collapseAmpUrl(canonical);
  try {
    const url = new URL(key);
    if ((url.pathname === "/" || url.pathname === "") && url.search === "") return undefined;
  } catch {
    return key;
  }
  return key;
}
