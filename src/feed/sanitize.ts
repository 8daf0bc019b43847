import { cleanCharacterReferences, cleanEscapeEnd, cleanNumericEnd } from "./character-references";
import { decodeEntities } from "./entities";
import {
  ALLOWED_ELEMENTS,
  MATHML_TOKENS,
  NESTED_DROPPED,
  RAW_TEXT_DROPPED,
  VOID_ELEMENTS,
} from "./html-allowlist";
import { impliedEndFrom, needsRow } from "./html-implied-ends";
import { plainEndTag, plainLinkTag, plainStartTag } from "./html-plain-tags";
import {
  afterComment,
  afterNested,
  afterRawText,
  isAsciiLetter,
  lastTag,
  looksLikeText,
  readAttributes,
  tagNameEnd,
  tagNameOf,
} from "./html-tokens";
import { isUrlAttribute, safeAttribute } from "./safe-attribute";

/**
 * The HTML sanitizer: one linear scan that tokenizes as a browser does (HTML §13.2.5: tags,
 * attributes with quoted and unquoted values, comments, bogus comments, raw-text elements) and
 * writes back only what html-allowlist.ts allows, each tag rebuilt from its parsed name and
 * checked attributes, every value and every text ">" escaped. The output therefore holds no
 * markup we did not write ourselves, whatever the input's tricks. Open elements are tracked,
 * stray end tags dropped and unclosed ones closed, so one item cannot break the page around it.
 */

/** Open elements kept at most; deeper tags are dropped (their text stays). */
const MAX_OPEN_ELEMENTS = 128;
// Attribute names already written for the current tag (scratch, like lastTag).
const seenAttributes: string[] = [];

