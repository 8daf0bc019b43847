/**
 * A fast path for the common, plainly well-formed feed: builds exactly the tree fast-xml-parser
 * builds with xml.ts's options (attributes as "@_name", text as "#text", repeated children as
 * arrays, raw-markup elements kept as raw text, text trimmed and entity-decoded, CDATA kept as
 * written), in one indexOf-driven pass. Anything outside that plain subset (a DOCTYPE,
 * unquoted or repeated attributes, a stray "<", mismatched or missing end tags, deep nesting,
 * nested raw-markup elements of one name) returns undefined, and the document goes to
 * fast-xml-parser with its repairs and limits. test/unit/feed/xml-fast.test.ts compares the two
 * trees on our fixtures and on mutated documents.
 */

import type { XmlNode } from "./xml-node";

/** What the fast path needs from xml.ts: raw-markup names, tag renames, text decoding, limits. */
export interface FastXmlOptions {
  rawMarkupElements: ReadonlySet<string>;
  renameTag: (name: string) => string;
  decodeText: (text: string) => string;
  maxAttributes: number;
  maxDepth: number;
}

interface Frame {
  name: string;
  rawName: string;
  /** Created with the first child element: most elements hold text only. */
  node: XmlNode | undefined;
  children: number;
  text: string | undefined;
  attributes: XmlNode | undefined;
}

const NAME_START = /[A-Za-z_]/;
// Element and attribute names: what feeds use; anything else goes to the full parser.
const FORBIDDEN_NAMES = new Set(["__proto__", "constructor", "prototype"]);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isNameStart(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || c === 0x5f;
}

/** [\w.:-] */
function isNameChar(c: number): boolean {
  const lower = c | 0x20;
  return (
    (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2e || c === 0x2d
  );
}

// Names read so far, by a hash of their characters: a feed repeats a few dozen names thousands
// of times, and handing the same string back spares a slice and, as a property key, the lookup
// that makes a fresh string a key. Collisions only cost a slice.
const NAME_TABLE_SIZE = 512;
const nameTable: (string | undefined)[] = new Array(NAME_TABLE_SIZE).fill(undefined);

/** The name ([A-Za-z_][\w.:-]*) at `at`, or undefined when there is none or it is refused. */
function nameAt(xml: string, at: number): string | undefined {
  let c = xml.charCodeAt(at);
  if (!isNameStart(c)) return undefined;
  let hash = c;
  let i = at + 1;
  for (; i < xml.length; i++) {
    c = xml.charCodeAt(i);
    if (!isNameChar(c)) break;
    hash = (hash * 31 + c) | 0;
  }
  const length = i - at;
  const slot = (hash ^ (hash >>> 9) ^ length) & (NAME_TABLE_SIZE - 1);
  const known = nameTable[slot];
  if (known !== undefined && known.length === length && xml.startsWith(known, at)) return known;
  const name = xml.slice(at, i);
  if (FORBIDDEN_NAMES.has(name)) return undefined;
  nameTable[slot] = name;
  return name;
}

function nodeOf(frame: Frame): XmlNode {
  frame.node ??= {};
  return frame.node;
}

function addChild(parent: Frame, name: string, value: unknown): void {
  const node = nodeOf(parent);
  const existing = node[name];
  if (existing !== undefined && Object.hasOwn(node, name)) {
    if (Array.isArray(existing)) existing.push(value);
    else node[name] = [existing, value];
  } else node[name] = value;
  parent.children++;
}

function addText(frame: Frame, piece: string): void {
  frame.text = frame.text === undefined ? piece : frame.text + piece;
}

/** An element's value as fast-xml-parser shapes it: "", a string, or an object. */
function elementValue(frame: Frame): unknown {
  const hasText = frame.text !== undefined && frame.text.length > 0;
  if (frame.children === 0 && frame.attributes === undefined) return hasText ? frame.text : "";
  const node = nodeOf(frame);
  if (hasText) node["#text"] = frame.text;
  if (frame.attributes !== undefined) return Object.assign(node, frame.attributes);
  return node;
}

// What readTag read last (one scratch record: parseXmlFast is synchronous and not re-entrant).
const tagRead = { end: 0, selfClosing: false, attributes: undefined as XmlNode | undefined };

/**
 * Reads attributes from `at` to the tag's end into tagRead (index after ">", self-closing,
 * attributes or undefined); false when the tag is outside the plain subset.
 */
function readTag(xml: string, at: number, options: FastXmlOptions): boolean {
  let i = at;
  let attributes: XmlNode | undefined;
  let count = 0;
  for (;;) {
    const start = i;
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    const c = xml.charCodeAt(i);
    if (c === 0x3e || (c === 0x2f && xml.charCodeAt(i + 1) === 0x3e)) {
      tagRead.end = c === 0x3e ? i + 1 : i + 2;
      tagRead.selfClosing = c === 0x2f;
      tagRead.attributes = attributes;
      return true;
    }
    // Attributes are separated by white space.
    if (c === 0x2f || i === start) return false;
    const name = nameAt(xml, i);
    if (name === undefined) return false;
    i += name.length;
    while (isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 0x3d) return false;
    i++;
    while (isSpace(xml.charCodeAt(i))) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) return false;
    const close = xml.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (close < 0) return false;
    const raw = xml.slice(i + 1, close);
    if (raw.includes("<") || raw.includes(">")) return false;
    attributes ??= {};
    const key = `@_${name}`;
    if (Object.hasOwn(attributes, key) || ++count > options.maxAttributes) return false;
    attributes[key] = options.decodeText(raw.trim());
    i = close + 1;
  }
}

