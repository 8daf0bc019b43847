import { ALLOWED_ELEMENTS, CLOSED_BY_OPENING, type ImpliedEnd, VOID_ELEMENTS } from "./html-allowlist";
import { impliedEndOf, needsRow } from "./html-implied-ends";
import { isCanonicalHttpUrl } from "./url-fast-path";

/**
 * The tags feed bodies are mostly made of, recognized without tokenizing: the start tag of an
 * allowed element written in lower case without attributes ("<p>", "<em>"), a link with nothing
 * but a canonical http(s) href ('<a href="https://…">'), and the end tag of the element open on
 * top, written as it was opened ("</p>"). sanitize.ts keeps them as written, as its general path
 * would; anything else (other attributes, upper case, an implied end tag, a void element) is left
 * to that path.
 */

// Each with its implied end tags looked up once, not per tag.
const PLAIN_BY_FIRST_LETTER: Array<Array<{ name: string; implied: ImpliedEnd | undefined }>> = [];
for (const name of ALLOWED_ELEMENTS.keys()) {
  // Void elements are never open: their tags go the general way.
  if (VOID_ELEMENTS.has(name)) continue;
  const first = name.charCodeAt(0);
  PLAIN_BY_FIRST_LETTER[first] ??= [];
  PLAIN_BY_FIRST_LETTER[first].push({ name, implied: CLOSED_BY_OPENING.get(name) });
}
const LINK_IMPLIED_END = CLOSED_BY_OPENING.get("a");

/**
 * For a plain start tag at `lt` that opens without closing anything, below `maxOpen` open
 * elements: pushes it on `open` and `writtenAs` and returns the index after its ">"; else -1.
 */
export function plainStartTag(
  html: string,
  lt: number,
  open: string[],
  writtenAs: string[],
  maxOpen: number,
): number {
  const candidates = PLAIN_BY_FIRST_LETTER[html.charCodeAt(lt + 1)];
  if (candidates === undefined || open.length >= maxOpen) return -1;
  for (const element of candidates) {
    const gt = lt + 1 + element.name.length;
    if (html.charCodeAt(gt) !== 0x3e || !html.startsWith(element.name, lt + 1)) continue;
    // An implied end tag or row (html-implied-ends.ts) is the general path's to write.
    if (impliedEndOf(element.implied, open) >= 0 || needsRow(element.name, open)) return -1;
    open.push(element.name);
    writtenAs.push(element.name);
    return gt + 1;
  }
  return -1;
}

/** For the plain end tag of the top open element at `lt`: pops it and returns the index after ">"; else -1. */
export function plainEndTag(html: string, lt: number, open: string[], writtenAs: string[]): number {
  const top = open.length - 1;
  if (top < 0) return -1;
  const name = open[top]!;
  const gt = lt + 2 + name.length;
  if (html.charCodeAt(gt) !== 0x3e || writtenAs[top] !== name || !html.startsWith(name, lt + 2)) return -1;
  open.pop();
  writtenAs.pop();
  return gt + 1;
}

/**
 * For '<a href="…">' at `lt`, its one attribute a URL the general path keeps as written (an
 * absolute http(s) URL already in canonical form, its "&" written "&amp;"), opening without
 * closing anything, below `maxOpen` open elements: pushes it and returns the index after its ">";
 * else -1.
 */
export function plainLinkTag(
  html: string,
  lt: number,
  open: string[],
  writtenAs: string[],
  maxOpen: number,
): number {
  if (!html.startsWith('a href="', lt + 1) || open.length >= maxOpen) return -1;
  const valueStart = lt + 9;
  const close = html.indexOf('"', valueStart);
  if (close < 0 || html.charCodeAt(close + 1) !== 0x3e) return -1;
  const url = html.slice(valueStart, close);
  // "&amp;" decodes to the "&" that escaping writes back; any other reference is the general path's.
  for (let amp = url.indexOf("&"); amp >= 0; amp = url.indexOf("&", amp + 5)) {
    if (!url.startsWith("amp;", amp + 1)) return -1;
  }
  if (!isCanonicalHttpUrl(url) || impliedEndOf(LINK_IMPLIED_END, open) >= 0) return -1;
  open.push("a");
  writtenAs.push("a");
  return close + 2;
}
