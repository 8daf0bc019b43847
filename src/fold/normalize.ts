/**
 * Text normalization for comparing copies of one article. Reposting tools and CMSs rewrite
 * typography (smart quotes, dashes, ellipses, no-break spaces), Unicode forms (precomposed vs
 * decomposed accents, full-width letters) and case; none of that makes a different article.
 */

// Applied before NFKC (which would turn "″" into two primes and "´" into a space plus an accent)
// and again after it (NFKC produces "'" and '"' from their full-width forms, but also new dashes).
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u2039\u203A\u02BC\u0060\u00B4\uFF07]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E\u301F\uFF02]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
const ELLIPSIS = /\u2026/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085\v\f]/g;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]/g;
// Invisible characters that editors insert or strip freely: zero-width spaces and joiners,
// word joiner, BOM, Mongolian vowel separator, soft hyphen; and C0/C1 controls.
const INVISIBLES =
  /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
const DASH_RUNS = /-{2,}/g;
const SPACE_RUNS = / {2,}/g;

function mapTypography(text: string): string {
  return text
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .replace(ELLIPSIS, "...");
}

/**
 * Normalizes a text to the lines that identify it: NFKC, typographic quotes → ' and ",
 * dashes → "-" (runs of dashes → one, so "--" matches "—"), ellipsis → "...", exotic spaces →
 * " ", invisible characters removed, lower-cased, whitespace collapsed. One entry per
 * non-empty line (a paragraph, heading or <br> line of the source).
 */
export function normalizeLines(text: string): string[] {
  const mapped = mapTypography(text.replace(LINE_BREAKS, "\n").replace(INVISIBLES, "").replace(SPACES, " "));
  const folded = mapTypography(mapped.normalize("NFKC").replace(SPACES, " "))
    .replace(DASH_RUNS, "-")
    .toLowerCase();
  const lines: string[] = [];
  for (const line of folded.split("\n")) {
    const collapsed = line.replace(SPACE_RUNS, " ").trim();
    if (collapsed !== "") lines.push(collapsed);
  }
  return lines;
}

/** A text normalized as by {@link normalizeLines}, its lines joined by single spaces. */
export function normalizeText(text: string): string {
  return normalizeLines(text).join(" ");
}

const PUNCTUATION_AND_SYMBOLS = /[\p{P}\p{S}]+/gu;

/**
 * A looser key for recognising a line (a repeated title, a footer): normalized as by
 * {@link normalizeText}, then punctuation and symbols replaced by spaces, so "Title." and
 * "“Title”" and "Title »" all match "title".
 */
export function normalizeForMatch(text: string): string {
  return normalizeText(text).replace(PUNCTUATION_AND_SYMBOLS, " ").replace(SPACE_RUNS, " ").trim();
}
