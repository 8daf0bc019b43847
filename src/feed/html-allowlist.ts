import { BLOCKS_CLOSING_P } from "./html-blocks";

/** What sanitizeHtml keeps: elements, the attributes kept on each, and what goes with its content. */

// No SVG and no MathML: foreign content is where parser-differential ("mutation") XSS lives, and
// the page's safety tests forbid both. Their tags go and their text stays, so a formula or an
// SVG caption still reads as text.

const HTML: Readonly<Record<string, readonly string[]>> = {
  // xlink:href: SVG's <a>, whose tag is the same; written out as href.
  a: ["href", "xlink:href", "title"],
  abbr: ["title"],
  audio: ["src", "controls"],
  b: [],
  blockquote: ["cite"],
  br: [],
  cite: [],
  code: [],
  dd: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  i: [],
  img: ["src", "srcset", "alt", "title", "width", "height"],
  li: [],
  ol: ["start"],
  p: [],
  picture: [],
  pre: [],
  q: ["cite"],
  s: [],
  small: [],
  source: ["src", "srcset", "type", "media"],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  table: [],
  tbody: [],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
  thead: [],
  time: ["datetime"],
  tr: [],
  u: [],
  ul: [],
  video: ["src", "controls", "poster", "width", "height"],
};

/** Element → the attributes kept on it. Every other element loses its tags (its text stays). */
export const ALLOWED_ELEMENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(HTML).map(([tag, attrs]) => [tag, new Set(attrs)] as const),
);

/** MathML's token elements: their tags become spaces, so "<mi>a</mi><mo>+</mo>" reads "a + …". */
export const MATHML_TOKENS: ReadonlySet<string> = new Set(["mi", "mo", "mn", "ms", "mtext"]);

/** HTML void elements among the allowed ones: never have content or an end tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(["br", "hr", "img", "source"]);

/**
 * Elements removed with everything up to their first end tag: the HTML tokenizer reads their
 * content as raw text (script, style…), so nothing inside is markup, and none of it is prose.
 * Unclosed, they run to the end of the body, as they would in a browser; self-closed
 * ("<iframe/>", XHTML bodies write that), only the tag goes. <title> is not one of them: inside
 * SVG it is a caption, and its text is harmless anywhere.
 */
export const RAW_TEXT_DROPPED: ReadonlySet<string> = new Set([
  "script",
  "style",
  "iframe",
  "noscript",
  "textarea",
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
]);

/**
 * Elements removed with their content, which is markup of its own (plugin parameters, form
 * controls, foreign islands that switch parsing modes): nested copies are counted. Unclosed,
 * only the tag goes (an <object>'s content is the fallback meant for readers without plugins).
 */
export const NESTED_DROPPED: ReadonlySet<string> = new Set([
  "object",
  "applet",
  "template",
  "select",
  "frameset",
  "foreignobject",
  "annotation-xml",
  // MathML's alternative encodings (TeX source) of a formula whose text is already kept.
  "annotation",
]);

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

/**
 * The blocks whose start tag closes an open <p> (html-blocks.ts), less the headings, which close
 * headings too and are handled apart below, plus figcaption, which the fold's line list lacks.
 */
const OPENING_CLOSES_P = [...BLOCKS_CLOSING_P.filter((tag) => !HEADINGS.includes(tag)), "figcaption"];

/** Where the search for an element to close stops: HTML's "button scope" and "table scope". */
const BUTTON_SCOPE: ReadonlySet<string> = new Set(["table", "td", "th"]);
const TABLE_SCOPE: ReadonlySet<string> = new Set(["table"]);
/** HTML's "special" elements among ours, less address, div and p (§13.2.6.4.7, "li" start tag). */
const LIST_ITEM_SCOPE: ReadonlySet<string> = new Set([
  "blockquote",
  "dl",
  "figcaption",
  "figure",
  "ol",
  "pre",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
  ...HEADINGS,
]);

/** What opening an element closes first, and where the search for it stops. */
export interface ImpliedEnd {
  closes: ReadonlySet<string>;
  scope: ReadonlySet<string>;
}

/**
 * HTML's implied end tags (§13.2.6.4.7): opening the key closes the nearest open element of
 * `closes` found before any of `scope`, with everything opened inside it, as a browser would
 * ("<li>a<li>b", "<p>a<div>", "<p><a><h2>"). The sanitizer writes those end tags out, so its
 * output parses without an HTML parse error and means the same in every parser.
 */
export const CLOSED_BY_OPENING: ReadonlyMap<string, ImpliedEnd> = new Map<string, ImpliedEnd>([
  ...OPENING_CLOSES_P.map((tag) => [tag, { closes: new Set(["p"]), scope: BUTTON_SCOPE }] as const),
  ...HEADINGS.map((tag) => [tag, { closes: new Set(["p", ...HEADINGS]), scope: BUTTON_SCOPE }] as const),
  // A link inside a link is a parse error (the "a" start tag, adoption agency).
  ["a", { closes: new Set(["a"]), scope: BUTTON_SCOPE }],
  ["li", { closes: new Set(["li", "p"]), scope: LIST_ITEM_SCOPE }],
  ["dt", { closes: new Set(["dt", "dd", "p"]), scope: LIST_ITEM_SCOPE }],
  ["dd", { closes: new Set(["dt", "dd", "p"]), scope: LIST_ITEM_SCOPE }],
  ["td", { closes: new Set(["td", "th"]), scope: TABLE_SCOPE }],
  ["th", { closes: new Set(["td", "th"]), scope: TABLE_SCOPE }],
  ["tr", { closes: new Set(["td", "th", "tr"]), scope: TABLE_SCOPE }],
  ["tbody", { closes: new Set(["td", "th", "tr", "tbody", "thead"]), scope: TABLE_SCOPE }],
  ["thead", { closes: new Set(["td", "th", "tr", "tbody", "thead"]), scope: TABLE_SCOPE }],
]);
