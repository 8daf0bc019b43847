/**
 * URLs that are already what the WHATWG URL parser would make of them, recognized without
 * parsing: most links in feeds are absolute, lower-case-host http(s) URLs in canonical form, and
 * `new URL` costs more than everything else done per link. Anything unusual (a port, user info,
 * dot segments, characters the parser percent-encodes, IDNA hosts, IPv4-like hosts) is left to
 * the parser, so the result is the same either way (test/unit/feed/url-fast-path.test.ts).
 */

// Host: lower-case labels, the last one starting with a letter (numeric hosts are IPv4 to the
// parser). Path, query and fragment: only characters no percent-encode set touches.
const CANONICAL_HTTP_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&()*+,;=:@/?%#]*$/;
const CANONICAL_ROOT_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@/?%#]*$/;
/**
 * Dot segments ("/./", "/../", also written "%2e") are resolved by the parser; IDNA hosts
 * checked. One pattern without quantifiers: it beat three searches for its parts.
 */
const NEEDS_PARSER = /\/\.|%2[eE]|[xX][nN]--/;

function needsParser(url: string): boolean {
  return NEEDS_PARSER.test(url);
}

/** True when `url` is an absolute http(s) URL that `new URL(url).href` returns unchanged. */
export function isCanonicalHttpUrl(url: string): boolean {
  return CANONICAL_HTTP_URL.test(url) && !needsParser(url);
}

// The last base resolveRootPath saw and its origin (undefined: not canonical): an item's links
// share one base.
let lastBase: string | undefined;
let lastOrigin: string | undefined;

/**
 * `new URL(path, base).href` for a root-relative `path` ("/img/1.jpg") against a canonical
 * http(s) `base`, or undefined when the parser is needed.
 */
export function resolveRootPath(path: string, base: string): string | undefined {
  if (!CANONICAL_ROOT_PATH.test(path) || needsParser(path)) return undefined;
  if (base !== lastBase) {
    lastBase = base;
    lastOrigin = isCanonicalHttpUrl(base)
      ? base.slice(0, base.indexOf("/", base.indexOf("//") + 2))
      : undefined;
  }
  return lastOrigin === undefined ? undefined : lastOrigin + path;
}

/** /[\t\n\r]/.test(s), by native searches (faster than the regex on the short slices links are). */
export function hasTabOrNewline(s: string): boolean {
  return s.includes("\n") || s.includes("\t") || s.includes("\r");
}
