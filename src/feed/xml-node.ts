import { decodeEntities, escapeHtml } from "./entities";

/** Helpers that read fast-xml-parser's object tree tolerantly: missing or odd shapes → undefined/[]. */

/** An element as fast-xml-parser shapes it: "@_attr" keys, "#text", child elements by name. */
export type XmlNode = { [key: string]: unknown };

/** A child that appears once is an object or string, several times an array; this evens that out. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function asNode(value: unknown): XmlNode | undefined {
  if (typeof value === "string") return { "#text": value };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as XmlNode;
  return undefined;
}

/** All child elements called `name`, as nodes (text-only children become {"#text": …}). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    const n = asNode(value);
    return n ? [n] : [];
  }
  const out: XmlNode[] = [];
  for (const v of value) {
    const n = asNode(v);
    if (n) out.push(n);
  }
  return out;
}

/** The first child element called `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  if (!Array.isArray(value)) return asNode(value);
  for (const v of value) {
    const n = asNode(v);
    if (n) return n;
  }
  return undefined;
}

/** An attribute's value, trimmed; undefined when absent or blank. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The (already entity-decoded) text of an ordinary element; undefined when blank. */
export function nodeText(node: XmlNode | undefined): string | undefined {
  return trimmedText(node?.["#text"]);
}

function trimmedText(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The text of a child as fast-xml-parser gives it: a string, or a node with "#text". */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return trimmedText(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    return trimmedText((value as XmlNode)["#text"]);
  return undefined;
}

/** The text of the first child `name` that has any. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  if (!Array.isArray(value)) return textOf(value);
  for (const v of value) {
    const text = textOf(v);
    if (text !== undefined) return text;
  }
  return undefined;
}

const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";

/**
 * text.indexOf("<![CDATA[", from), searched for as "CDATA[": V8 finds a pattern of up to six
 * characters by a fast scan for its first one, and a longer one starting with "<" was several
 * times slower through markup, which has a "<" every few characters.
 */
export function indexOfCdataOpen(text: string, from = 0): number {
  for (let at = text.indexOf("CDATA[", from + 3); at >= 0; at = text.indexOf("CDATA[", at + 6)) {
    if (text.startsWith("<![", at - 3)) return at - 3;
  }
  return -1;
}

/** Splits raw element content into text runs and CDATA sections, with indexOf (linear). */
function splitCdata(raw: string): { text: string; cdata: boolean }[] {
  const parts: { text: string; cdata: boolean }[] = [];
  let at = 0;
  while (at < raw.length) {
    const open = indexOfCdataOpen(raw, at);
    if (open < 0) break;
    const close = raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    if (close < 0) break;
    parts.push({ text: raw.slice(at, open), cdata: false });
    parts.push({ text: raw.slice(open + CDATA_OPEN.length, close), cdata: true });
    at = close + CDATA_CLOSE.length;
  }
  parts.push({ text: raw.slice(at), cdata: false });
  return parts;
}

/** Whether `text` holds "<" before a letter, "/" or "!" (an inline tag, comment or CDATA). */
function hasInlineTag(text: string): boolean {
  for (let lt = text.indexOf("<"); lt >= 0; lt = text.indexOf("<", lt + 1)) {
    const c = text.charCodeAt(lt + 1);
    const lower = c | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || c === 0x2f || c === 0x21) return true;
  }
  return false;
}

/**
 * The content of a raw-markup element (title, description, content, summary… see xml.ts) as
 * HTML-or-text: CDATA sections unwrapped, entities decoded. When the element holds literal
 * child elements (Atom xhtml, or the unescaped HTML many RSS descriptions carry), the markup is
 * already HTML, so it is kept as written and CDATA inside it is escaped into text.
 */
export function markupText(node: XmlNode | undefined): string | undefined {
  return rawMarkupText(node?.["#text"]);
}

function rawMarkupText(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  let text: string;
  const open = indexOfCdataOpen(raw);
  if (open < 0) {
    // The common cases: escaped HTML, or literal child elements kept as written.
    text = hasInlineTag(raw) ? raw : decodeEntities(raw);
  } else if (isOneCdataSection(raw, open)) {
    // The other common case: one CDATA section and white space around it, taken as it is.
    text = raw.slice(open + CDATA_OPEN.length, raw.length - trailingSpace(raw) - CDATA_CLOSE.length);
  } else {
    const parts = splitCdata(raw);
    const inlineMarkup = parts.some((p) => !p.cdata && hasInlineTag(p.text));
    text = "";
    for (const p of parts) {
      if (inlineMarkup) text += p.cdata ? escapeHtml(p.text) : p.text;
      else text += p.cdata ? p.text : decodeEntities(p.text);
    }
  }
  text = text.trim();
  return text === "" ? undefined : text;
}

// String.prototype.trim's white space (WhiteSpace and LineTerminator).
function isTrimmedSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c >= 0xa0 && String.fromCharCode(c).trim() === "";
}

/** How many characters of white space `text` ends with. */
function trailingSpace(text: string): number {
  let end = text.length;
  while (end > 0 && isTrimmedSpace(text.charCodeAt(end - 1))) end--;
  return text.length - end;
}

/** Whether `raw` is one CDATA section, opening at `open`, with only white space around it. */
function isOneCdataSection(raw: string, open: number): boolean {
  for (let i = 0; i < open; i++) if (!isTrimmedSpace(raw.charCodeAt(i))) return false;
  const close = raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
  return close >= 0 && close === raw.length - trailingSpace(raw) - CDATA_CLOSE.length;
}

/** markupText of the first child `name` that has any. */
export function childMarkup(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  if (!Array.isArray(value)) return markupOf(value);
  for (const v of value) {
    const text = markupOf(v);
    if (text !== undefined) return text;
  }
  return undefined;
}

function markupOf(value: unknown): string | undefined {
  if (typeof value === "string") return rawMarkupText(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    return rawMarkupText((value as XmlNode)["#text"]);
  return undefined;
}
