import type { X2jOptions } from "fast-xml-parser";
import { decodeEntities } from "./entities";
import { refuseHostileEntities } from "./entity-guard";
import { FeedParseError } from "./feed-parse-error";
import { parseXmlFast } from "./xml-fast";
import type { XmlNode } from "./xml-node";
import { guardedXmlParser, MAX_DECLARED_ENTITY_LENGTH, MAX_NESTING_DEPTH } from "./xml-parser";
import { quirksOf } from "./xml-quirks";

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
  "body",
  "xhtml:body",
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
  "http://search.yahoo.com/mrss": "media",
  "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
  "http://www.w3.org/1999/xhtml": "xhtml",
  // RSS written with a prefix (<rss:item>, <r:channel>): the plain names adapters read.
  "http://purl.org/rss/1.0/": "",
  "http://backend.userland.com/rss2": "",
  "http://backend.userland.com/rss": "",
  "http://my.netscape.com/rdf/simple/0.9/": "",
};

/** Total text that declared entities may expand to in one document (quadratic-blowup guard). */
const MAX_ENTITY_EXPANSION = 1024 * 1024;
/** Attributes on one element; real feeds use a handful. */
export const MAX_ATTRIBUTES_PER_ELEMENT = 256;

/** Per-document state of the one shared parser. parse() is synchronous, so nothing interleaves. */
interface ParseState {
  renames: ReadonlyMap<string, string>;
  declared: Map<string, string>;
  expanded: number;
}
let state: ParseState = { renames: new Map(), declared: new Map(), expanded: 0 };

const DECLARED_REFERENCE = /&([A-Za-z_][\w.-]{0,63});/g;

function expandDeclared(text: string): string {
  return text.replace(DECLARED_REFERENCE, (whole, name: string) => {
    const value = state.declared.get(name);
    if (value === undefined) return whole;
    state.expanded += value.length;
    if (state.expanded > MAX_ENTITY_EXPANSION) {
      throw new FeedParseError(
        "entity-expansion",
        `The DOCTYPE's entities expand to more than ${MAX_ENTITY_EXPANSION} characters; refused.`,
      );
    }
    return value;
  });
}

/**
 * Entity decoding is ours: XML and HTML5 names plus numeric references, and internal-subset
 * entities only as plain text (fast-xml-parser drops declarations whose value holds a reference,
 * so a "billion laughs" chain never forms, and refuses SYSTEM/PUBLIC ones; the total expansion is
 * capped above). No entity is ever fetched.
 */
const entityDecoder: NonNullable<X2jOptions["entityDecoder"]> = {
  setExternalEntities: () => {},
  addInputEntities: (entities: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(entities)) {
      if (typeof value === "string" && value.length <= MAX_DECLARED_ENTITY_LENGTH)
        state.declared.set(name, value);
    }
  },
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text: string) => {
    if (!text.includes("&")) return text;
    return decodeEntities(state.declared.size === 0 ? text : expandDeclared(text));
  },
};

function tooManyAttributes(attrs: unknown): boolean {
  if (typeof attrs !== "object" || attrs === null) return false;
  let count = 0;
  for (const _ in attrs) if (++count > MAX_ATTRIBUTES_PER_ELEMENT) return true;
  return false;
}

const xmlParser = guardedXmlParser({
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  allowBooleanAttributes: true,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  entityDecoder,
  stopNodes: RAW_MARKUP_ELEMENTS.map((name) => `*.${name}`),
  transformTagName: (name) => (state.renames.size === 0 ? name : renamePrefix(name, state.renames)),
  updateTag: (tag, _jPath, attrs) => {
    if (tooManyAttributes(attrs)) {
      throw new FeedParseError(
        "malformed",
        `An element <${tag.slice(0, 40)}> has more than ${MAX_ATTRIBUTES_PER_ELEMENT} attributes; refused.`,
      );
    }
    return tag;
  },
  // Callbacks here never read the path; building its string per node costs time.
  jPath: false,
});

function renamePrefix(name: string, renames: ReadonlyMap<string, string>): string {
  const colon = name.indexOf(":");
  if (colon < 0) return name;
  const renamed = renames.get(name.slice(0, colon));
  if (renamed === undefined) return name;
  return renamed === "" ? name.slice(colon + 1) : `${renamed}:${name.slice(colon + 1)}`;
}

