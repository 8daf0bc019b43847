import type { AdapterOptions } from "./adapter-options";
import { authorFromString, plainTitle, uniqueAuthors } from "./item-fields";
import type { ParsedFeed } from "./model";
import { dropUndefined, readRssItem } from "./rss";
import { resolveUrl } from "./urls";
import type { XmlNode } from "./xml-node";
import { attr, child, childMarkup, children, childText } from "./xml-node";

// RSS 0.90 is RDF too, told apart only by its default namespace.
const RSS_090_NAMESPACE = "http://my.netscape.com/rdf/simple/0.9/";

/**
 * RSS 1.0 and 0.90 (<rdf:RDF> root) → ParsedFeed. Items, image and textinput are siblings of
 * <channel> (RSS 1.0 §5.3); an item's rdf:about is its identity.
 */
export function parseRdf(rdf: XmlNode, options: AdapterOptions): ParsedFeed {
  const { warnings } = options;
  const channel = child(rdf, "channel") ?? {};
  const documentBase = resolveUrl(attr(rdf, "xml:base"), options.url) ?? options.url;
  const homePageUrl = resolveUrl(childText(channel, "link"), documentBase);
  const itemBase = attr(rdf, "xml:base") !== undefined ? documentBase : (homePageUrl ?? documentBase);
  const items = [...children(rdf, "item"), ...children(channel, "item")];

  return dropUndefined({
    format: attr(rdf, "xmlns") === RSS_090_NAMESPACE ? "rss0.9x" : "rss1.0",
    title: plainTitle(childMarkup(channel, "title")),
    description: plainTitle(childMarkup(channel, "description")),
    homePageUrl,
    feedUrl: resolveUrl(attr(channel, "rdf:about"), documentBase),
    language: childText(channel, "dc:language"),
    iconUrl: resolveUrl(childText(child(rdf, "image") ?? child(channel, "image"), "url"), itemBase),
    authors: uniqueAuthors([
      authorFromString(childText(channel, "dc:creator")),
      authorFromString(childText(channel, "dc:publisher")),
    ]),
    items: items.map((item) => {
      const parsed = readRssItem(item, itemBase, warnings);
      const about = attr(item, "rdf:about");
      if (about !== undefined) {
        parsed.id = about;
        parsed.url ??= resolveUrl(about, itemBase);
      }
      return parsed;
    }),
    warnings,
  });
}
