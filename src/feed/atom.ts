import type { AdapterOptions } from "./adapter-options";
import {
  languageTag,
  nonNegativeInt,
  plainTitle,
  plainTitleFromHtml,
  readDate,
  safeHtml,
  uniqueAuthors,
  uniqueTags,
  withoutBlank,
} from "./item-fields";
import type { Attachment, Author, FeedFormat, ParsedFeed, ParsedItem } from "./model";
import { dropUndefined } from "./rss";
import { resolveUrl } from "./urls";
import type { XmlNode } from "./xml-node";
import { attr, child, children, childText, markupText, nodeText } from "./xml-node";

const ATOM_03_NAMESPACE = "http://purl.org/atom/ns#";

/** An Atom text construct reduced to one of the three kinds RFC 4287 §3.1 defines. */
type TextKind = "text" | "html" | "xhtml";

/**
 * How a text construct is encoded. RFC 4287 §4.1.3.3: a MIME type that is neither text/* nor
 * XML means base64 content; Atom 0.3 §3.1 says so with mode="base64".
 */
function textKind(node: XmlNode): TextKind | "base64" {
  const type = attr(node, "type")?.toLowerCase() ?? "text";
  // Atom 0.3 §3.1: mode="escaped" is HTML, mode="xml" inline XHTML; type is a MIME type there.
  const mode = attr(node, "mode")?.toLowerCase();
  if (mode === "base64") return "base64";
  if (type === "xhtml" || type === "application/xhtml+xml" || mode === "xml") return "xhtml";
  if (type === "html" || type === "text/html" || mode === "escaped") return "html";
  if (type === "text" || type.startsWith("text/") || type.endsWith("xml") || !type.includes("/"))
    return "text";
  return "base64";
}

