import { type X2jOptions, XMLParser } from "fast-xml-parser";
import { decodeEntities } from "./entities";
import { FeedParseError } from "./feed-parse-error";

/** An element as fast-xml-parser shapes it: "@_attr" keys, "#text", child elements by name. */
export type XmlNode = { [key: string]: unknown };

/**
 * Elements whose inner markup is kept raw (see markupText in xml-node.ts). Atom's
 * type="xhtml" needs the inner div serialized back, and many RSS feeds put unescaped HTML
 * in description; a parsed object tree would lose the order of mixed content.
 */
const RAW_MARKUP_ELEMENTS = [
  "title",
  "subtitle",
  "tagline",
  "summary",
  "content",
  "description",
  "content:encoded",
];

// The prefixes adapters look for, by namespace URI. Feeds are free to choose other prefixes
// (FeedBurner writes "atom10:link"), so tag names are rewritten to these before adapters see them.
const CANONICAL_PREFIXES: Readonly<Record<string, string>> = {
  "http://www.w3.org/2005/atom": "atom",
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://search.yahoo.com/mrss/": "media",
  "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
};

/**
 * Entity decoding is ours: XML and HTML 4 names plus numeric references, and no entities
 * declared in a DOCTYPE at all. Refusing internal-subset entities is what makes a
 * "billion laughs" document harmless; no feed needs them.
 */
const entityDecoder: NonNullable<X2jOptions["entityDecoder"]> = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: decodeEntities,
};

// The rename map of the document being parsed. parse() is synchronous, so the one shared
// parser instance can read it from here without any interleaving.
let activeRenames: ReadonlyMap<string, string> = new Map();

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  allowBooleanAttributes: true,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder,
  stopNodes: RAW_MARKUP_ELEMENTS.map((name) => `*.${name}`),
  // Feeds are shallow; deep nesting only comes from hostile or broken documents.
  maxNestedTags: 64,
  transformTagName: (name) => (activeRenames.size === 0 ? name : renamePrefix(name, activeRenames)),
  jPath: true,
});

function renamePrefix(name: string, renames: ReadonlyMap<string, string>): string {
  const colon = name.indexOf(":");
  if (colon < 0) return name;
  const renamed = renames.get(name.slice(0, colon));
  if (renamed === undefined) return name;
  return renamed === "" ? name.slice(colon + 1) : `${renamed}:${name.slice(colon + 1)}`;
}

const ROOT_TAG = /<([A-Za-z_][\w.-]*(?::[\w.-]+)?)([^>]{0,20000})>/;
const XMLNS_ATTR = /xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g;

/** Prefix renames from the root element's xmlns declarations (where feeds declare them). */
function prefixRenamesOf(xml: string): Map<string, string> {
  const renames = new Map<string, string>();
  const start = xml.search(/<[A-Za-z_]/);
  const root = start < 0 ? null : ROOT_TAG.exec(xml.slice(start, start + 20100));
  if (!root) return renames;
  const rootPrefix = root[1]!.includes(":") ? root[1]!.split(":")[0] : undefined;
  for (const m of root[2]!.matchAll(XMLNS_ATTR)) {
    const prefix = m[1]!;
    const uri = m[2]!.trim().toLowerCase();
    const canonical = Object.hasOwn(CANONICAL_PREFIXES, uri) ? CANONICAL_PREFIXES[uri] : undefined;
    // <atom:feed xmlns:atom="…"> is plain Atom written with a prefix.
    if (prefix === rootPrefix && canonical === "atom") renames.set(prefix, "");
    else if (canonical !== undefined && canonical !== prefix) renames.set(prefix, canonical);
  }
  return renames;
}

/**
 * Parses an XML document into a plain object tree (see XmlNode). Throws FeedParseError
 * "malformed" when fast-xml-parser gives up.
 */
export function parseXml(xml: string): XmlNode {
  activeRenames = prefixRenamesOf(xml);
  try {
    return xmlParser.parse(xml) as XmlNode;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError("malformed", `The XML could not be parsed: ${reason}`, { cause: error });
  } finally {
    activeRenames = new Map();
  }
}
