/**
 * Text normalization for comparing copies of one article. Reposting tools and CMSs rewrite
 * typography (smart quotes, dashes, ellipses, no-break spaces), Unicode forms (precomposed vs
 * decomposed accents, full-width letters) and case; none of that makes a different article.
 */

// The characters the normalization maps, by UTF-16 code unit (all are in the Basic Multilingual
// Plane). Typography and spaces are mapped before NFKC (which would turn "″" into two primes and
// "´" into a space plus an accent) and again after it (NFKC produces "'" and '"' from their
// full-width forms, but also new dashes); line breaks and invisible characters only before.
const KEEP = 0;
const LINE_BREAK = 1;
/** Invisible characters that editors insert or strip freely, and C0/C1 controls: removed. */
const INVISIBLE = 2;
const SPACE = 3;
const SINGLE_QUOTE = 4;
const DOUBLE_QUOTE = 5;
const DASH = 6;
const ELLIPSIS = 7;
const REPLACEMENT = ["", "\n", "", " ", "'", '"', "-", "..."];

const CLASS = new Uint8Array(0x10000);
const mark = (kind: number, chars: string, ranges: Array<[number, number]> = []): void => {
  for (let i = 0; i < chars.length; i++) CLASS[chars.charCodeAt(i)] = kind;
  for (const [from, to] of ranges) CLASS.fill(kind, from, to + 1);
};
// "\r\n" is one line break; a lone "\r" is one too.
mark(LINE_BREAK, "\r\u2028\u2029\u0085\v\f");
// Zero-width spaces and joiners, word joiner, BOM, Mongolian vowel separator, soft hyphen.
mark(INVISIBLE, "\u00AD\u180E\u2060\uFEFF", [
  [0x200b, 0x200d],
  [0x00, 0x08],
  [0x0e, 0x1f],
  [0x7f, 0x84],
  [0x86, 0x9f],
]);
mark(SPACE, "\u00A0\u1680\u202F\u205F\u3000\t", [[0x2000, 0x200a]]);
mark(SINGLE_QUOTE, "\u2018\u2019\u201A\u201B\u2032\u2035\u2039\u203A\u02BC\u0060\u00B4\uFF07");
mark(DOUBLE_QUOTE, "\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E\u301F\uFF02");
mark(DASH, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D");
mark(ELLIPSIS, "\u2026");

/**
 * Line breaks → "\n", invisible characters removed, exotic spaces → " ", typography → ASCII: the
 * mapping before NFKC, in one pass. `ascii` tells whether the result needs NFKC at all.
 */
function mapBeforeNfkc(text: string): { mapped: string; ascii: boolean } {
  let out = "";
  let from = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = CLASS[code]!;
    if (kind === KEEP) {
      if (code > 0x7f) ascii = false;
      continue;
    }
    out += text.slice(from, i) + REPLACEMENT[kind]!;
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    from = i + 1;
  }
  return { mapped: from === 0 ? text : out + text.slice(from), ascii };
}

/**
 * The mapping after NFKC, in one pass: exotic spaces and typography again, runs of dashes → one
 * "-" (so "--" matches "—"), runs of spaces → one.
 */
function mapAfterNfkc(text: string): string {
  let out = "";
  let from = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = code === 0x20 ? SPACE : code === 0x2d ? DASH : CLASS[code]!;
    if (kind === KEEP || kind === LINE_BREAK || kind === INVISIBLE) {
      last = code;
      continue;
    }
    let replacement = REPLACEMENT[kind]!;
    if (kind === SPACE && last === 0x20) replacement = "";
    else if (kind === DASH && last === 0x2d) replacement = "";
    if (replacement !== "") last = replacement.charCodeAt(replacement.length - 1);
    if (replacement.length === 1 && replacement.charCodeAt(0) === code) continue;
    out += text.slice(from, i) + replacement;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * What keeps ASCII text from being a normalized line: a character outside printable ASCII
 * (non-ASCII text is checked character by character), a capital, a backquote, a run of spaces or
 * dashes, a space at either end.
 */
const NOT_NORMAL_ASCII = /[^ -@[-_a-~]| {2}|-{2}|^ | $/;

/**
 * Whether `text` is one line that normalizeLines returns as it is: no character the passes map,
 * no run of spaces or dashes, no line break, nothing to trim, and unchanged by NFKC and by
 * lower-casing. Lines already normalized are normalized again often (edge-line and boilerplate
 * keys of body lines), and one look at each character is cheaper than the passes.
 */
function isNormalizedLine(text: string): boolean {
  if (text === "") return false;
  if (!NOT_NORMAL_ASCII.test(text)) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(text.length - 1) === 0x20) return false;
  let ascii = true;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x2d) {
      if (code === last) return false;
    } else if (code < 0x20 || (code >= 0x41 && code <= 0x5a) || CLASS[code] !== KEEP) {
      return false;
    } else if (code > 0x7f) {
      ascii = false;
    }
    last = code;
  }
  return ascii || (text.normalize("NFKC") === text && text.toLowerCase() === text && text.trim() === text);
}

/**
 * Normalizes a text to the lines that identify it: NFKC, typographic quotes → ' and ",
 * dashes → "-" (runs of dashes → one, so "--" matches "—"), ellipsis → "...", exotic spaces →
 * " ", invisible characters removed, lower-cased, whitespace collapsed. One entry per
 * non-empty line (a paragraph, heading or <br> line of the source).
 */
export function normalizeLines(text: string): string[] {
  if (isNormalizedLine(text)) return [text];
  const { mapped, ascii } = mapBeforeNfkc(text);
  // NFKC leaves ASCII as it is.
  const folded = mapAfterNfkc(ascii ? mapped : mapped.normalize("NFKC")).toLowerCase();
  const lines: string[] = [];
  for (const line of folded.split("\n")) {
    const trimmed = line.trim();
    if (trimmed !== "") lines.push(trimmed);
  }
  return lines;
}

/** A text normalized as by {@link normalizeLines}, its lines joined by single spaces. */
export function normalizeText(text: string): string {
  return normalizeLines(text).join(" ");
}

const PUNCTUATION_AND_SYMBOLS = /[\p{P}\p{S}]+/gu;
const SPACE_RUNS = / {2,}/g;

/**
 * A looser key for recognising a line (a repeated title, a footer): normalized as by
 * {@link normalizeText}, then punctuation and symbols replaced by spaces, so "Title." and
 * "“Title”" and "Title »" all match "title".
 */
export function normalizeForMatch(text: string): string {
  return normalizeText(text).replace(PUNCTUATION_AND_SYMBOLS, " ").replace(SPACE_RUNS, " ").trim();
}
