import type { AdapterOptions } from "./adapter-options";
import { parseAtom } from "./atom";
import { decodeBody } from "./decode";
import { detectDocumentKind } from "./detect-format";
import { FeedParseError } from "./feed-parse-error";
import { jsonFeedFormat, parseJsonFeed } from "./json-feed";
import type { ParsedFeed } from "./model";
import { parseRdf } from "./rdf";
import { parseRss } from "./rss";
import { parseXml, type XmlNode } from "./xml";

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

/** True when the text ends with the root's end tag (or is one empty root element), comments aside. */
function closesRoot(text: string, rootName: string): boolean {
  const tail = text
    .slice(-4096)
    .replace(/<!--[\s\S]*?-->/g, "")
    .trimEnd();
  if (tail.endsWith(`</${rootName}>`)) return true;
  // `<rss/>`, `</feed >`: the root's name is a plain XML name, safe inside a pattern.
  return new RegExp(`(</${rootName}\\s+>|<${rootName}(\\s[^<>]*)?/>)$`).test(tail);
}

function parseXmlFeed(text: string, options: AdapterOptions): ParsedFeed {
  const doc = parseXml(text);
  const rootName = Object.keys(doc).find((key) => !key.startsWith("?") && !key.startsWith("#"));
  if (rootName === undefined) throw new FeedParseError("malformed", "The XML has no root element.");
  // A feed with an empty root (<rss/>) parses to "", which still means "no items".
  const root = isObject(doc[rootName]) ? (doc[rootName] as XmlNode) : {};
  const localName = rootName.slice(rootName.indexOf(":") + 1);
  if (!closesRoot(text, rootName)) {
    // fast-xml-parser closes open elements at the end of input without a word; a cut-off
    // download must not pass for a complete feed.
    options.warnings.push(`The document ends before </${rootName}>: it looks truncated.`);
  }
  if (rootName === "rss") return parseRss(root, options);
  if (localName === "RDF") return parseRdf(root, options);
  if (localName === "feed") return parseAtom(root, options);
  if (localName === "html") throw new FeedParseError("not-a-feed", "This is an HTML page, not a feed.");
  throw new FeedParseError(
    "unsupported-format",
    `The XML root element is <${rootName}>; expected <rss>, <rdf:RDF> or <feed>.`,
  );
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
  if (format !== undefined) return parseJsonFeed(doc, format, options);
  // Lenient: a JSON Feed that forgot its version is still recognizable by its items.
  if (doc.version === undefined && Array.isArray(doc.items)) {
    options.warnings.push('The JSON has no "version"; read as JSON Feed 1.1.');
    return parseJsonFeed(doc, "json1.1", options);
  }
  throw new FeedParseError(
    "unsupported-format",
    'The JSON is not a JSON Feed: "version" must be "https://jsonfeed.org/version/1.1" (or 1).',
  );
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
  const kind = detectDocumentKind(decoded.text);
  return kind === "json"
    ? parseJsonDocument(decoded.text, adapterOptions)
    : parseXmlFeed(decoded.text, adapterOptions);
}
