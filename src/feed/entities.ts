import { HTML_NAMED_ENTITIES, WINDOWS_1252_C1 } from "./html-entity-table";
import { html5Entity } from "./html5-entity-table";

const XML_ENTITIES: Readonly<Record<string, number>> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };

/**
 * How one kind of text writes character references: a sticky pattern tried at each "&" whose
 * groups are (decimal, hex, name, ";" when the pattern makes it optional), and the character a
 * name stands for (undefined: the reference stays as written). Bounded quantifiers keep every
 * pattern linear on any input.
 */
interface EntityGrammar {
  pattern: RegExp;
  named: (name: string, terminated: boolean) => string | undefined;
  /**
   * The pattern's numeric references, read without it (see numericReferenceAt): the most
   * decimal and hex digits it takes, and whether it requires the ";".
   */
  decimalDigits: number;
  hexDigits: number;
  semicolonRequired: boolean;
}

/** XML text and XML-escaped HTML: ";" mandatory; XML's five, HTML 4 and HTML5 names. */
const XML_TEXT: EntityGrammar = {
  pattern: /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y,
  named: feedNamedEntity,
  decimalDigits: 8,
  hexDigits: 7,
  semicolonRequired: true,
};

/**
 * HTML §13.2.5.72–80, in attribute values: numeric references need no ";" (a browser reads
 * "&#106avascript:" as "javascript:"); named ones still do here.
 */
