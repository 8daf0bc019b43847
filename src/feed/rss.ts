import type { AdapterOptions } from "./adapter-options";
import {
  authorFromString,
  languageTag,
  nonNegativeInt,
  plainTitle,
  readDate,
  safeHtml,
  uniqueAuthors,
  uniqueTags,
} from "./item-fields";
import type { Attachment, FeedFormat, ParsedFeed, ParsedItem } from "./model";
import { resolveUrl } from "./urls";
import type { XmlNode } from "./xml-node";
import { attr, child, childMarkup, children, childText, nodeText } from "./xml-node";

/** The item fields RSS 0.9x, 1.0 and 2.0 share (RSS 1.0 adds rdf:about, see rdf.ts). */
export function readRssItem(
  item: XmlNode,
  inheritedBase: string | undefined,
  warnings: string[],
): ParsedItem {
  const base = resolveUrl(attr(item, "xml:base"), inheritedBase) ?? inheritedBase;
  const guidNode = child(item, "guid");
  const guid = nodeText(guidNode);
  // RSS 2.0: isPermaLink defaults to true, and then the guid is the item's URL.
  const guidIsLink = guid !== undefined && attr(guidNode, "isPermaLink")?.toLowerCase() !== "false";
  const atomAlternate = children(item, "atom:link").find(
    (l) => (attr(l, "rel") ?? "alternate") === "alternate",
  );
  const link = childText(item, "link") ?? attr(atomAlternate, "href") ?? (guidIsLink ? guid : undefined);
  const url = resolveUrl(link, base);
  const htmlBase = url ?? base;

  // The full body: content:encoded, else an inline XHTML <body>, else the old <fullitem>.
  const body =
    childMarkup(item, "content:encoded") ?? childMarkup(item, "body") ?? childMarkup(item, "fullitem");
  const description = childMarkup(item, "description") ?? childMarkup(item, "dc:description");
  // <summary> is not RSS, but common enough; iTunes gives its own.
  const summary = childMarkup(item, "summary") ?? childMarkup(item, "itunes:summary");
  const teaser =
    body !== undefined ? (description ?? summary) : description !== undefined ? summary : undefined;
  const where = `item "${(guid ?? link ?? "").slice(0, 100)}"`;

  const parsed: ParsedItem = {
    id: guid ?? childText(item, "dc:identifier"),
    url,
    title: plainTitle(
      childMarkup(item, "title") ?? childText(item, "dc:title") ?? childText(item, "media:title"),
    ),
    // With a full body present, description is the teaser; otherwise it is the body.
    contentHtml: safeHtml(body ?? description ?? summary, htmlBase),
    summary: safeHtml(teaser, htmlBase),
    datePublished: readDate(
      childText(item, "pubDate") ?? childText(item, "dc:date") ?? childText(item, "dcterms:issued"),
      warnings,
      where,
    ),
    dateModified: readDate(
      childText(item, "atom:updated") ?? childText(item, "dcterms:modified"),
      warnings,
      where,
    ),
    authors: uniqueAuthors([
      authorFromString(childText(item, "author")),
      ...children(item, "dc:creator").map((c) => authorFromString(nodeText(c))),
      authorFromString(childText(item, "dc:author")),
      authorFromString(childText(item, "itunes:author")),
    ]),
    tags: uniqueTags([
      // A made-up but common <tags>a, b</tags> element.
      ...(childText(item, "tags")?.split(",") ?? []),
      ...[...children(item, "category"), ...children(item, "dc:subject")].map(nodeText),
      ...children(item, "itunes:category").flatMap((c) => [
        attr(c, "text") ?? nodeText(c),
        // iTunes nests a subcategory inside its category.
        ...children(c, "itunes:category").map((sub) => attr(sub, "text")),
      ]),
      ...children(item, "media:category").map(nodeText),
    ]),
    attachments: enclosuresOf(item, base),
    language: childText(item, "dc:language"),
    commentsUrl: resolveUrl(childText(item, "comments"), base),
    imageUrl: imageOf(item, base),
  };
  const source = child(item, "source");
  if (source) {
    parsed.sourceFeed = { title: plainTitle(nodeText(source)), url: resolveUrl(attr(source, "url"), base) };
  }
  return dropUndefined(parsed);
}