const TAG_NAME = /[A-Za-z_][\w.-]*(?::[\w.-]+)?/y;
const XMLNS_ATTR = /xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g;
/** How far the root's start tag is looked for, and how long its attributes may be. */
const ROOT_SEARCH = 20100;
const MAX_ROOT_ATTRIBUTES = 20000;

/**
 * The first start tag at or after `from` within {@link ROOT_SEARCH} characters whose attributes
 * end with a ">" at most {@link MAX_ROOT_ATTRIBUTES} characters on. A scan rather than one
 * pattern: the bounded repeat such a pattern needs could not be proved linear, and retried at
 * every "<" it was quadratic. Here the next ">" is found once for all the tags before it.
 */
function rootTagOf(xml: string, from: number): { name: string; attributes: string } | undefined {
  const end = Math.min(xml.length, from + ROOT_SEARCH);
  let close = -1;
  for (let open = xml.indexOf("<", from); open >= 0 && open < end; open = xml.indexOf("<", open + 1)) {
    TAG_NAME.lastIndex = open + 1;
    const name = TAG_NAME.exec(xml)?.[0];
    if (name === undefined) continue;
    const nameEnd = open + 1 + name.length;
    if (nameEnd > end) return undefined;
    if (close < nameEnd) close = xml.indexOf(">", nameEnd);
    if (close < 0 || close >= end) return undefined;
    if (close - nameEnd <= MAX_ROOT_ATTRIBUTES) return { name, attributes: xml.slice(nameEnd, close) };
  }
  return undefined;
}