/** Base64 that decodes to UTF-8 text; undefined for anything else (an image, garbage). */
function base64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  try {
    const binary = atob(compact);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

// RFC 4287 §3.1.1.3: xhtml content is a single xhtml:div whose *contents* are the text.
const WRAPPING_DIV = /^<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>$/;

/** A text construct as { kind, value }: value is plain text for "text", markup otherwise. */
function readText(node: XmlNode | undefined): { kind: TextKind; value: string } | undefined {
  if (!node) return undefined;
  const value = markupText(node);
  if (value === undefined) return undefined;
  const kind = textKind(node);
  if (kind === "base64") {
    // Decoded, it is whatever the publisher encoded, most often HTML.
    const decoded = base64Text(value)?.trim();
    return decoded ? { kind: "html", value: decoded } : undefined;
  }
  if (kind !== "xhtml") return { kind, value };
  // Prefixed XHTML (<xhtml:p>) renders as unknown tags; plain names keep the markup.
  const inner = WRAPPING_DIV.exec(value)?.[1] ?? value;
  return { kind, value: inner.replace(/<(\/?)[\w-]+:/g, "<$1") };
}

function baseOf(node: XmlNode | undefined, inherited: string | undefined): string | undefined {
  return resolveUrl(attr(node, "xml:base"), inherited) ?? inherited;
}

function textAsTitle(node: XmlNode | undefined): string | undefined {
  const text = readText(node);
  if (!text) return undefined;
  // HTML and XHTML titles are markup: tags go, entities are decoded once ("&lt;blink&gt;" is text).
  return text.kind === "text" ? plainTitle(text.value) : plainTitleFromHtml(text.value);
}

function textAsHtml(node: XmlNode | undefined, base: string | undefined): string | undefined {
  const text = readText(node);
  if (!text) return undefined;
  if (text.kind === "text") return safeHtml(escapeText(text.value), base);
  return safeHtml(text.value, baseOf(node, base));
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function readAuthors(node: XmlNode, base: string | undefined): Author[] {
  return uniqueAuthors(
    children(node, "author").map((a) =>
      withoutBlank({
        name: childText(a, "name") ?? nodeText(a),
        email: childText(a, "email"),
        // Atom 0.3 called it url (or homepage), 1.0 uri.
        url: resolveUrl(
          childText(a, "uri") ?? childText(a, "url") ?? childText(a, "homepage"),
          baseOf(a, base),
        ),
      }),
    ),
  );
}

interface AtomLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
  length?: number;
}

function readLinks(node: XmlNode, base: string | undefined): AtomLink[] {
  return children(node, "link").flatMap((link) => {
    // Atom 0.3 and some 1.0 feeds write the URL as the element's text instead of href.
    const href = resolveUrl(attr(link, "href") ?? nodeText(link), baseOf(link, base));
    if (href === undefined) return [];
    return [
      dropUndefined({
        rel: attr(link, "rel")?.toLowerCase() ?? "alternate",
        href,
        type: attr(link, "type")?.toLowerCase(),
        title: attr(link, "title"),
        length: nonNegativeInt(attr(link, "length")),
      }),
    ];
  });
}

/** The alternate link, preferring an HTML page when there are several (RFC 4287 §4.1.1). */
function alternateOf(links: AtomLink[]): string | undefined {
  const alternates = links.filter((l) => l.rel === "alternate");
  return (alternates.find((l) => l.type === undefined || l.type.includes("html")) ?? alternates[0])?.href;
}

function readEntry(entry: XmlNode, feedBase: string | undefined, feedAuthors: Author[], warnings: string[]) {
  const base = baseOf(entry, feedBase);
  const links = readLinks(entry, base);
  const url = alternateOf(links);
  const id = childText(entry, "id");
  const where = `entry "${(id ?? url ?? "").slice(0, 100)}"`;
  const htmlBase = url ?? base;

  const contentNode = child(entry, "content");
  const content = readText(contentNode);
  const outOfLine = attr(contentNode, "src") !== undefined;
  const published = readDate(
    childText(entry, "published") ?? childText(entry, "issued") ?? childText(entry, "created"),
    warnings,
    where,
  );
  // Of repeated <updated> elements the last one counts (feedparser does the same).
  const updated = readDate(lastText(entry, "updated") ?? lastText(entry, "modified"), warnings, where);
  const authors = readAuthors(entry, base);
  const source = child(entry, "source");
  const attachments: Attachment[] = links
    .filter((l) => l.rel === "enclosure")
    .map((l) =>
      dropUndefined({ url: l.href, mimeType: l.type, title: l.title, sizeInBytes: l.length || undefined }),
    );
  const mediaGroup = child(entry, "media:group");
  const thumbnail = attr(child(entry, "media:thumbnail") ?? child(mediaGroup, "media:thumbnail"), "url");

  const item: ParsedItem = {
    id,
    url,
    title: textAsTitle(child(entry, "title")),
    contentHtml:
      content && !outOfLine && content.kind !== "text"
        ? safeHtml(content.value, baseOf(contentNode, htmlBase))
        : undefined,
    // YouTube's Atom carries the video description only in media:group.
    contentText:
      content && !outOfLine && content.kind === "text"
        ? content.value
        : content
          ? undefined
          : childText(mediaGroup, "media:description"),
    summary: textAsHtml(child(entry, "summary"), htmlBase),
    // Many feeds give only <updated>; it is the best publication date they offer.
    datePublished: published ?? updated,
    dateModified: updated,
    // RFC 4287 §4.2.1: an entry without author inherits the source's, then the feed's.
    authors: authors.length > 0 ? authors : source ? readAuthors(source, base) : feedAuthors,
    tags: uniqueTags(
      children(entry, "category").map((c) => attr(c, "term") ?? attr(c, "label") ?? nodeText(c)),
    ),
    attachments,
    language: languageTag(attr(entry, "xml:lang")),
    commentsUrl: links.find((l) => l.rel === "replies" && (l.type ?? "").includes("html"))?.href,
    imageUrl: resolveUrl(thumbnail, base),
  };
  if (item.authors.length === 0 && source) item.authors = feedAuthors;
  if (source) {
    const sourceLinks = readLinks(source, base);
    item.sourceFeed = dropUndefined({
      title: textAsTitle(child(source, "title")),
      url: sourceLinks.find((l) => l.rel === "self")?.href ?? alternateOf(sourceLinks),
    });
  }
  return dropUndefined(item);
}

function lastText(node: XmlNode, name: string): string | undefined {
  return children(node, name)
    .map(nodeText)
    .findLast((t) => t !== undefined);
}

function atomFormat(feed: XmlNode): FeedFormat {
  return attr(feed, "version") === "0.3" || attr(feed, "xmlns") === ATOM_03_NAMESPACE ? "atom0.3" : "atom1.0";
}

/** Atom 1.0 (RFC 4287) and Atom 0.3 (<feed> root) → ParsedFeed. */
export function parseAtom(feed: XmlNode, options: AdapterOptions): ParsedFeed {
  const { warnings } = options;
  const base = baseOf(feed, options.url);
  const links = readLinks(feed, base);
  const homePageUrl = alternateOf(links);
  // Relative links: xml:base, then the feed's own alternate link, then the fetch URL.
  const entryBase = attr(feed, "xml:base") !== undefined ? base : (homePageUrl ?? base);
  const authors = readAuthors(feed, base);
  return dropUndefined({
    format: atomFormat(feed),
    title: textAsTitle(child(feed, "title")),
    description: textAsTitle(child(feed, "subtitle") ?? child(feed, "tagline")),
    homePageUrl,
    feedUrl: links.find((l) => l.rel === "self")?.href,
    language: languageTag(attr(feed, "xml:lang")),
    iconUrl: resolveUrl(childText(feed, "icon") ?? childText(feed, "logo"), base),
    authors,
    items: children(feed, "entry").map((entry) => readEntry(entry, entryBase, authors, warnings)),
    warnings,
  });
}
