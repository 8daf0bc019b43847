import type { AdapterOptions } from "./adapter-options";
import {
  authorFromString,
  nonNegativeInt,
  plainTitle,
  readDate,
  safeHtml,
  uniqueAuthors,
  uniqueTags,
} from "./item-fields";
import type { Attachment, FeedFormat, ParsedFeed, ParsedItem } from "./model";
import { resolveUrl } from "./urls";
import type { XmlNode } from "./xml";
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

  const description = childMarkup(item, "description");
  const encoded = childMarkup(item, "content:encoded");
  const where = `item "${(guid ?? link ?? "").slice(0, 100)}"`;

  const parsed: ParsedItem = {
    id: guid ?? childText(item, "dc:identifier"),
    url,
    title: plainTitle(childMarkup(item, "title") ?? childText(item, "dc:title")),
    // With content:encoded present, description is the teaser; otherwise it is the body.
    contentHtml: safeHtml(encoded ?? description, htmlBase),
    summary: encoded !== undefined ? safeHtml(description, htmlBase) : undefined,
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
      authorFromString(childText(item, "itunes:author")),
    ]),
    tags: uniqueTags([...children(item, "category"), ...children(item, "dc:subject")].map(nodeText)),
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
  return resolveUrl(thumbnail ?? attr(mediaImage, "url") ?? attr(child(item, "itunes:image"), "href"), base);
}

/** Removes keys whose value is undefined, so parsed objects compare and serialize cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
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
    title: plainTitle(childMarkup(channel, "title")),
    description: plainTitle(childMarkup(channel, "description")),
    homePageUrl,
    feedUrl: resolveUrl(attr(self, "href"), channelBase),
    language: childText(channel, "language") ?? childText(channel, "dc:language"),
    iconUrl: resolveUrl(childText(child(channel, "image"), "url"), itemBase),
    authors: uniqueAuthors([
      authorFromString(childText(channel, "managingEditor")),
      authorFromString(childText(channel, "dc:creator")),
      authorFromString(childText(channel, "itunes:author")),
    ]),
    items: items.map((item) => readRssItem(item, itemBase, warnings)),
    warnings,
  });
}
