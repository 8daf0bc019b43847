/**
 * Reads an HTML fragment (an item's body as our outputs carry it) with parse5, an HTML5 parser,
 * and lists what a browser would have to repair. parse5 reports the tokenizer's parse errors
 * (character references, attributes, comments…) through `onParseError`; tree construction it
 * repairs silently, so that part is checked here from the tree's source locations: every end tag
 * written must close the element it names, and every element must have been opened and closed by
 * tags of the fragment (none implied, none left to the end of the body).
 */
import { parse } from "parse5";

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
// Start and end tags HTML lets a document omit without a parse error (tables get a tbody anyway).
const OPTIONAL_START = new Set(["tbody"]);

interface Located {
  nodeName: string;
  tagName?: string;
  childNodes?: Located[];
  sourceCodeLocation?: {
    startOffset: number;
    startTag?: { startOffset: number };
    endTag?: { startOffset: number };
  } | null;
}

const PREFIX = "<!DOCTYPE html><html><head><title>item</title></head><body>";
const SUFFIX = "</body></html>";

/** The problems of one fragment, each as `code at offset: context`; empty when it is clean. */
export function html5Problems(fragment: string): string[] {
  const problems: string[] = [];
  const at = (offset: number) => {
    const i = offset - PREFIX.length;
    return JSON.stringify(fragment.slice(Math.max(0, i - 40), i + 40));
  };
  const doc = parse(`${PREFIX}${fragment}${SUFFIX}`, {
    sourceCodeLocationInfo: true,
    onParseError: (e) => problems.push(`${e.code} at ${e.startOffset - PREFIX.length}: ${at(e.startOffset)}`),
  }) as unknown as Located;
  const html = doc.childNodes?.find((n) => n.nodeName === "html");
  const body = html?.childNodes?.find((n) => n.nodeName === "body");
  let endTagsMatched = 0;
  const walk = (node: Located) => {
    for (const child of node.childNodes ?? []) {
      if (child.tagName === undefined) continue;
      const loc = child.sourceCodeLocation;
      if (loc?.startTag === undefined) {
        if (!OPTIONAL_START.has(child.tagName)) problems.push(`implied <${child.tagName}>`);
      } else if (!VOID.has(child.tagName) && loc.endTag === undefined) {
        problems.push(`<${child.tagName}> closed implicitly: ${at(loc.startTag.startOffset)}`);
      }
      if (loc?.endTag !== undefined) endTagsMatched++;
      walk(child);
    }
  };
  if (body !== undefined) walk(body);
  // Our outputs escape every "<" of text, so each "</" followed by a letter is an end tag.
  const endTagsWritten = fragment.match(/<\/[A-Za-z]/g)?.length ?? 0;
  if (endTagsWritten !== endTagsMatched) {
    problems.push(`${endTagsWritten - endTagsMatched} end tag(s) close nothing they name`);
  }
  return problems;
}
