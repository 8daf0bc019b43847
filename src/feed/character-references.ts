/**
 * Character references in sanitized HTML text, made into ones every HTML5 parser reads without a
 * parse error (§13.2.5.72–80) and showing what a browser showed: a clean reference stays as
 * written; "&copy " (no ";") becomes "&copy;"; "&#0;", "&#x80;", "&#xD800;" become the character a
 * browser substitutes; an "&" that starts no reference, or an unknown "&name;", becomes "&amp;".
 */
import { HTML_NAMED_ENTITIES, WINDOWS_1252_C1 } from "./html-entity-table";
import { html5Entity } from "./html5-entity-table";

// Bounded quantifiers keep this linear; sticky, tried at each "&".
const REFERENCE_AT = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}))(;?)/y;

const XML_NAMES: ReadonlySet<string> = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** Code points a numeric reference may name without a parse error. */
function isCleanCodePoint(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0c) return true;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return false;
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
  return !((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe);
}

/** What a browser shows for an unclean numeric reference, escaped for HTML text. */
function browserCharacter(code: number): string {
  const mapped = WINDOWS_1252_C1[code] ?? code;
  if (!isCleanCodePoint(mapped)) return "\uFFFD";
  const c = String.fromCodePoint(mapped);
  return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c;
}

function isKnownName(name: string): boolean {
  return XML_NAMES.has(name) || Object.hasOwn(HTML_NAMED_ENTITIES, name) || html5Entity(name) !== undefined;
}

/**
 * Without ";", a browser still decodes the HTML 4 Latin-1 names and the XML ones (the "legacy"
 * references), in text.
 */
function isLegacyName(name: string): boolean {
  if (XML_NAMES.has(name) && name !== "apos") return true;
  const code = Object.hasOwn(HTML_NAMED_ENTITIES, name) ? HTML_NAMED_ENTITIES[name]! : 0;
  return code >= 0xa0 && code <= 0xff;
}

/**
 * The index after the "&amp;", "&lt;", "&gt;", "&quot;" or "&nbsp;" at `amp` (clean as written,
 * and nearly every named reference in sanitized text), or -1 for anything else.
 */
export function cleanEscapeEnd(text: string, amp: number): number {
  switch (text.charCodeAt(amp + 1)) {
    case 0x61:
      return text.startsWith("amp;", amp + 1) ? amp + 5 : -1;
    case 0x6c:
      return text.startsWith("lt;", amp + 1) ? amp + 4 : -1;
    case 0x67:
      return text.startsWith("gt;", amp + 1) ? amp + 4 : -1;
    case 0x71:
      return text.startsWith("quot;", amp + 1) ? amp + 6 : -1;
    case 0x6e:
      return text.startsWith("nbsp;", amp + 1) ? amp + 6 : -1;
    default:
      return -1;
  }
}

/**
 * The index after the numeric reference at `amp` when it stays as written ("&#8217;", "&#x2014;":
 * REFERENCE_AT's digits, a ";", a clean code point), read by hand; else -1. The digit loop is
 * entities.ts's numericReferenceAt again, on purpose: one function serving both callers measured
 * parse_vs_feedsmith_real_atom 1.35 → 1.20 (its call sites see different strings).
 */
export function cleanNumericEnd(text: string, amp: number): number {
  if (text.charCodeAt(amp + 1) !== 0x23) return -1;
  let i = amp + 2;
  const hex = (text.charCodeAt(i) | 0x20) === 0x78;
  if (hex) i++;
  const start = i;
  const max = start + (hex ? 7 : 8);
  let code = 0;
  for (; i < max; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 0x20;
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
    if (digit < 0) break;
    code = code * (hex ? 16 : 10) + digit;
  }
  return i > start && text.charCodeAt(i) === 0x3b && isCleanCodePoint(code) ? i + 1 : -1;
}

/** The text with every character reference clean (see the module comment). */
export function cleanCharacterReferences(text: string): string {
  let amp = text.indexOf("&");
  if (amp < 0) return text;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const escapeEnd = cleanEscapeEnd(text, amp);
    if (escapeEnd >= 0) {
      amp = text.indexOf("&", escapeEnd);
      continue;
    }
    const numericEnd = cleanNumericEnd(text, amp);
    if (numericEnd >= 0) {
      amp = text.indexOf("&", numericEnd);
      continue;
    }
    REFERENCE_AT.lastIndex = amp;
    const m = REFERENCE_AT.exec(text);
    let replacement = "&amp;";
    let end = amp + 1;
    if (m !== null) {
      const [whole, dec, hex, name, semicolon] = m;
      if (name === undefined) {
        const code = Number.parseInt(dec ?? hex!, dec === undefined ? 16 : 10);
        end = amp + whole.length;
        replacement = semicolon === ";" && isCleanCodePoint(code) ? whole : browserCharacter(code);
      } else if (semicolon === ";" ? isKnownName(name) : isLegacyName(name)) {
        end = amp + whole.length;
        replacement = `&${name};`;
      }
    }
    if (replacement !== text.slice(amp, end)) {
      out += text.slice(from, amp) + replacement;
      from = end;
    }
    amp = text.indexOf("&", end);
  }
  return from === 0 ? text : out + text.slice(from);
}
