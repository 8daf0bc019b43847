/**
 * What is not well-formed but read anyway, one warning per kind (feedparser's "bozo"): bare
 * ampersands and entities XML does not declare. Markup escaped inside CDATA is exempt.
 */

import { indexOfCdataOpen } from "./xml-node";

const XML_NAMES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const CDATA_OPEN = "<![CDATA[";

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  const lower = c | 0x20;
  return isDigit(c) || (lower >= 0x61 && lower <= 0x66);
}

function isNameStart(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c) || c === 0x2e || c === 0x2d;
}

/** Whether a well-formed numeric reference ("&#8212;", "&#x2014;") starts at `amp`. */
function isNumericReference(xml: string, amp: number): boolean {
  let i = amp + 2;
  const hex = (xml.charCodeAt(i) | 0x20) === 0x78;
  if (hex) i++;
  const start = i;
  const max = start + (hex ? 7 : 8);
  while (i < max && (hex ? isHexDigit(xml.charCodeAt(i)) : isDigit(xml.charCodeAt(i)))) i++;
  return i > start && xml.charCodeAt(i) === 0x3b;
}

/**
 * The reference at `amp` ("&" in `xml`): "" for a numeric one ("&#8212;", "&#x2014;"), its name
 * for a named one ("&eacute;"), undefined when it is no reference (a bare "&"). Same bounds as
 * the parser's: 8 decimal or 7 hex digits, names of at most 64 characters, ";" required.
 */
function referenceAt(xml: string, amp: number): string | undefined {
  const c = xml.charCodeAt(amp + 1);
  if (c === 0x23) return isNumericReference(xml, amp) ? "" : undefined;
  if (!isNameStart(c)) return undefined;
  // The references every feed is full of, without slicing them out.
  if (xml.startsWith("amp;", amp + 1) || xml.startsWith("lt;", amp + 1) || xml.startsWith("gt;", amp + 1))
    return "amp";
  let i = amp + 2;
  const max = amp + 65;
  while (i < max && isNameChar(xml.charCodeAt(i))) i++;
  return xml.charCodeAt(i) === 0x3b ? xml.slice(amp + 1, i) : undefined;
}

/**
 * Whether the "&" at `amp` starts "&lt;", "&gt;", "&amp;", "&quot;" or a well-formed numeric
 * reference: none of them is a quirk, and feeds hold them by the thousand.
 */
function isCommonEscape(xml: string, amp: number): boolean {
  switch (xml.charCodeAt(amp + 1)) {
    case 0x23:
      return isNumericReference(xml, amp);
    case 0x6c:
      return xml.startsWith("lt;", amp + 1);
    case 0x67:
      return xml.startsWith("gt;", amp + 1);
    case 0x61:
      return xml.startsWith("amp;", amp + 1);
    case 0x71:
      return xml.startsWith("quot;", amp + 1);
    default:
      return false;
  }
}

/**
 * The next "&" at or after `from` that is not one of the above, or -1. An
 * indexOf loop: the regex engine's scan for "&" was ten times slower on feed-sized documents.
 */
function nextUnusual(xml: string, from: number): number {
  let amp = xml.indexOf("&", from);
  while (amp >= 0 && isCommonEscape(xml, amp)) amp = xml.indexOf("&", amp + 1);
  return amp;
}

/** The warnings for `xml`'s quirks (see the module comment); one pass over its "&"s. */
export function quirksOf(xml: string, declared: ReadonlyMap<string, string>): string[] {
  let amp = nextUnusual(xml, 0);
  if (amp < 0) return [];
  let bare = false;
  const undeclared = new Set<string>();
  let cdata = indexOfCdataOpen(xml);
  while (amp >= 0 && !(bare && undeclared.size >= 5)) {
    if (cdata >= 0 && cdata < amp) {
      const close = xml.indexOf("]]>", cdata + CDATA_OPEN.length);
      if (close < 0) {
        // An unterminated section exempts nothing.
        cdata = -1;
      } else {
        if (amp < close + 3) amp = nextUnusual(xml, close + 3);
        cdata = indexOfCdataOpen(xml, close + 3);
        continue;
      }
    }
    const name = referenceAt(xml, amp);
    if (name === undefined) bare = true;
    else if (name !== "" && undeclared.size < 5 && !XML_NAMES.has(name) && !declared.has(name))
      undeclared.add(name);
    amp = nextUnusual(xml, amp + 1);
  }
  const warnings: string[] = [];
  if (bare) warnings.push('Unescaped "&" in the XML; read as a literal ampersand.');
  if (undeclared.size > 0) {
    const names = [...undeclared].map((n) => `&${n};`).join(", ");
    warnings.push(`Entities XML does not declare (${names}); read as HTML character references.`);
  }
  return warnings;
}
