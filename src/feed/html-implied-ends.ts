/**
 * Where the sanitizer writes out the end tags and rows an HTML parser would imply (see
 * CLOSED_BY_OPENING in html-allowlist.ts), so its output parses without a parse error.
 */
import { CLOSED_BY_OPENING, type ImpliedEnd } from "./html-allowlist";

const TABLE_SECTIONS: ReadonlySet<string> = new Set(["table", "tbody", "thead"]);

/** A cell outside a row: HTML's parser adds the row with a parse error; we write it out. */
export function needsRow(tag: string, open: string[]): boolean {
  return (tag === "td" || tag === "th") && open.length > 0 && TABLE_SECTIONS.has(open[open.length - 1]!);
}

/**
 * The index in `open` from which opening `tag` closes every element (see CLOSED_BY_OPENING), or
 * -1: the deepest element it closes that no scope boundary hides.
 */
export function impliedEndFrom(tag: string, open: string[]): number {
  return impliedEndOf(CLOSED_BY_OPENING.get(tag), open);
}

/** impliedEndFrom for a tag whose CLOSED_BY_OPENING entry (undefined: none) is already known. */
export function impliedEndOf(implied: ImpliedEnd | undefined, open: string[]): number {
  if (implied === undefined) return -1;
  let from = -1;
  for (let k = open.length - 1; k >= 0; k--) {
    const name = open[k]!;
    if (implied.closes.has(name)) from = k;
    else if (implied.scope.has(name)) break;
  }
  return from;
}