/** The index of the ">" that ends the tag opened at `lt`, quoted values skipped; -1 at the end. */
function tagEnd(xml: string, lt: number): number {
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      i = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (c === 0x3e) return i;
  }
  return -1;
}

/** Whether xml[from, gt) is `rawName` with only white space around it. */
function endsRaw(xml: string, from: number, gt: number, rawName: string): boolean {
  if (xml.startsWith(rawName, from)) {
    let i = from + rawName.length;
    while (i < gt && isTrimmedSpace(xml.charCodeAt(i))) i++;
    if (i === gt) return true;
  }
  return xml.slice(from, gt).trim() === rawName;
}

/**
 * The raw content of a raw-markup element whose start tag ends at `from`, and the index after
 * its end tag, found the way fast-xml-parser's stop-node scan finds it (comments and CDATA
 * skipped whole, other tags skipped to their ">"); undefined where that scan would count a
 * nested element of the same name, or read leniently.
 */
function rawContent(xml: string, rawName: string, from: number): [string, number] | undefined {
  let i = from;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return undefined;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x21 && xml.charCodeAt(lt + 2) === 0x5b) {
      // Any "<![" runs to "]]>" for fast-xml-parser's scan, "<![CDATA[" or not.
      const close = xml.indexOf("]]>", lt);
      if (close < 0) return undefined;
      i = close + 3;
    } else if (c === 0x21 && xml.startsWith("<!--", lt)) {
      const close = xml.indexOf("-->", lt + 3);
      if (close < 0) return undefined;
      i = close + 3;
    } else if (c === 0x2f) {
      const gt = xml.indexOf(">", lt);
      if (gt < 0) return undefined;
      if (endsRaw(xml, lt + 2, gt, rawName)) return [xml.slice(from, lt), gt + 1];
      i = gt + 1;
    } else if (c === 0x3f) {
      return undefined;
    } else {
      const gt = tagEnd(xml, lt);
      if (gt < 0) return undefined;
      const expression = xml.slice(lt + 1, gt);
      const space = expression.search(/\s/);
      const name = space < 0 ? expression : expression.slice(0, space);
      if (name === rawName && !expression.endsWith("/")) return undefined;
      i = gt + 1;
    }
  }
}

/** The index of the "?>" that ends the processing instruction at `lt`, quotes skipped; or -1. */
function piEnd(xml: string, lt: number): number {
  for (let i = lt + 2; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      i = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (c === 0x3f && xml.charCodeAt(i + 1) === 0x3e) return i;
  }
  return -1;
}

/** Skips white space, comments and processing instructions from `at`; -1 when something else is odd. */
function skipMisc(xml: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    if (xml.startsWith("<?", i)) {
      // A processing instruction must name its target ("<?>xml …" does not): odd ones go to the
      // full parser, which has its own way of reading them.
      if (!NAME_START.test(xml.charAt(i + 2))) return -1;
      // Quoted values skipped, as fast-xml-parser reads the declaration's attributes.
      const close = piEnd(xml, i);
      if (close < 0) return -1;
      i = close + 2;
    } else if (xml.startsWith("<!--", i)) {
      const close = xml.indexOf("-->", i + 4);
      if (close < 0) return -1;
      i = close + 3;
    } else return i;
  }
}

