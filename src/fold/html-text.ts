import { decodeHtmlEntities } from "../feed/entities";
import { LINE_BREAKING_ELEMENTS } from "../feed/html-blocks";

/** Table cells sit on one line but must not glue their words together. */
const CELL_ELEMENTS = new Set(["td", "th"]);

/** Elements whose content is never article text; skipped up to their end tag. */
// Literal patterns rather than ones built from the names, so that test/unit/fuzz/regex-static
// can check each before it runs.
const DROPPED_END_TAG: Readonly<Record<string, RegExp>> = {
  script: /<\/script[\s/>]/gi,
  style: /<\/style[\s/>]/gi,
  noscript: /<\/noscript[\s/>]/gi,
  template: /<\/template[\s/>]/gi,
};
const DROPPED_ELEMENTS = new Set(Object.keys(DROPPED_END_TAG));

// HTML collapses only ASCII whitespace in text; a no-break space is content (normalize.ts maps it).
const HTML_WHITESPACE = /[\t\n\f\r ]+/g;
// Text with neither is already collapsed; most text nodes are, and finding that out is much
// cheaper than rebuilding them.
const UNCOLLAPSED_WHITESPACE = /[\t\n\f\r]| {2}/;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isTagNameEnd(code: number): boolean {
  // Tag name state (HTML5 §13.2.5.8) ends at whitespace, "/" or ">".
  return code === 9 || code === 10 || code === 12 || code === 13 || code === 32 || code === 47 || code === 62;
}

/**
 * A scanner that finds where a tag ends, honouring quoted attribute values ("a>b" inside a
 * value does not end the tag). It remembers for each quote character the position after which
 * that character no longer occurs, so an unclosed quote costs one search in the whole document:
 * the scan stays linear on adversarial input.
 */
function createTagEndFinder(html: string): (from: number) => number {
  const noQuoteAfter: Record<string, number> = {
    '"': Number.POSITIVE_INFINITY,
    "'": Number.POSITIVE_INFINITY,
  };
  return (from) => {
    let afterEquals = false;
    for (let k = from; k < html.length; k++) {
      const ch = html[k]!;
      if (ch === ">") return k;
      if ((ch === '"' || ch === "'") && afterEquals && k < noQuoteAfter[ch]!) {
        const close = html.indexOf(ch, k + 1);
        if (close !== -1) {
          k = close;
          afterEquals = false;
          continue;
        }
        noQuoteAfter[ch] = k;
      }
      if (ch === "=") afterEquals = true;
      else if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r" && ch !== "\f") afterEquals = false;
    }
    return -1;
  };
}

/**
 * Turns an HTML fragment into plain text that keeps its block structure: one line per block
 * (paragraph, heading, list item, <br> line), entities decoded, script/style content dropped,
 * inline markup removed without adding spaces (as a browser renders "foo<b>bar</b>").
 * A small linear scanner, not a DOM: it accepts broken markup the way HTML5 tokenizes it
 * ("a < b" is text; a tag still open at the end of input is dropped).
 * Returns lines joined by "\n", each trimmed, no empty lines.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const findTagEnd = createTagEndFinder(html);
  const n = html.length;
  let preDepth = 0;
  let i = 0;

  let lastChar = "\n";
  const append = (chunk: string): void => {
    if (chunk === "") return;
    out.push(chunk);
    lastChar = chunk[chunk.length - 1]!;
  };
  // Like a browser, collapse whitespace across inline tags too ("a <b> c</b>" is "a c").
  const appendCollapsed = (chunk: string): void => {
    const collapsed = UNCOLLAPSED_WHITESPACE.test(chunk) ? chunk.replace(HTML_WHITESPACE, " ") : chunk;
    append(
      collapsed.startsWith(" ") && (lastChar === " " || lastChar === "\n") ? collapsed.slice(1) : collapsed,
    );
  };
  const emitText = (raw: string): void => {
    const decoded = decodeHtmlEntities(raw);
    if (preDepth > 0) append(decoded.replace(/\r\n?/g, "\n"));
    else appendCollapsed(decoded);
  };

  while (i < n) {
    const lt = html.indexOf("<", i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) emitText(html.slice(i, textEnd));
    if (lt === -1) break;
    i = lt;
    const next = html.charCodeAt(i + 1);

    if (next === 33 /* ! */) {
      if (html.startsWith("<!--", i)) {
        const end = html.indexOf("-->", i + 4);
        i = end === -1 ? n : end + 3;
      } else if (html.startsWith("<![CDATA[", i)) {
        // Not HTML, but escaped-HTML feeds sometimes carry it through; its content is text.
        const end = html.indexOf("]]>", i + 9);
        appendCollapsed(end === -1 ? html.slice(i + 9) : html.slice(i + 9, end));
        i = end === -1 ? n : end + 3;
      } else {
        const end = html.indexOf(">", i + 2); // doctype or bogus comment
        i = end === -1 ? n : end + 1;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = html.indexOf(">", i + 2); // processing instruction: a bogus comment in HTML
      i = end === -1 ? n : end + 1;
      continue;
    }

    const closing = next === 47; /* / */
    const nameStart = i + (closing ? 2 : 1);
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      if (closing) {
        // "</>" is ignored; "</3" is a bogus comment up to ">" (HTML5 §13.2.5.7).
        const end = html.indexOf(">", nameStart);
        i = end === -1 ? n : end + 1;
      } else {
        append("<");
        i += 1;
      }
      continue;
    }

    let nameEnd = nameStart + 1;
    while (nameEnd < n && !isTagNameEnd(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tagEnd = findTagEnd(nameEnd);
    if (tagEnd === -1) break; // end of input inside a tag: HTML5 drops the tag
    i = tagEnd + 1;

    if (LINE_BREAKING_ELEMENTS.has(name)) {
      append("\n");
      if (name === "pre") preDepth = closing ? Math.max(0, preDepth - 1) : preDepth + 1;
    } else if (CELL_ELEMENTS.has(name)) {
      appendCollapsed(" ");
    } else if (!closing && DROPPED_ELEMENTS.has(name) && html[tagEnd - 1] !== "/") {
      const endTag = DROPPED_END_TAG[name]!;
      endTag.lastIndex = i;
      const match = endTag.exec(html);
      i = match === null ? n : match.index;
    }
  }

  const lines: string[] = [];
  for (const line of out.join("").split("\n")) {
    const trimmed = line.trim();
    if (trimmed !== "") lines.push(trimmed);
  }
  return lines.join("\n");
}
