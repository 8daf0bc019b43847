import type { AdapterOptions } from "./adapter-options";
import { parseAtom } from "./atom";
import { decodeBody } from "./decode";
import { detectDocumentKind } from "./detect-format";
import { FeedParseError } from "./feed-parse-error";
import { jsonFeedFormat, parseJsonFeed } from "./json-feed";
import type { ParsedFeed } from "./model";
import { parseRdf } from "./rdf";
import { parseRss } from "./rss";
import { parseXml } from "./xml";
import type { XmlNode } from "./xml-node";

export { FeedParseError, type FeedParseErrorCode } from "./feed-parse-error";
export type { Attachment, Author, FeedFormat, ParsedFeed, ParsedItem } from "./model";

/** Options for parseFeed. */
export interface ParseFeedOptions {
  /** Where the document came from; resolves relative links when the document gives no base. */
  url?: string;
  /** The HTTP Content-Type; its charset is used only when the document declares none. */
  contentType?: string;
  /** Bodies larger than this are refused with "too-large". Default 5 MB. */
  maxBytes?: number;
}

/** The default body size limit: larger than any real feed, small enough for a Worker. */
export const DEFAULT_MAX_FEED_BYTES = 5 * 1024 * 1024;

function isObject(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The last tag of a text: an end tag (`</feed >`, `</rdf:RDF>`) or an empty element (`<rss/>`).
// Neither branch reads past the next "<", so trying it at every "<" stays linear.
const LAST_TAG = /<(?:\/((?:[\w.-]+:)?[\w.-]+)\s*|((?:[\w.-]+:)?[\w.-]+)(?:\s[^<>]*)?\/)>$/;

/** The text without its closed comments; an unclosed one and all after it are kept. */
function withoutComments(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf("<!--"); open >= 0; open = text.indexOf("<!--", from)) {
    const close = text.indexOf("-->", open + 4);
    if (close < 0) break;
    out += text.slice(from, open);
    from = close + 3;
  }
  return out + text.slice(from);
}

/** True when the text ends with the root's end tag (or is one empty root element), comments aside. */
function closesRoot(text: string, localName: string): boolean {
  const tail = withoutComments(text.slice(-4096)).trimEnd();
  if (tail.endsWith(`</${localName}>`)) return true;
  const m = LAST_TAG.exec(tail);
  if (m === null) return false;
  const name = (m[1] ?? m[2])!;
  return name.slice(name.indexOf(":") + 1) === localName;
}

function parseXmlFeed(text: string, options: AdapterOptions): ParsedFeed {
  const doc = parseXml(text, options.warnings);
  const rootName = Object.keys(doc.tree).find((key) => !key.startsWith("?") && !key.startsWith("#"));
  if (rootName === undefined) throw new FeedParseError("malformed", "The XML has no root element.");
  // A feed with an empty root (<rss/>) parses to "", which still means "no items".
  const root = isObject(doc.tree[rootName]) ? (doc.tree[rootName] as XmlNode) : {};
  const localName = rootName.slice(rootName.indexOf(":") + 1);
  const truncated = !closesRoot(doc.text, localName);
  if (truncated) {
    // fast-xml-parser closes open elements at the end of input without a word; a cut-off
    // download must not pass for a complete feed.
    options.warnings.push(`The document ends before </${rootName}>: it looks truncated.`);
  }
  const feed =
    rootName === "rss"
      ? parseRss(root, options)
      : localName === "RDF"
        ? parseRdf(root, options)
        : localName === "feed"
          ? parseAtom(root, options)
          : undefined;
  if (feed !== undefined) {
    if (truncated && feed.items.length === 0) {
      throw new FeedParseError(
        "no-items",
        `The document ends before </${rootName}> and no item could be read: it looks truncated; send the whole document.`,
      );
    }
    return feed;
  }
  if (localName === "html") throw new FeedParseError("not-a-feed", "This is an HTML page, not a feed.");
  throw new FeedParseError(
    "unsupported-format",
    `The XML root element is <${rootName}>; expected <rss>, <rdf:RDF> or <feed>.`,
  );
}

/** "items": [] is an empty feed; items that are missing, not a list or not objects are no feed. */
function withUsableJsonItems(doc: XmlNode, feed: ParsedFeed): ParsedFeed {
  const items = doc.items;
  if (feed.items.length === 0 && !(Array.isArray(items) && items.length === 0)) {
    throw new FeedParseError(
      "no-items",
      'No item could be read: JSON Feed "items" must be an array of objects.',
    );
  }
  return feed;
}

function parseJsonDocument(text: string, options: AdapterOptions): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError("malformed", `The JSON could not be parsed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!isObject(doc)) throw new FeedParseError("unsupported-format", "The JSON is not an object.");
  const format = jsonFeedFormat(doc.version);
  if (format !== undefined) return withUsableJsonItems(doc, parseJsonFeed(doc, format, options));
  // Lenient: a JSON Feed that forgot its version is still recognizable by its items.
  if (doc.version === undefined && Array.isArray(doc.items)) {
    options.warnings.push('The JSON has no "version"; read as JSON Feed 1.1.');
    return withUsableJsonItems(doc, parseJsonFeed(doc, "json1.1", options));
  }
  throw new FeedParseError(
    "unsupported-format",
    'The JSON is not a JSON Feed: "version" must be "https://jsonfeed.org/version/1.1" (or 1).',
  );
}

// Where a feed starts when something precedes it: the XML declaration or a feed root element.
const FEED_START = /<\?xml\s|<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>]/;

/**
 * Text before the XML declaration (a PHP notice, a stray line of output, whitespace) is dropped
 * with a warning when a feed follows it in the first 64 KB; anything else is left to detection.
 */
function withoutLeadingJunk(text: string, warnings: string[]): string {
  const start = text.trimStart();
  if (start.startsWith("<") || start.startsWith("{") || start === "") return text;
  const at = text.slice(0, 64 * 1024).search(FEED_START);
  if (at < 0) return text;
  warnings.push(`Dropped ${at} characters of text before the XML document.`);
  return text.slice(at);
}

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document into the common
 * model, items in document order. The format comes from the bytes (BOM, XML declaration, root
 * element, JSON version), never from Content-Type. Throws FeedParseError for hopeless input;
 * everything recoverable is reported in `warnings`.
 */
export function parseFeed(body: string | Uint8Array, options: ParseFeedOptions = {}): ParsedFeed {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  // For a string the UTF-16 length is a close enough (and cheap) stand-in for its byte size.
  if (body.length > maxBytes) {
    throw new FeedParseError(
      "too-large",
      `The body is ${body.length} bytes; at most ${maxBytes} are accepted.`,
    );
  }
  if (body.length === 0)
    throw new FeedParseError("empty", "The body is empty; send the feed document itself.");
  const decoded = decodeBody(body, options.contentType);
  const adapterOptions: AdapterOptions = { url: options.url, warnings: decoded.warnings };
  const text = withoutLeadingJunk(decoded.text, decoded.warnings);
  const kind = detectDocumentKind(text);
  return kind === "json" ? parseJsonDocument(text, adapterOptions) : parseXmlFeed(text, adapterOptions);
}
