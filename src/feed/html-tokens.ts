import { ALLOWED_ELEMENTS, NESTED_DROPPED, RAW_TEXT_DROPPED } from "./html-allowlist";

/**
 * The pieces of HTML tokenizing (HTML §13.2.5) the sanitizer needs: tag names, attributes with
 * quoted and unquoted values, comments and bogus comments, the end of raw-text elements. Each
 * reads forward from a given index, so one pass over a body stays linear.
 */

/** Attributes read per tag at most; the allowlists name fewer than ten per element. */
const MAX_ATTRIBUTES = 256;

/**
 * The tag readAttributes read last. The sanitizer is synchronous and not re-entrant, so one
 * scratch record serves every call without allocating per tag. `starts[k]` is where attribute k's
 * name begins; `plain` says the tag was written exactly as the sanitizer would write it back:
 * each attribute as ` name="value"` (one space, a lower-case name, double quotes), then ">".
 */
export const lastTag = {
  names: [] as string[],
  values: [] as string[],
  starts: [] as number[],
  count: 0,
  selfClosing: false,
  plain: true,
};

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

export function isAsciiLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

// Lower-case element names we act on, by first letter, and the dropped ones feeds write most
// (MathML, which one real feed writes tens of thousands of times, and HTML layout): most tags are
// found without slicing and lower-casing their name, and the name found is the table's own
// (interned) string.
const COMMON_DROPPED_ELEMENTS =
  "math semantics mrow mi mo mn ms mtext mspace msup msub msubsup mfrac msqrt mroot mstyle mtable mtr mtd munder mover munderover mpadded mphantom menclose svg path g font center section article header footer nav aside main input button form label wbr big tt strike del ins mark var kbd samp caption tfoot col colgroup details summary address dfn ruby rt rp embed param link meta";
const NAMES_BY_FIRST_LETTER: string[][] = [];
for (const name of [
  ...ALLOWED_ELEMENTS.keys(),
  ...RAW_TEXT_DROPPED,
  ...NESTED_DROPPED,
  ...COMMON_DROPPED_ELEMENTS.split(" "),
]) {
  const first = name.charCodeAt(0);
  NAMES_BY_FIRST_LETTER[first] ??= [];
  NAMES_BY_FIRST_LETTER[first].push(name);
}

// Attribute names by first letter, for the same reason: the allowed ones and those feeds write
// most (their values are dropped, but each name is compared against the allowlist).
const ATTRIBUTE_NAMES_BY_FIRST_LETTER: string[][] = [];
for (const name of new Set([
  ...[...ALLOWED_ELEMENTS.values()].flatMap((names) => [...names]),
  ..."class id style rel target loading decoding sizes lang dir align border name data-src display xmlns encoding mathvariant role aria-hidden valign cellpadding cellspacing frameborder allowfullscreen allow scope nowrap hspace vspace".split(
    " ",
  ),
])) {
  const first = name.charCodeAt(0);
  ATTRIBUTE_NAMES_BY_FIRST_LETTER[first] ??= [];
  ATTRIBUTE_NAMES_BY_FIRST_LETTER[first].push(name);
}

/** The attribute name written in html[start, end), lower-cased; clears lastTag.plain if it was not. */
function attributeNameOf(html: string, start: number, end: number): string {
  const candidates = ATTRIBUTE_NAMES_BY_FIRST_LETTER[html.charCodeAt(start)];
  if (candidates !== undefined) {
    for (const name of candidates) {
      if (name.length === end - start && html.startsWith(name, start)) return name;
    }
  }
  const written = html.slice(start, end);
  if (isLowerCaseAscii(html, start, end)) return written;
  const lower = written.toLowerCase();
  if (lower !== written) lastTag.plain = false;
  return lower;
}

/**
 * Whether html[start, end) is ASCII without upper-case letters, so that toLowerCase would return
 * it unchanged: a slice of a body with any non-Latin-1 character is a two-byte string, and
 * toLowerCase on one goes through the full Unicode case mapping, the dearest step of a tag with
 * an attribute we do not know ("itemprop", "data-…").
 */
function isLowerCaseAscii(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = html.charCodeAt(i);
    if (c >= 0x80 || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/** The element name written in html[start, end), lower-cased. */
export function tagNameOf(html: string, start: number, end: number): string {
  const candidates = NAMES_BY_FIRST_LETTER[html.charCodeAt(start)];
  if (candidates !== undefined) {
    for (const name of candidates) {
      if (name.length === end - start && html.startsWith(name, start)) return name;
    }
  }
  const written = html.slice(start, end);
  return isLowerCaseAscii(html, start, end) ? written : written.toLowerCase();
}

/** End of a tag name: the index of the first space, "/" or ">" from `at`, or the input's end. */
export function tagNameEnd(html: string, at: number): number {
  let i = at;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e) return i;
    i++;
  }
  return i;
}

/**
 * Reads a tag's attributes from `at` (after its name) through its ">", as HTML §13.2.5.32–42
 * does; collects them into the scratch buffer when `collect`. Returns the index after ">",
 * or -1 when the input ends inside the tag (a browser drops such a tag).
 */