// String.prototype.trim's white space (WhiteSpace and LineTerminator), which the text of an
// element loses at both ends as fast-xml-parser's trimValues does.
function isTrimmedSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c >= 0xa0 && String.fromCharCode(c).trim() === "";
}

/** The text between `start` and `end` trimmed, entity-decoded; undefined when it is all space. */
function textBetween(xml: string, start: number, end: number, options: FastXmlOptions): string | undefined {
  let from = start;
  let to = end;
  while (from < to && isTrimmedSpace(xml.charCodeAt(from))) from++;
  while (to > from && isTrimmedSpace(xml.charCodeAt(to - 1))) to--;
  return from === to ? undefined : options.decodeText(xml.slice(from, to));
}

/** The fast-xml-parser tree of `input`, or undefined when the full parser must read it. */
export function parseXmlFast(input: string, options: FastXmlOptions): XmlNode | undefined {
  // fast-xml-parser normalizes line ends first (XML 1.0 §2.11).
  const xml = input.includes("\r") ? input.replace(/\r\n?/g, "\n") : input;
  let i = skipMisc(xml, 0);
  if (i < 0 || xml.charCodeAt(i) !== 0x3c || !NAME_START.test(xml.charAt(i + 1))) return undefined;
  const top: Frame = { name: "", rawName: "", node: {}, children: 0, text: undefined, attributes: undefined };
  const stack: Frame[] = [top];
  let textStart = i;
  // Text of the current element read so far across comments (fast-xml-parser joins it).
  let pending = "";
  while (stack.length > 1 || top.children === 0) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return undefined;
    const frame = stack[stack.length - 1]!;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x21 && xml.startsWith("<!--", lt)) {
      const close = xml.indexOf("-->", lt + 4);
      if (close < 0) return undefined;
      pending += xml.slice(textStart, lt);
      i = textStart = close + 3;
      continue;
    }
    if (stack.length > 1) {
      if (pending !== "") {
        const trimmed = (pending + xml.slice(textStart, lt)).trim();
        if (trimmed.length > 0) addText(frame, options.decodeText(trimmed));
        pending = "";
      } else if (lt > textStart) {
        const text = textBetween(xml, textStart, lt, options);
        if (text !== undefined) addText(frame, text);
      }
    } else pending = "";
    if (c === 0x21) {
      if (!xml.startsWith("<![CDATA[", lt) || stack.length === 1) return undefined;
      const close = xml.indexOf("]]>", lt + 9);
      if (close < 0) return undefined;
      addText(frame, xml.slice(lt + 9, close));
      i = textStart = close + 3;
    } else if (c === 0x2f) {
      if (stack.length === 1) return undefined;
      // The end tag of the open element, as it was written; any other name is looked at closely.
      let j = lt + 2 + frame.rawName.length;
      if (!xml.startsWith(frame.rawName, lt + 2) || isNameChar(xml.charCodeAt(j))) {
        const rawName = nameAt(xml, lt + 2);
        if (rawName === undefined || options.renameTag(rawName) !== frame.name) return undefined;
        j = lt + 2 + rawName.length;
      }
      while (isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 0x3e) return undefined;
      stack.pop();
      addChild(stack[stack.length - 1]!, frame.name, elementValue(frame));
      i = textStart = j + 1;
    } else {
      const rawName = nameAt(xml, lt + 1);
      // Near the depth limit the full parser decides (and refuses).
      if (rawName === undefined || stack.length >= options.maxDepth - 2) return undefined;
      if (!readTag(xml, lt + 1 + rawName.length, options)) return undefined;
      const end = tagRead.end;
      const name = options.renameTag(rawName);
      const element: Frame = {
        name,
        rawName,
        node: undefined,
        children: 0,
        text: undefined,
        attributes: tagRead.attributes,
      };
      if (tagRead.selfClosing) {
        addChild(frame, name, elementValue(element));
        i = textStart = end;
      } else if (stack.length > 1 && options.rawMarkupElements.has(name)) {
        const content = rawContent(xml, rawName, end);
        if (content === undefined) return undefined;
        element.text = content[0];
        addChild(frame, name, elementValue(element));
        i = textStart = content[1];
      } else {
        stack.push(element);
        i = textStart = end;
      }
    }
  }
  return skipMisc(xml, i) === xml.length ? top.node : undefined;
}
