/**
 * Content negotiation on the Accept header (RFC 9110 §12.5.1), for one question: does this
 * request want the HTML page of a feed rather than the feed? Pure.
 *
 * A browser navigating says so: Chromium, Firefox and Safari send
 * `text/html,application/xhtml+xml,application/xml;q=0.9,*\/*;q=0.8`, text/html above every XML
 * type. Readers name the feed types first (feedparser, SimplePie, Miniflux — Miniflux lists
 * text/html too, at the same weight), or send `*\/*` or nothing (newsboat through libcurl,
 * NetNewsWire through URLSession). Only a strict preference for HTML gets the page; a tie keeps
 * the feed, so no reader is ever handed HTML.
 */

export interface MediaRange {
  type: string;
  subtype: string;
  /** The weight, 0..1. */
  q: number;
}

/** The feed and XML types an RSS or Atom request may ask for instead of the page. */
export const XML_FEED_TYPES: readonly string[] = [
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/xml",
  "text/xml",
];

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A weight (RFC 9110 §12.4.2): 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The weight a member of an Accept-style header gives from its parameters (after the first ";"):
 * its `q`, 1 without one, undefined when a `q` is malformed.
 */
export function weightOf(params: readonly string[]): number | undefined {
  let q = 1;
  for (const param of params) {
    const [name, value] = param.split("=").map((s) => s.trim());
    if (name?.toLowerCase() !== "q") continue;
    if (value === undefined || !QVALUE.test(value)) return undefined;
    q = Number(value);
  }
  return q;
}

/** The media ranges of an Accept header, in order; malformed members are left out. */
export function parseAccept(header: string | null | undefined): MediaRange[] {
  if (header === null || header === undefined) return [];
  const ranges: MediaRange[] = [];
  // A header is bounded by the runtime; 64 members is far more than any client sends.
  for (const member of header.split(",").slice(0, 64)) {
    const [range, ...params] = member.split(";");
    const [type, subtype, extra] = (range ?? "").trim().toLowerCase().split("/");
    if (type === undefined || subtype === undefined || extra !== undefined) continue;
    if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === "*" && subtype !== "*")) continue;
    const q = weightOf(params);
    if (q !== undefined) ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The weight `ranges` give `mediaType`: that of the most specific range matching it, else 0. */
export function qualityOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.toLowerCase().split("/");
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === "*"
          ? 1
          : range.type === "*"
            ? 0
            : -1;
    if (specificity > best) {
      best = specificity;
      q = range.q;
    }
  }
  return q;
}

/**
 * Whether the request prefers text/html to every one of `feedTypes` (a browser opening the
 * feed). No header, `*\/*`, and any tie answer false.
 */
export function prefersHtml(accept: string | null | undefined, feedTypes: readonly string[]): boolean {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return false;
  const html = qualityOf(ranges, "text/html");
  return html > 0 && feedTypes.every((type) => qualityOf(ranges, type) < html);
}