export function readAttributes(html: string, at: number, collect: boolean): number {
  const n = html.length;
  let i = at;
  lastTag.count = 0;
  lastTag.selfClosing = false;
  lastTag.plain = true;
  // Where the last attribute (or the name) ended: a plain tag goes on with one space or ">".
  let previousEnd = at;
  while (i < n) {
    let c = html.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x3e) {
      if (i !== previousEnd) lastTag.plain = false;
      return i + 1;
    }
    if (c === 0x2f) {
      lastTag.plain = false;
      i++;
      if (html.charCodeAt(i) === 0x3e) {
        lastTag.selfClosing = true;
        return i + 1;
      }
      continue;
    }
    // A name runs to a space, "/", ">" or "="; its first character may be "=".
    const nameStart = i++;
    if (nameStart !== previousEnd + 1 || html.charCodeAt(previousEnd) !== 0x20) lastTag.plain = false;
    while (i < n) {
      c = html.charCodeAt(i);
      if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d) break;
      i++;
    }
    const nameEnd = i;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    let valueStart = i;
    let valueEnd = i;
    if (html.charCodeAt(i) === 0x3d) {
      if (i !== nameEnd) lastTag.plain = false;
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      c = html.charCodeAt(i);
      if (c === 0x22 || c === 0x27) {
        if (c !== 0x22 || i !== nameEnd + 1) lastTag.plain = false;
        const close = html.indexOf(c === 0x22 ? '"' : "'", i + 1);
        if (close < 0) return -1;
        valueStart = i + 1;
        valueEnd = close;
        i = close + 1;
      } else {
        lastTag.plain = false;
        valueStart = i;
        while (i < n) {
          c = html.charCodeAt(i);
          if (isSpace(c) || c === 0x3e) break;
          i++;
        }
        valueEnd = i;
      }
    } else lastTag.plain = false;
    previousEnd = i;
    if (!collect) continue;
    if (lastTag.count < MAX_ATTRIBUTES) {
      lastTag.names[lastTag.count] = attributeNameOf(html, nameStart, nameEnd);
      lastTag.values[lastTag.count] = html.slice(valueStart, valueEnd);
      lastTag.starts[lastTag.count] = nameStart;
      lastTag.count++;
    } else lastTag.plain = false;
  }
  return -1;
}

const NAME_END = /[\s/>]/;

/**
 * Whether the lower-case `tag` is written at `at`, in any ASCII case, and ends there. Compared by
 * hand rather than by a pattern built from the name: no pattern here is made at run time.
 */
function namedAt(html: string, at: number, tag: string): boolean {
  if (at + tag.length >= html.length) return false;
  for (let k = 0; k < tag.length; k++) {
    const c = html.charCodeAt(at + k);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== tag.charCodeAt(k)) return false;
  }
  return NAME_END.test(html.charAt(at + tag.length));
}

/** The index after the end tag that closes a raw-text element opened before `from`, or -1. */
export function afterRawText(html: string, tag: string, from: number): number {
  for (let at = html.indexOf("</", from); at >= 0; at = html.indexOf("</", at + 2)) {
    if (namedAt(html, at + 2, tag)) return readAttributes(html, at + 2 + tag.length, false);
  }
  return -1;
}

/** The index after the end tag that closes `tag` opened before `from`, nested copies counted, or -1. */
export function afterNested(html: string, tag: string, from: number): number {
  let depth = 1;
  for (let at = html.indexOf("<", from); at >= 0; at = html.indexOf("<", at + 1)) {
    const closing = html.charCodeAt(at + 1) === 0x2f;
    const nameAt = closing ? at + 2 : at + 1;
    if (!namedAt(html, nameAt, tag)) continue;
    depth += closing ? -1 : 1;
    if (depth === 0) return readAttributes(html, nameAt + tag.length, false);
  }
  return -1;
}

const COMMENT_END = /--!?>/g;

/** The index after a comment, bogus comment, CDATA section or processing instruction at `lt`. */
export function afterComment(html: string, lt: number): number {
  if (html.startsWith("<!--", lt)) {
    // "<!-->" and "<!--->" are whole (empty) comments.
    if (html.startsWith(">", lt + 4)) return lt + 5;
    if (html.startsWith("->", lt + 4)) return lt + 6;
    COMMENT_END.lastIndex = lt + 4;
    const m = COMMENT_END.exec(html);
    return m === null ? html.length : m.index + m[0].length;
  }
  if (html.startsWith("<![CDATA[", lt)) {
    const close = html.indexOf("]]>", lt + 9);
    if (close >= 0) return close + 3;
  }
  const gt = html.indexOf(">", lt + 2);
  return gt < 0 ? html.length : gt + 1;
}

/**
 * A "<!" or "<?" that no ">" closes before the next "<" ("<!' <a>", a lone "<!DOCTYPE") was
 * text that lost its escaping, not a declaration: read as a literal "<".
 */
export function looksLikeText(html: string, lt: number): boolean {
  if (html.startsWith("<!--", lt) || html.startsWith("<![CDATA[", lt)) return false;
  const next = html.indexOf("<", lt + 2);
  // Only up to the next "<", so that "<!<!<!…" stays linear; past the last "<" only once.
  if (next < 0) return html.indexOf(">", lt + 2) < 0;
  for (let i = lt + 2; i < next; i++) if (html.charCodeAt(i) === 0x3e) return false;
  return true;
}