/** Prefix renames from the root element's xmlns declarations (where feeds declare them). */
function prefixRenamesOf(xml: string): Map<string, string> {
  const renames = new Map<string, string>();
  const start = xml.search(/<[A-Za-z_]/);
  const root = start < 0 ? undefined : rootTagOf(xml, start);
  if (!root) return renames;
  const rootPrefix = root.name.includes(":") ? root.name.split(":")[0] : undefined;
  for (const m of root.attributes.matchAll(XMLNS_ATTR)) {
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
 * The whole document's references to declared entities, counted where the parser does not expand
 * them too (raw markup elements): a few kilobytes referenced thousands of times is an attack.
 */
function refuseBlowup(xml: string, declared: ReadonlyMap<string, string>): void {
  let total = 0;
  for (const m of xml.matchAll(DECLARED_REFERENCE)) {
    total += declared.get(m[1]!)?.length ?? 0;
    if (total > MAX_ENTITY_EXPANSION) {
      throw new FeedParseError(
        "entity-expansion",
        `The DOCTYPE's entities expand to more than ${MAX_ENTITY_EXPANSION} characters; refused.`,
      );
    }
  }
}

const DOCTYPE_OPEN = /<!DOCTYPE/gi;
const DOCTYPE_LIMIT = /[[>]/g;
const SUBSET_CLOSE = /\]\s*>/g;

/**
 * The document without its first DOCTYPE declaration: "<!DOCTYPE", text up to "[" or ">", and
 * after a "[" everything up to the first "]" that only spaces separate from ">". A scan rather
 * than one pattern, which was quadratic on "<!DOCTYPE" repeated: declarations that share the same
 * "[" fail together, so each character is looked at a bounded number of times.
 */
function withoutDoctype(xml: string): string {
  DOCTYPE_OPEN.lastIndex = 0;
  let failedAt = -1;
  for (let open = DOCTYPE_OPEN.exec(xml); open; open = DOCTYPE_OPEN.exec(xml)) {
    if (open.index < failedAt) continue;
    DOCTYPE_LIMIT.lastIndex = open.index + open[0].length;
    const limit = DOCTYPE_LIMIT.exec(xml);
    if (!limit) return xml;
    if (limit[0] === ">") return xml.slice(0, open.index) + xml.slice(limit.index + 1);
    SUBSET_CLOSE.lastIndex = limit.index + 1;
    const subsetEnd = SUBSET_CLOSE.exec(xml);
    if (subsetEnd) return xml.slice(0, open.index) + xml.slice(subsetEnd.index + subsetEnd[0].length);
    failedAt = limit.index;
  }
  return xml;
}

interface Repair {
  fix: (xml: string) => string;
  warning: string;
}

// Repairs tried, all at once, when a document does not parse as written. Each is linear.
const REPAIRS: Repair[] = [
  {
    // "</rss" at the very end: the last ">" lost in transit.
    fix: (xml) => xml.replace(/(<\/[A-Za-z_][\w.:-]*)\s*$/, "$1>"),
    warning: "The last end tag has no closing '>'; added.",
  },
  {
    // "a < b" in text: a "<" that cannot start markup is a literal.
    fix: (xml) => xml.replace(/<(?=[\s\d=<&]|$)/g, "&lt;"),
    warning: 'A literal "<" in text; read as "&lt;".',
  },
  {
    // A DOCTYPE we refuse (external or parameter entities, too many entities): dropped whole.
    fix: withoutDoctype,
    warning: "The DOCTYPE was refused (external, parameter or too many entities) and ignored.",
  },
];

const RAW_MARKUP_SET: ReadonlySet<string> = new Set(RAW_MARKUP_ELEMENTS);
const NO_DECLARATIONS: ReadonlyMap<string, string> = new Map();

function parseOnce(
  xml: string,
  renames: ReadonlyMap<string, string>,
): { doc: XmlNode; declared: ReadonlyMap<string, string> } {
  // A DOCTYPE (declared entities, their limits) and anything unusual take the full parser.
  const doc = fastTree(xml, renames);
  if (doc !== undefined) return { doc, declared: NO_DECLARATIONS };
  return fullParse(xml, renames);
}

function fastTree(xml: string, renames: ReadonlyMap<string, string>): XmlNode | undefined {
  return parseXmlFast(xml, {
    rawMarkupElements: RAW_MARKUP_SET,
    renameTag: (name) => (renames.size === 0 ? name : renamePrefix(name, renames)),
    decodeText: decodeEntities,
    maxAttributes: MAX_ATTRIBUTES_PER_ELEMENT,
    maxDepth: MAX_NESTING_DEPTH,
  });
}

/**
 * Both parsers' trees for `xml`, undefined where one declines or refuses, so tests can check
 * that the fast path builds exactly what fast-xml-parser builds, and only where it builds one.
 */
export function parseXmlBothWays(xml: string): { fast: XmlNode | undefined; full: XmlNode | undefined } {
  const renames = prefixRenamesOf(xml);
  let full: XmlNode | undefined;
  try {
    full = fullParse(xml, renames).doc;
  } catch {
    full = undefined;
  }
  return { fast: fastTree(xml, renames), full };
}

function fullParse(
  xml: string,
  renames: ReadonlyMap<string, string>,
): { doc: XmlNode; declared: ReadonlyMap<string, string> } {
  state = { renames, declared: new Map(), expanded: 0 };
  try {
    return { doc: xmlParser.parse(xml) as XmlNode, declared: state.declared };
  } finally {
    state = { renames: new Map(), declared: new Map(), expanded: 0 };
  }
}

function failure(error: unknown): FeedParseError {
  if (error instanceof FeedParseError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new FeedParseError("malformed", `The XML could not be parsed: ${reason}`, { cause: error });
}

/**
 * Parses an XML document into a plain object tree (see XmlNode), with the text actually parsed
 * (repaired, when it had to be). Ill-formed but usable input is read leniently and noted in
 * `warnings`; throws FeedParseError "malformed" when even the
 * repaired document cannot be read.
 */
export function parseXml(xml: string, warnings: string[] = []): { tree: XmlNode; text: string } {
  refuseHostileEntities(xml);
  const renames = prefixRenamesOf(xml);
  let parsed: { doc: XmlNode; declared: ReadonlyMap<string, string> };
  try {
    parsed = parseOnce(xml, renames);
  } catch (error) {
    // Our own refusals (attribute counts, entity expansion) are final.
    if (error instanceof FeedParseError) throw error;
    let repaired = xml;
    const applied: string[] = [];
    for (const repair of REPAIRS) {
      const next = repair.fix(repaired);
      if (next !== repaired) applied.push(repair.warning);
      repaired = next;
    }
    if (applied.length === 0) throw failure(error);
    try {
      parsed = parseOnce(repaired, renames);
    } catch {
      throw failure(error);
    }
    warnings.push(...applied);
    xml = repaired;
  }
  if (parsed.declared.size > 0) refuseBlowup(xml, parsed.declared);
  warnings.push(...quirksOf(xml, parsed.declared));
  return { tree: parsed.doc, text: xml };
}
