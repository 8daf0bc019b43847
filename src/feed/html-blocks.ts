/**
 * Block-level HTML elements, one list for the sanitizer (src/feed/html-allowlist.ts) and the fold's
 * text extraction (src/fold/html-text.ts).
 */

/**
 * The blocks whose start tag closes an open <p> in the sanitizer (HTML §13.2.6.4.7, the part of
 * it feeds use); each of them also starts a new line of text.
 */
export const BLOCKS_CLOSING_P: readonly string[] = [
  "p",
  "div",
  "ul",
  "ol",
  "dl",
  "table",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "figure",
  "hr",
];

/**
 * Every element that starts a new line when opened or closed: the blocks above and these. Copies
 * of one article mark paragraphs differently (DW: <p>/<h2>; Blogger: <div> with <br /><br /> and
 * <b> headings), so all of these only ever produce a line break, never anything that could make
 * two copies differ. Changing this set changes fingerprints.
 */
export const LINE_BREAKING_ELEMENTS: ReadonlySet<string> = new Set([
  ...BLOCKS_CLOSING_P,
  "address",
  "article",
  "aside",
  "br",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dt",
  "fieldset",
  "figcaption",
  "footer",
  "form",
  "header",
  "hgroup",
  "li",
  "main",
  "nav",
  "section",
  "summary",
  "tbody",
  "tfoot",
  "thead",
  "tr",
]);
