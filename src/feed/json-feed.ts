import type { AdapterOptions } from "./adapter-options";
import { escapeHtml } from "./entities";
import {
  nonNegativeInt,
  plainTitle,
  readDate,
  safeHtml,
  uniqueAuthors,
  uniqueTags,
  withoutBlank,
} from "./item-fields";
import type { Attachment, Author, FeedFormat, ParsedFeed, ParsedItem } from "./model";
import { dropUndefined } from "./rss";
import { resolveUrl } from "./urls";

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** JSON Feed 1.1 `authors`, falling back to 1.0's single `author`. */
function readAuthors(owner: JsonObject, base: string | undefined): Author[] {
  if (owner.authors === undefined && owner.author === undefined) return [];
  const list = Array.isArray(owner.authors)
    ? objects(owner.authors)
    : isObject(owner.author)
      ? [owner.author]
      : [];
  return uniqueAuthors(
    list.map((a) =>
      withoutBlank({ name: str(a.name), url: authorUrl(str(a.url), base), email: str(a.email) }),
    ),
  );
}

// The last author link resolved and what it became: feeds repeat one author on every item, often
// with a link the URL parser has to read ("mailto:…"), which costs more than the rest of the item.
let lastAuthorHref: string | undefined;
let lastAuthorBase: string | undefined;
let lastAuthorUrl: string | undefined;

function authorUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  if (href !== lastAuthorHref || base !== lastAuthorBase) {
    lastAuthorUrl = resolveUrl(href, base);
    lastAuthorHref = href;
    lastAuthorBase = base;
  }
  return lastAuthorUrl;
}

function readAttachments(item: JsonObject, base: string | undefined): Attachment[] {
  return objects(item.attachments).flatMap((a) => {
    const url = resolveUrl(str(a.url), base);
    if (url === undefined) return [];
    return [
      dropUndefined({
        url,
        mimeType: str(a.mime_type),
        title: str(a.title),
        sizeInBytes: nonNegativeInt(a.size_in_bytes),
        durationInSeconds: typeof a.duration_in_seconds === "number" ? a.duration_in_seconds : undefined,
      }),
    ];
  });
}

/** The version URL names the format: "https://jsonfeed.org/version/1" or ".../1.1". */
export function jsonFeedFormat(version: unknown): FeedFormat | undefined {
  if (typeof version !== "string" || !version.includes("jsonfeed.org/version/")) return undefined;
  const v = /\/version\/(1(?:\.[01])?)\/?$/.exec(version.trim())?.[1];
  // A version we do not know (2, 1.5…) may mean other fields: refused, not guessed at.
  return v === undefined ? undefined : v === "1.1" ? "json1.1" : "json1.0";
}

function readItem(
  item: JsonObject,
  base: string | undefined,
  feedAuthors: Author[],
  warnings: string[],
): ParsedItem {
  // JSON Feed §items: id is a string, but numbers are common in the wild.
  const id = typeof item.id === "number" ? String(item.id) : str(item.id);
  const url = resolveUrl(str(item.url), base);
  const where = `item "${(id ?? url ?? "").slice(0, 100)}"`;
  const summary = str(item.summary);
  const authors = readAuthors(item, base);
  const published = str(item.date_published);
  const datePublished = readDate(published, warnings, where);
  const modified = str(item.date_modified);
  // Most feeds write the same date twice; an unparsable one still warns once per field.
  const dateModified =
    modified === published && datePublished !== undefined
      ? datePublished
      : readDate(modified, warnings, where);
  // Built field by field in ParsedItem's order, undefined ones left out (what dropUndefined
  // makes of the whole literal), without the intermediate object and its copy per item.
  const out: Partial<ParsedItem> = {};
  if (id !== undefined) out.id = id;
  if (url !== undefined) out.url = url;
  const externalUrl = resolveUrl(str(item.external_url), base);
  if (externalUrl !== undefined) out.externalUrl = externalUrl;
  const title = plainTitle(str(item.title));
  if (title !== undefined) out.title = title;
  const contentHtml = safeHtml(str(item.content_html), url ?? base);
  if (contentHtml !== undefined) out.contentHtml = contentHtml;
  const contentText = str(item.content_text);
  if (contentText !== undefined) out.contentText = contentText;
  // summary is plain text in JSON Feed; ParsedItem.summary is HTML, so it is escaped.
  if (summary !== undefined) out.summary = escapeHtml(summary);
  if (datePublished !== undefined) out.datePublished = datePublished;
  if (dateModified !== undefined) out.dateModified = dateModified;
  // JSON Feed 1.1: an item without authors has the feed's.
  out.authors = authors.length > 0 ? authors : feedAuthors;
  out.tags = uniqueTags(Array.isArray(item.tags) ? item.tags.map(str) : []);
  out.attachments = readAttachments(item, base);
  const language = str(item.language);
  if (language !== undefined) out.language = language;
  const imageUrl = resolveUrl(str(item.image) ?? str(item.banner_image), base);
  if (imageUrl !== undefined) out.imageUrl = imageUrl;
  return out as ParsedItem;
}

/** JSON Feed 1.0 and 1.1 (an already parsed JSON object) → ParsedFeed. */
export function parseJsonFeed(doc: JsonObject, format: FeedFormat, options: AdapterOptions): ParsedFeed {
  const { warnings } = options;
  const feedUrl = resolveUrl(str(doc.feed_url), options.url);
  const homePageUrl = resolveUrl(str(doc.home_page_url), options.url ?? feedUrl);
  const base = homePageUrl ?? options.url ?? feedUrl;
  const authors = readAuthors(doc, base);
  if (!Array.isArray(doc.items)) warnings.push("The JSON Feed has no items array.");
  const notObjects = Array.isArray(doc.items) ? doc.items.length - objects(doc.items).length : 0;
  if (notObjects > 0) warnings.push(`${notObjects} entries of "items" are not objects; skipped.`);
  return dropUndefined({
    format,
    title: plainTitle(str(doc.title)),
    description: plainTitle(str(doc.description)),
    homePageUrl,
    feedUrl,
    language: str(doc.language),
    iconUrl: resolveUrl(str(doc.icon) ?? str(doc.favicon), base),
    authors,
    items: objects(doc.items).map((item) => readItem(item, base, authors, warnings)),
    warnings,
  });
}