const ESCAPED_IN_VALUE = /[&<>"]/g;
// Outside URLs "=" is escaped too: a title="x onload=y" stays inert anyway, but then no naive
// `on\w+=` scan of our output can mistake it for a handler either.
const ESCAPED_IN_TEXT_VALUE = /[&<>"=]/g;

// The same classes, without /g, for a test that keeps no lastIndex.
const NEEDS_ESCAPING_IN_VALUE = /[&<>"]/;
const NEEDS_ESCAPING_IN_TEXT_VALUE = /[&<>"=]/;

function escapeCharacter(c: string): string {
  return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#61;";
}

/** Whether `name` is among the first `count` of seenAttributes (no array resizing per tag). */
function wasSeen(name: string, count: number): boolean {
  for (let i = 0; i < count; i++) if (seenAttributes[i] === name) return true;
  return false;
}

/** Whether a kept value needs escaping ("=" counts outside URLs, see ESCAPED_IN_TEXT_VALUE). */
function needsEscaping(value: string, url: boolean): boolean {
  if (value.length < 13) {
    // A value this short was copied out of the body (V8 slices shorter strings by copying), and
    // one look at each character beats five searches; most kept values are numbers and words.
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x26 || c === 0x22 || c === 0x3c || c === 0x3e || (c === 0x3d && !url)) return true;
    }
    return false;
  }
  // One class search: a charCodeAt loop over a slice of a long body was several times slower,
  // and five includes() (one native call each) twice as slow as this.
  return url ? NEEDS_ESCAPING_IN_VALUE.test(value) : NEEDS_ESCAPING_IN_TEXT_VALUE.test(value);
}

// Values to put in place of others in a tag kept as written (most often a relative src made
// absolute): [start, end) of the source value, and what goes there. Scratch, like lastTag.
let spliceCount = 0;
const spliceStarts: number[] = [];
const spliceEnds: number[] = [];
const spliceValues: string[] = [];

/** html[from, to) with the pending splices applied; clears them. */
function sourceWithSplices(html: string, from: number, to: number): string {
  let out = "";
  let at = from;
  for (let s = 0; s < spliceCount; s++) {
    out += html.slice(at, spliceStarts[s]);
    out += spliceValues[s]!;
    at = spliceEnds[s]!;
  }
  spliceCount = 0;
  return out + html.slice(at, to);
}

/**
 * The kept attributes of the tag just read, as ` name="value"` pairs; undefined when they are
 * what the source has between the tag's name (ending at `nameEnd`) and its ">", once the
 * pending splices (values that changed, nothing else) are applied: then the tag can be kept as
 * written, those values put in, without being rebuilt.
 */
function attributesHtml(
  html: string,
  nameEnd: number,
  tag: string,
  allowed: ReadonlySet<string>,
  baseUrl: string | undefined,
): string | undefined {
  // While undefined, every attribute so far is kept as written (lastTag.plain: one space, a
  // lower-case name, a double-quoted value) or only its value changed, so the source up to
  // attribute k, spliced, is the output.
  let out: string | undefined = lastTag.plain ? undefined : "";
  spliceCount = 0;
  let seen = 0;
  for (let k = 0; k < lastTag.count; k++) {
    const written = lastTag.names[k]!;
    if (!allowed.has(written)) {
      out ??= sourceWithSplices(html, nameEnd, lastTag.starts[k]! - 1);
      continue;
    }
    // SVG's <a> links with xlink:href; written out as the HTML <a> it becomes.
    const name = written === "xlink:href" ? "href" : written;
    // The first of repeated attributes counts, as in a browser. At most a handful are allowed.
    if (wasSeen(name, seen)) {
      out ??= sourceWithSplices(html, nameEnd, lastTag.starts[k]! - 1);
      continue;
    }
    seenAttributes[seen++] = name;
    const raw = lastTag.values[k]!;
    const value = safeAttribute(tag, name, raw, baseUrl);
    if (value === undefined) {
      out ??= sourceWithSplices(html, nameEnd, lastTag.starts[k]! - 1);
      continue;
    }
    const url = isUrlAttribute(name);
    const escaped = !needsEscaping(value, url)
      ? value
      : url
        ? value.replace(ESCAPED_IN_VALUE, escapeCharacter)
        : value.replace(ESCAPED_IN_TEXT_VALUE, escapeCharacter);
    if (out === undefined) {
      if (name !== written) out = sourceWithSplices(html, nameEnd, lastTag.starts[k]! - 1);
      else {
        if (escaped !== raw) {
          // Plain: the value starts after the name and '="'.
          const start = lastTag.starts[k]! + written.length + 2;
          spliceStarts[spliceCount] = start;
          spliceEnds[spliceCount] = start + raw.length;
          spliceValues[spliceCount] = escaped;
          spliceCount++;
        }
        continue;
      }
    }
    out += ` ${name}="${escaped}"`;
  }
  return out;
}

/**
 * Emits the pending splices of a tag kept as written, from `copyFrom` on; returns where copying
 * goes on from.
 */
function emitSplices(html: string, copyFrom: number): number {
  let at = copyFrom;
  for (let s = 0; s < spliceCount; s++) {
    emit(html.slice(at, spliceStarts[s]));
    emit(spliceValues[s]!);
    at = spliceEnds[s]!;
  }
  spliceCount = 0;
  return at;
}

/** Text as it goes out: ">" escaped, character references made clean. */
function escapeText(text: string): string {
  return cleanCharacterReferences(text.includes(">") ? text.replaceAll(">", "&gt;") : text);
}

// The output being built, and its first and last character (-1 while empty). sanitizeHtml is
// synchronous and not re-entrant.
let output = "";
let firstChar = -1;
let lastChar = -1;

function emit(piece: string): void {
  if (piece.length === 0) return;
  if (firstChar < 0) firstChar = piece.charCodeAt(0);
  lastChar = piece.charCodeAt(piece.length - 1);
  output += piece;
}

/**
 * emit for markup we wrote, whose first and last characters are `edge` as far as trimming goes
 * (" " for a MathML token's space, else "<", "&", ">" or ";"): reading a character of a string
 * built by concatenation flattens it, a copy of every rewritten tag.
 */
function emitMarkup(piece: string, edge: number): void {
  if (piece.length === 0) return;
  if (firstChar < 0) firstChar = edge;
  lastChar = edge;
  output += piece;
}

/** Whether String.prototype.trim would keep a string that starts or ends with this character. */
function isTrimmed(c: number): boolean {
  return c < 0 || (c > 0x20 && c < 0x7f) || String.fromCharCode(c).trim() !== "";
}

/**
 * Feed HTML → HTML safe to show: only the elements and attributes html-allowlist.ts keeps; no
 * scripts, styles, frames, forms, comments or event handlers; URLs http(s) only (mailto: in
 * links, data:image/* in img src), made absolute against `baseUrl` when given.
 */
export function sanitizeHtml(html: string, baseUrl?: string): string {
  let lt = html.indexOf("<");
  if (lt < 0) return escapeText(html).trim();
  const n = html.length;
  // Open elements by the name written in the source, and the element each was written out as
  // (an SVG or MathML link becomes an <a>).
  const open: string[] = [];
  const writtenAs: string[] = [];
  const unclosed: string[] = [];
  // Output is the input with some spans replaced: `out` holds what is decided up to `copyFrom`;
  // source from `copyFrom` on is copied as it is until a token's rewrite differs from it.
  output = "";
  firstChar = -1;
  lastChar = -1;
  let copyFrom = 0;
  let textStart = 0;
  // The next ">" and "&" at or after textStart: text needs rewriting only when one comes before
  // the "<".
  let nextGt = -1;
  let nextAmp = -1;
  while (lt >= 0) {
    if (lt > textStart) {
      if (nextGt < textStart && nextGt !== n) {
        nextGt = html.indexOf(">", textStart);
        if (nextGt < 0) nextGt = n;
      }
      if (nextAmp < textStart && nextAmp !== n) {
        nextAmp = html.indexOf("&", textStart);
        if (nextAmp < 0) nextAmp = n;
      }
      // "&amp;", "&#8217;" and their like stay as written: passed over here, no text is cut out
      // for them. A reference is "&", "#", digits and ";", so none runs past the "<".
      while (nextAmp < lt) {
        let escapeEnd = cleanEscapeEnd(html, nextAmp);
        if (escapeEnd < 0) escapeEnd = cleanNumericEnd(html, nextAmp);
        if (escapeEnd < 0) break;
        nextAmp = html.indexOf("&", escapeEnd);
        if (nextAmp < 0) nextAmp = n;
      }
      if (nextGt < lt || nextAmp < lt) {
        const text = html.slice(textStart, lt);
        const escaped = escapeText(text);
        if (escaped !== text) {
          emit(html.slice(copyFrom, textStart));
          emit(escaped);
          copyFrom = lt;
        }
      }
    }
    const c = html.charCodeAt(lt + 1);
    let plainEnd =
      c === 0x2f
        ? plainEndTag(html, lt, open, writtenAs)
        : c >= 0x61 && c <= 0x7a
          ? plainStartTag(html, lt, open, writtenAs, MAX_OPEN_ELEMENTS)
          : -1;
    if (plainEnd < 0 && c === 0x61) plainEnd = plainLinkTag(html, lt, open, writtenAs, MAX_OPEN_ELEMENTS);
    if (plainEnd >= 0) {
      textStart = plainEnd;
      lt = html.indexOf("<", plainEnd);
      continue;
    }
    let end: number;
    // What the token becomes ("" drops it); kept as written when that is the same text.
    let rewrite = "";
    let keep = false;
    if (isAsciiLetter(c)) {
      const nameEnd = tagNameEnd(html, lt + 2);
      const tag = tagNameOf(html, lt + 1, nameEnd);
      const allowed = ALLOWED_ELEMENTS.get(tag);
      end = readAttributes(html, nameEnd, true);
      if (end >= 0 && allowed !== undefined) {
        if (end === nameEnd + 1 && opensPlainly(tag, open) && html.startsWith(tag, lt + 1)) {
          // "<p>", "<em>": kept as written.
          open.push(tag);
          writtenAs.push(tag);
          keep = true;
        } else {
          const opened = openTag(html, lt, nameEnd, end, tag, allowed, open, writtenAs, baseUrl);
          if (opened === undefined) {
            keep = true;
            if (spliceCount > 0) copyFrom = emitSplices(html, copyFrom);
          } else rewrite = opened;
        }
      } else if (
        end >= 0 &&
        lastTag.count > 0 &&
        !lastTag.selfClosing &&
        open.length < MAX_OPEN_ELEMENTS &&
        !RAW_TEXT_DROPPED.has(tag) &&
        !NESTED_DROPPED.has(tag)
      ) {
        // An SVG or MathML element that is a link (xlink:href) stays a link, as an <a>.
        const link = linkHtml(baseUrl);
        if (link !== "") {
          rewrite = link;
          open.push(tag);
          writtenAs.push("a");
        }
      } else if (end >= 0 && MATHML_TOKENS.has(tag)) {
        rewrite = " ";
      } else if (end >= 0 && RAW_TEXT_DROPPED.has(tag) && !lastTag.selfClosing) {
        end = tag === "plaintext" ? -1 : afterRawText(html, tag, end);
      } else if (end >= 0 && NESTED_DROPPED.has(tag) && !lastTag.selfClosing && !unclosed.includes(tag)) {
        const after = afterNested(html, tag, end);
        // Once one is found unclosed, later ones are taken as unclosed too: searching to the
        // end for each of "<object><object>…" would be quadratic.
        if (after >= 0) end = after;
        else unclosed.push(tag);
      }
    } else if (c === 0x2f && isAsciiLetter(html.charCodeAt(lt + 2))) {
      const nameEnd = tagNameEnd(html, lt + 3);
      const tag = tagNameOf(html, lt + 2, nameEnd);
      end = readAttributes(html, nameEnd, false);
      const at = open.lastIndexOf(tag);
      // A browser reads "</br>" as "<br>" (HTML §13.2.6.4.7).
      if (tag === "br") rewrite = "<br>";
      else if (
        end === nameEnd + 1 &&
        at >= 0 &&
        at === open.length - 1 &&
        writtenAs[at] === tag &&
        html.startsWith(tag, lt + 2)
      ) {
        // "</p>" closing the innermost element: kept as written.
        open.pop();
        writtenAs.pop();
        keep = true;
      } else if (end >= 0 && at < 0 && MATHML_TOKENS.has(tag)) {
        rewrite = " ";
      } else if (end >= 0 && at >= 0) {
        while (open.length > at) {
          open.pop();
          rewrite += `</${writtenAs.pop()}>`;
        }
      }
    } else if ((c === 0x21 || c === 0x3f || (c === 0x2f && lt + 2 < n)) && !looksLikeText(html, lt)) {
      // "<!…", "<?…" and "</" not followed by a letter: comments and the like, never shown.
      end = c === 0x2f && html.charCodeAt(lt + 2) === 0x3e ? lt + 3 : afterComment(html, lt);
    } else {
      // "a < b", "<3": a "<" that opens nothing is text.
      end = lt + 1;
      rewrite = "&lt;";
    }
    if (end < 0) {
      emit(html.slice(copyFrom, lt));
      copyFrom = n;
      textStart = n;
      break;
    }
    if (!keep && (rewrite.length !== end - lt || !html.startsWith(rewrite, lt))) {
      emit(html.slice(copyFrom, lt));
      emitMarkup(rewrite, rewrite === " " ? 0x20 : 0x3e);
      copyFrom = end;
    }
    textStart = end;
    lt = html.indexOf("<", end);
  }
  if (textStart < n && copyFrom <= textStart) {
    const text = html.slice(textStart);
    const escaped = escapeText(text);
    if (escaped !== text) {
      emit(html.slice(copyFrom, textStart));
      emit(escaped);
      copyFrom = n;
    }
  }
  emit(copyFrom === 0 ? html : html.slice(copyFrom));
  for (let k = writtenAs.length - 1; k >= 0; k--) emitMarkup(`</${writtenAs[k]}>`, 0x3e);
  const result = output;
  output = "";
  // Trimming reads every character of a string built from many pieces; only when an end needs it.
  return isTrimmed(firstChar) && isTrimmed(lastChar) ? result : result.trim();
}

/** `<a href="…">` for the tag just read when it has a safe xlink:href, else "". */
function linkHtml(baseUrl: string | undefined): string {
  for (let k = 0; k < lastTag.count; k++) {
    if (lastTag.names[k] !== "xlink:href") continue;
    const href = safeAttribute("a", "href", lastTag.values[k]!, baseUrl);
    return href === undefined ? "" : `<a href="${href.replace(ESCAPED_IN_VALUE, escapeCharacter)}">`;
  }
  return "";
}

/** Whether opening `tag` needs nothing but the tag itself: no implied end tag, not too deep. */
function opensPlainly(tag: string, open: string[]): boolean {
  if (open.length >= MAX_OPEN_ELEMENTS || VOID_ELEMENTS.has(tag)) return false;
  return impliedEndFrom(tag, open) < 0 && !needsRow(tag, open);
}

/**
 * The start tag of an allowed element read from html[lt, end), with the end tags it implies;
 * updates `open`. Undefined when the tag is kept exactly as written.
 */
function openTag(
  html: string,
  lt: number,
  nameEnd: number,
  end: number,
  tag: string,
  allowed: ReadonlySet<string>,
  open: string[],
  writtenAs: string[],
  baseUrl: string | undefined,
): string | undefined {
  let closed = "";
  const from = impliedEndFrom(tag, open);
  if (from >= 0) {
    while (open.length > from) {
      open.pop();
      closed += `</${writtenAs.pop()}>`;
    }
  }
  if (open.length >= MAX_OPEN_ELEMENTS) return closed;
  if (needsRow(tag, open)) {
    open.push("tr");
    writtenAs.push("tr");
    closed += "<tr>";
  }
  const attributes = attributesHtml(html, nameEnd, tag, allowed, baseUrl);
  if (attributes === undefined) {
    // Written plainly (so not self-closing) and every attribute kept as it is.
    if (!VOID_ELEMENTS.has(tag)) {
      open.push(tag);
      writtenAs.push(tag);
    }
    if (closed === "" && html.startsWith(tag, lt + 1)) return undefined;
    return `${closed}<${tag}${sourceWithSplices(html, nameEnd, end - 1)}>`;
  }
  const start = `${closed}<${tag}${attributes}`;
  if (VOID_ELEMENTS.has(tag)) return start + (lastTag.selfClosing ? " />" : ">");
  // A browser ignores "/>" on an HTML element, but an empty element is what "<p/>" meant.
  if (lastTag.selfClosing) return `${start}></${tag}>`;
  open.push(tag);
  writtenAs.push(tag);
  return `${start}>`;
}

// `[^<>]*` cannot run past the next "<", so stripping tags stays linear even on "<a<a<a…".
const TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Text as a title: tags stripped, entities decoded, whitespace collapsed. Titles are plain text
 * (RSS 2.0 says so), but feeds often escape them twice or put markup in them.
 */
export function htmlToPlainTitle(s: string): string {
  if (isPlainText(s)) return s;
  return collapseAsciiSpace(stripTags(decodeEntities(stripTags(s))));
}

/** HTML → its text: tags dropped, entities decoded once, so "&lt;blink&gt;" stays visible. */
export function htmlTextToPlain(s: string): string {
  if (isPlainText(s)) return s;
  return collapseAsciiSpace(decodeEntities(stripTags(s)));
}

/**
 * Whether `s` is already what both functions above make of it, as most titles and tags are: no
 * "<" or "&", no ASCII white space but single spaces between words.
 */
function isPlainText(s: string): boolean {
  if (s.charCodeAt(0) === 0x20 || s.charCodeAt(s.length - 1) === 0x20) return false;
  let previous = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3c || c === 0x26 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) return false;
    if (c === 0x20 && previous === 0x20) return false;
    previous = c;
  }
  return true;
}

/**
 * Tags removed; a few passes, because a tag inside an attribute value (alt="a<br/>b") only
 * becomes a whole tag once the inner one is gone. Each pass is linear.
 */
function stripTags(s: string): string {
  let text = s;
  for (let pass = 0; pass < 4 && text.includes("<"); pass++) {
    const next = text.replace(TAG, "");
    if (next === text) break;
    text = next;
  }
  return text;
}

// Only ASCII whitespace collapses: "&nbsp;", "&thinsp;" are deliberate characters of a title.
function collapseAsciiSpace(s: string): string {
  const collapsed = s.replace(/[ \t\n\r\f]+/g, " ");
  const start = collapsed.startsWith(" ") ? 1 : 0;
  return collapsed.endsWith(" ") ? collapsed.slice(start, -1) : collapsed.slice(start);
}
