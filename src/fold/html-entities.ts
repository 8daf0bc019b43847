import { HTML_NAMED_ENTITIES, WINDOWS_1252_C1 } from "../feed/html-entity-table";

/**
 * Names beyond HTML 4 that reposting tools and CMS editors emit (HTML5 adds ~2000; these are the
 * ones seen in article bodies), plus the XML five for HTML bodies that use them.
 */
const EXTRA_NAMED_ENTITIES: Readonly<Record<string, number>> = {
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

// Bounded quantifiers keep the scan linear whatever the input ("&&&&…", "&#999999999…").
const ENTITY_PATTERN = /&(?:#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?|([A-Za-z][A-Za-z0-9]{0,31})(;?))/g;

function namedCodePoint(name: string): number | undefined {
  // Object.hasOwn: a plain lookup would find "constructor" or "toString" on the prototype.
  if (Object.hasOwn(EXTRA_NAMED_ENTITIES, name)) return EXTRA_NAMED_ENTITIES[name];
  if (Object.hasOwn(HTML_NAMED_ENTITIES, name)) return HTML_NAMED_ENTITIES[name];
  return undefined;
}

function numericCharacter(code: number): string {
  const mapped = WINDOWS_1252_C1[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(mapped);
}

/**
 * Decodes HTML character references in a text node: named (HTML 4 set plus common HTML5 names),
 * decimal and hex, once. Unknown names stay as written ("AT&T", "&foo;"), so plain text that
 * happens to contain "&" is not mangled.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    ENTITY_PATTERN,
    (whole, hex?: string, dec?: string, name?: string, semicolon?: string) => {
      if (hex !== undefined) return numericCharacter(Number.parseInt(hex, 16));
      if (dec !== undefined) return numericCharacter(Number.parseInt(dec, 10));
      if (name === undefined) return whole;
      if (semicolon !== ";" && !LEGACY_WITHOUT_SEMICOLON.has(name)) return whole;
      const code = namedCodePoint(name);
      return code === undefined ? whole : String.fromCodePoint(code);
    },
  );
}
