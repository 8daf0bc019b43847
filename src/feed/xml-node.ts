import { decodeEntities, escapeHtml } from "./entities";
import type { XmlNode } from "./xml";

/** Helpers that read fast-xml-parser's object tree tolerantly: missing or odd shapes → undefined/[]. */

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
  if (!node) return [];
  return asArray(node[name]).flatMap((v): XmlNode[] => {
    const n = asNode(v);
    return n ? [n] : [];
  });
}

/** The first child element called `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
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
  const value = node?.["#text"];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The text of the first child `name`. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  for (const c of children(node, name)) {
    const text = nodeText(c);
    if (text !== undefined) return text;
  }
  return undefined;
}

const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";

/** Splits raw element content into text runs and CDATA sections, with indexOf (linear). */
function splitCdata(raw: string): { text: string; cdata: boolean }[] {
  const parts: { text: string; cdata: boolean }[] = [];
  let at = 0;
  while (at < raw.length) {
    const open = raw.indexOf(CDATA_OPEN, at);
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

const INLINE_TAG = /<[A-Za-z/!]/;

/**
 * The content of a raw-markup element (title, description, content, summary… see xml.ts) as
 * HTML-or-text: CDATA sections unwrapped, entities decoded. When the element holds literal
 * child elements (Atom xhtml, or the unescaped HTML many RSS descriptions carry), the markup is
 * already HTML, so it is kept as written and CDATA inside it is escaped into text.
 */
export function markupText(node: XmlNode | undefined): string | undefined {
  const raw = node?.["#text"];
  if (typeof raw !== "string") return undefined;
  const parts = splitCdata(raw);
  const inlineMarkup = parts.some((p) => !p.cdata && INLINE_TAG.test(p.text));
  const text = parts
    .map((p) => {
      if (inlineMarkup) return p.cdata ? escapeHtml(p.text) : p.text;
      return p.cdata ? p.text : decodeEntities(p.text);
    })
    .join("")
    .trim();
  return text === "" ? undefined : text;
}

/** markupText of the first child `name` that has any. */
export function childMarkup(node: XmlNode | undefined, name: string): string | undefined {
  for (const c of children(node, name)) {
    const text = markupText(c);
    if (text !== undefined) return text;
  }
  return undefined;
}
