import { HTML_NAMED_ENTITIES, WINDOWS_1252_C1 } from "./html-entity-table";
import { html5Entity } from "./html5-entity-table";

const XML_ENTITIES: Readonly<Record<string, number>> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };

// Bounded quantifiers and a mandatory ";" keep this linear on any input. Sticky: tried at each "&".
const ENTITY_AT = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y;
// HTML §13.2.5.72–80, in attribute values: numeric references need no ";" (a browser reads
// "&#106avascript:" as "javascript:"); named ones still do here.
const ATTRIBUTE_ENTITY_AT = /&(?:#(\d{1,8});?|#[xX]([0-9a-fA-F]{1,7});?|([A-Za-z][A-Za-z0-9]{0,31});)/y;

function fromCodePoint(code: number): string {
  const mapped = WINDOWS_1252_C1[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(mapped);
}

function decodeReference(whole: string, dec?: string, hex?: string, name?: string): string {
  if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
  if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
  // Own keys only: "&constructor;" must not find Object.prototype.constructor.
  if (Object.hasOwn(XML_ENTITIES, name!)) return String.fromCharCode(XML_ENTITIES[name!]!);
  // HTML 4's code points first: they differ from HTML5 only for &lang; and &rang;, and the
  // feeds that write HTML 4 names meant HTML 4's characters (feedparser agrees).
  if (Object.hasOwn(HTML_NAMED_ENTITIES, name!)) return String.fromCodePoint(HTML_NAMED_ENTITIES[name!]!);
  return html5Entity(name!) ?? whole;
}

/** The character the XML escape at `amp` stands for ("&lt;" → "<"), or "" when it is not one. */
function xmlEscapeAt(text: string, amp: number): string {
  switch (text.charCodeAt(amp + 1)) {
    case 0x6c:
      return text.startsWith("lt;", amp + 1) ? "<" : "";
    case 0x67:
      return text.startsWith("gt;", amp + 1) ? ">" : "";
    case 0x61:
      return text.startsWith("amp;", amp + 1) ? "&" : "";
    case 0x71:
      return text.startsWith("quot;", amp + 1) ? '"' : "";
    default:
      return "";
  }
}

/** Replaces each reference `pattern` (sticky) matches at an "&", left to right, once. */
function decodeWith(text: string, pattern: RegExp): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    // The four escapes that make up nearly all references in feeds, without the regex.
    const escaped = xmlEscapeAt(text, amp);
    let end = -1;
    let replacement = escaped;
    if (escaped !== "") end = amp + (escaped === "&" ? 5 : escaped === '"' ? 6 : 4);
    else {
      pattern.lastIndex = amp;
      const m = pattern.exec(text);
      if (m !== null) {
        replacement = decodeReference(m[0], m[1], m[2], m[3]);
        end = amp + m[0].length;
      }
    }
    if (end < 0) {
      amp = text.indexOf("&", amp + 1);
      continue;
    }
    // Two appends, not one of a joined pair: the pair would be a string of its own per reference.
    out += text.slice(from, amp);
    out += replacement;
    from = end;
    amp = text.indexOf("&", end);
  }
  return out + text.slice(from);
}

/**
 * Decodes XML and HTML5 character references once (numeric, hex, named). Unknown names
 * stay as written, so "AT&T;" style text is not mangled. Decoding once is deliberate:
 * "&amp;amp;" becomes "&amp;", which is what the document said.
 */
export function decodeEntities(text: string): string {
  // One indexOf-driven pass, also for escaped HTML (Atom type="html", RSS descriptions) that holds
  // thousands of "&lt;"/"&gt;" and nothing else: it beat four native replaceAll passes there.
  return decodeWith(text, ENTITY_AT);
}

/** decodeEntities as a browser decodes an HTML attribute value: numeric ";" optional. */
export function decodeAttributeEntities(text: string): string {
  return decodeWith(text, ATTRIBUTE_ENTITY_AT);
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}
