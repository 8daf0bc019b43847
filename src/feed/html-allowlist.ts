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

/**
 * HTML's implied end tags (§13.2.6.4.7): opening the key closes an open element of these kinds
 * on top of the stack, as a browser would ("<li>a<li>b", "<p>a<div>").
 */
export const CLOSED_BY_OPENING: ReadonlyMap<string, ReadonlySet<string>> = new Map<
  string,
  ReadonlySet<string>
>([
  ...BLOCKS_CLOSING_P.map((tag) => [tag, new Set(["p"])] as const),
  ["li", new Set(["li", "p"])],
  ["dt", new Set(["dt", "dd", "p"])],
  ["dd", new Set(["dt", "dd", "p"])],
  ["td", new Set(["td", "th"])],
  ["th", new Set(["td", "th"])],
  ["tr", new Set(["td", "th", "tr"])],
  ["tbody", new Set(["td", "th", "tr", "tbody", "thead"])],
  ["thead", new Set(["td", "th", "tr", "tbody", "thead"])],
]);
