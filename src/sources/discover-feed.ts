import { decodeAttributeEntities } from "../feed/entities";

/**
 * Feed autodiscovery: the `<link rel="alternate" type="…" href="…">` elements an HTML page uses
 * to name its feeds (RSS, Atom, JSON Feed). A small tag scanner rather than a DOM, so it runs the
 * same in Node and workerd; only `<link>` tags are read, from the whole document (some sites put
 * them in the body).
 */
export interface DiscoveredFeed {
  url: string;
  type: string;
  title?: string;
}

const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/rdf+xml",
]);

/** The feeds a page names, in document order, resolved against `baseUrl` (and `<base href>`). */
export function discoverFeeds(html: string, baseUrl: string): DiscoveredFeed[] {
  let base = baseUrl;
  // `[^<>]` rather than `[^>]`: a tag never closed would otherwise be read to the end of the page
  // from each "<base" (or "<link") in it.
  const baseTag = /<base\s[^<>]*>/i.exec(html);
  const baseHref = baseTag ? attributesOf(baseTag[0]).href : undefined;
  if (baseHref) base = resolve(baseHref, baseUrl) ?? baseUrl;
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const m of html.matchAll(/<link\s[^<>]*>/gi)) {
    const attrs = attributesOf(m[0]);
    const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
    const type = (attrs.type ?? "").toLowerCase().split(";")[0]!.trim();
    if (!rel.includes("alternate") || !FEED_TYPES.has(type) || !attrs.href) continue;
    const url = resolve(attrs.href, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    found.push({ url, type, title: attrs.title?.trim() || undefined });
  }
  return found;
}

/** True when the bytes are an HTML page rather than a feed (declared type or the first tag). */
export function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  const head = text
    .slice(0, 1024)
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return true;
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)) {
    return !/<(rss|feed|rdf:rdf)[\s>]/i.test(head);
  }
  return false;
}

function attributesOf(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/(?<![\w:-])([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    attrs[m[1]!.toLowerCase()] = decodeAttributeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

function resolve(href: string, base: string): string | undefined {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}