function enclosuresOf(item: XmlNode, base: string | undefined): Attachment[] {
  const attachments: Attachment[] = [];
  for (const enclosure of children(item, "enclosure")) {
    const url = resolveUrl(attr(enclosure, "url"), base);
    if (url === undefined) continue;
    attachments.push(
      dropUndefined({
        url,
        mimeType: attr(enclosure, "type"),
        // Podcasts often write length="0" when they do not know it.
        sizeInBytes: nonNegativeInt(attr(enclosure, "length")) || undefined,
      }),
    );
  }
  return attachments;
}

function imageOf(item: XmlNode, base: string | undefined): string | undefined {
  const thumbnail = attr(child(item, "media:thumbnail"), "url");
  const mediaImage = children(item, "media:content").find((m) => attr(m, "medium") === "image");
  const itunesImage = child(item, "itunes:image");
  // Older podcast feeds: url= instead of href=, or <itunes:link rel="image">.
  const itunesLink = children(item, "itunes:link").find((l) => attr(l, "rel") === "image");
  return resolveUrl(
    thumbnail ??
      attr(mediaImage, "url") ??
      attr(itunesImage, "href") ??
      attr(itunesImage, "url") ??
      attr(itunesLink, "href"),
    base,
  );
}

/**
 * The object without its undefined keys (the others in their order), so parsed objects compare
 * and serialize cleanly. A copy rather than `delete`: deleting a key turns an object into a slow
 * dictionary, and every item went through here.
 */
export function dropUndefined<T extends object>(value: T): T {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    const field = value[key];
    if (field !== undefined) out[key] = field;
  }
  return out as T;
}

function rssFormat(version: string | undefined): FeedFormat {
  return version !== undefined && /^0\.9/.test(version) ? "rss0.9x" : "rss2.0";
}

/** RSS 0.91–0.94 and 2.0 (<rss> root) → ParsedFeed. */
export function parseRss(rss: XmlNode, options: AdapterOptions): ParsedFeed {
  const { warnings } = options;
  const channel = child(rss, "channel") ?? {};
  const documentBase = resolveUrl(attr(rss, "xml:base"), options.url) ?? options.url;
  const channelBase = resolveUrl(attr(channel, "xml:base"), documentBase) ?? documentBase;
  const homePageUrl = resolveUrl(childText(channel, "link"), channelBase);
  // Relative links: xml:base, then the channel's link, then where the feed was fetched from.
  const itemBase = attr(channel, "xml:base") !== undefined ? channelBase : (homePageUrl ?? channelBase);
  const self = children(channel, "atom:link").find((l) => attr(l, "rel") === "self");
  // Some feeds put the items beside <channel> instead of inside it.
  const items = [...children(channel, "item"), ...children(rss, "item")];

  return dropUndefined({
    format: rssFormat(attr(rss, "version")),
    title: plainTitle(childMarkup(channel, "title") ?? childText(channel, "dc:title")),
    description: plainTitle(childMarkup(channel, "description")),
    homePageUrl,
    feedUrl: resolveUrl(attr(self, "href"), channelBase),
    language: languageTag(childText(channel, "language") ?? childText(channel, "dc:language")),
    iconUrl: resolveUrl(childText(child(channel, "image"), "url"), itemBase),
    authors: uniqueAuthors([
      authorFromString(childText(channel, "managingEditor")),
      authorFromString(childText(channel, "author")),
      authorFromString(childText(channel, "dc:creator")),
      authorFromString(childText(channel, "dc:author")),
      authorFromString(childText(channel, "itunes:author")),
    ]),
    items: items.map((item) => readRssItem(item, itemBase, warnings)),
    warnings,
  });
}
