import { HTML_NAMED_ENTITIES } from "./html-entity-table";

const XML_ENTITIES: Readonly<Record<string, number>> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };

// HTML5 names for ASCII punctuation. Rare in prose, but classic in obfuscated URLs
// ("javascript&colon;"), so they must decode before a scheme is checked.
const HTML5_PUNCTUATION: Readonly<Record<string, number>> = {
  Tab: 9,
  NewLine: 10,
  excl: 33,
  num: 35,
  dollar: 36,
  percnt: 37,
  lpar: 40,
  rpar: 41,
  ast: 42,
  plus: 43,
  comma: 44,
  period: 46,
  sol: 47,
  colon: 58,
  semi: 59,
  equals: 61,
  quest: 63,
  commat: 64,
  lsqb: 91,
  bsol: 92,
  rsqb: 93,
  Hat: 94,
  lowbar: 95,
  grave: 96,
  lcub: 123,
  verbar: 124,
  rcub: 125,
};

// HTML5 §13.2.5.80: numeric references to 0x80–0x9F mean the windows-1252 character, because
// that is what the (mislabelled) documents that wrote "&#151;" meant. Feeds do this often.
const WINDOWS_1252_C1: Readonly<Record<number, number>> = {
  128: 0x20ac,
  130: 0x201a,
  131: 0x0192,
  132: 0x201e,
  133: 0x2026,
  134: 0x2020,
  135: 0x2021,
  136: 0x02c6,
  137: 0x2030,
  138: 0x0160,
  139: 0x2039,
  140: 0x0152,
  142: 0x017d,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
  152: 0x02dc,
  153: 0x2122,
  154: 0x0161,
  155: 0x203a,
  156: 0x0153,
  158: 0x017e,
  159: 0x0178,
};

// Bounded quantifiers and a mandatory ";" keep this linear on any input.
const ENTITY_PATTERN = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

/** Own keys only: "&constructor;" must not find Object.prototype.constructor. */
function lookup(table: Readonly<Record<string, number>>, name: string): number | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

function fromCodePoint(code: number): string {
  const mapped = WINDOWS_1252_C1[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(mapped);
}

/**
 * Decodes XML and HTML 4 character references once (numeric, hex, named). Unknown names
 * stay as written, so "AT&T;" style text is not mangled. Decoding once is deliberate:
 * "&amp;amp;" becomes "&amp;", which is what the document said.
 */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY_PATTERN, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    const code =
      lookup(XML_ENTITIES, name!) ?? lookup(HTML_NAMED_ENTITIES, name!) ?? lookup(HTML5_PUNCTUATION, name!);
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}