const ATTRIBUTE: EntityGrammar = {
  pattern: /&(?:#(\d{1,8});?|#[xX]([0-9a-fA-F]{1,7});?|([A-Za-z][A-Za-z0-9]{0,31});)/y,
  named: feedNamedEntity,
  decimalDigits: 8,
  hexDigits: 7,
  semicolonRequired: false,
};

/**
 * Text nodes of an item body, as the fold reads them (fold/html-text.ts): numeric ";" optional,
 * the HTML 4 names and FOLD_EXTRA_NAMED_ENTITIES, and a few legacy names without ";". Exact
 * fingerprints depend on this grammar: changing it changes them.
 */
const HTML_TEXT: EntityGrammar = {
  pattern: /&(?:#([0-9]{1,10});?|#[xX]([0-9a-fA-F]{1,8});?|([A-Za-z][A-Za-z0-9]{0,31})(;?))/y,
  decimalDigits: 10,
  hexDigits: 8,
  semicolonRequired: false,
  named: (name, terminated) => {
    if (!terminated && !LEGACY_WITHOUT_SEMICOLON.has(name)) return undefined;
    // Object.hasOwn: a plain lookup would find "constructor" or "toString" on the prototype.
    if (Object.hasOwn(FOLD_EXTRA_NAMED_ENTITIES, name)) {
      return String.fromCodePoint(FOLD_EXTRA_NAMED_ENTITIES[name]!);
    }
    if (Object.hasOwn(HTML_NAMED_ENTITIES, name)) return String.fromCodePoint(HTML_NAMED_ENTITIES[name]!);
    return undefined;
  },
};

function fromCodePoint(code: number): string {
  const mapped = WINDOWS_1252_C1[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(mapped);
}

function feedNamedEntity(name: string): string | undefined {
  // Own keys only: "&constructor;" must not find Object.prototype.constructor.
  if (Object.hasOwn(XML_ENTITIES, name)) return String.fromCharCode(XML_ENTITIES[name]!);
  // HTML 4's code points first: they differ from HTML5 only for &lang; and &rang;, and the
  // feeds that write HTML 4 names meant HTML 4's characters (feedparser agrees).
  if (Object.hasOwn(HTML_NAMED_ENTITIES, name)) return String.fromCodePoint(HTML_NAMED_ENTITIES[name]!);
  return html5Entity(name);
}

function decodeReference(m: RegExpExecArray, grammar: EntityGrammar): string {
  const [whole, dec, hex, name, semicolon] = m;
  if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
  if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
  return grammar.named(name!, semicolon !== "") ?? whole;
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

// Where the reference numericReferenceAt read last ends (scratch; decoding is synchronous).
let numericEnd = 0;

/**
 * The code of the numeric reference at `amp` ("&#8212;", "&#x2014;") exactly as the grammar's
 * pattern reads it (its digit bounds, its ";"), its end in numericEnd; -1 when the pattern would
 * match nothing there. Read by hand: feeds hold them by the thousand ("&#8217;", "&#34;"), and
 * the pattern allocated a match per reference.
 */
function numericReferenceAt(text: string, amp: number, grammar: EntityGrammar): number {
  let i = amp + 2;
  const hex = (text.charCodeAt(i) | 0x20) === 0x78;
  if (hex) i++;
  const start = i;
  const max = start + (hex ? grammar.hexDigits : grammar.decimalDigits);
  let code = 0;
  for (; i < max; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 0x20;
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
    if (digit < 0) break;
    code = code * (hex ? 16 : 10) + digit;
  }
  if (i === start) return -1;
  if (text.charCodeAt(i) === 0x3b) i++;
  else if (grammar.semicolonRequired) return -1;
  numericEnd = i;
  return code;
}

/** Replaces each reference the grammar's pattern matches at an "&", left to right, once. */
function decodeWith(text: string, grammar: EntityGrammar): string {
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
    else if (text.charCodeAt(amp + 1) === 0x23) {
      const code = numericReferenceAt(text, amp, grammar);
      if (code >= 0) {
        replacement = fromCodePoint(code);
        end = numericEnd;
      }
    } else {
      grammar.pattern.lastIndex = amp;
      const m = grammar.pattern.exec(text);
      if (m !== null) {
        replacement = decodeReference(m, grammar);
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
  return decodeWith(text, XML_TEXT);
}

/** decodeEntities as a browser decodes an HTML attribute value: numeric ";" optional. */
export function decodeAttributeEntities(text: string): string {
  return decodeWith(text, ATTRIBUTE);
}

/**
 * Decodes HTML character references in a text node of an item body, once, as the fold reads it
 * (see HTML_TEXT). Unknown names stay as written ("AT&T", "&foo;"), so plain text that happens
 * to contain "&" is not mangled.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return decodeWith(text, HTML_TEXT);
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/**
 * Names beyond HTML 4 that reposting tools and CMS editors emit (HTML5 adds ~2000; these are the
 * ones seen in article bodies), plus the XML five for HTML bodies that use them.
 */
const FOLD_EXTRA_NAMED_ENTITIES: Readonly<Record<string, number>> = {
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  AMP: 38,
  LT: 60,
  GT: 62,
  QUOT: 34,
  COPY: 169,
  REG: 174,
  TRADE: 8482,
  hyphen: 8208,
  dash: 8208,
  horbar: 8213,
  mldr: 8230,
  nldr: 8229,
  hairsp: 8202,
  numsp: 8199,
  puncsp: 8200,
  NonBreakingSpace: 160,
  ZeroWidthSpace: 8203,
  bullet: 8226,
  centerdot: 183,
  half: 189,
  rsquor: 8217,
  lsquor: 8218,
  rdquor: 8221,
  ldquor: 8222,
  lbrack: 91,
  rbrack: 93,
  lsqb: 91,
  rsqb: 93,
  lpar: 40,
  rpar: 41,
  lcub: 123,
  rcub: 125,
  lbrace: 123,
  rbrace: 125,
  colon: 58,
  comma: 44,
  period: 46,
  excl: 33,
  quest: 63,
  num: 35,
  dollar: 36,
  percnt: 37,
  ast: 42,
  plus: 43,
  sol: 47,
  bsol: 92,
  semi: 59,
  equals: 61,
  commat: 64,
  lowbar: 95,
  grave: 96,
  verbar: 124,
  vert: 124,
  Hat: 94,
  NewLine: 10,
  Tab: 9,
  check: 10003,
  cross: 10007,
  star: 9734,
  starf: 9733,
};

/**
 * HTML5 §13.2.5.73: these names are decoded even without the closing ";" in text, because
 * pre-HTML5 pages relied on it ("&nbsp" and "&copy 2022" are common in scraped bodies).
 */
const LEGACY_WITHOUT_SEMICOLON = new Set([
  "amp",
  "lt",
  "gt",
  "quot",
  "nbsp",
  "copy",
  "reg",
  "AMP",
  "LT",
  "GT",
  "QUOT",
  "COPY",
  "REG",
]);
