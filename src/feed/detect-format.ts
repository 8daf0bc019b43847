import { FeedParseError } from "./feed-parse-error";

/** Which adapter a document needs, decided from its text. */
export type DocumentKind = "xml" | "json";

// Skips the XML declaration, comments, processing instructions and a DOCTYPE to reach the
// root element's name. Each alternative starts with a distinct literal, so this is linear.
const PROLOG_ITEM =
  /^\s*(?:<\?[^?]*(?:\?(?!>)[^?]*)*\?>|<!--[^-]*(?:-(?!->)[^-]*)*-->|<!DOCTYPE[^[>]*(?:\[[^\]]*\]\s*)?>)/i;
const ROOT_NAME = /^\s*<([A-Za-z_][\w.-]*(?::[\w.-]+)?)/;

/** The name of the root element ("rss", "rdf:RDF", "feed"…), or undefined when there is none. */
export function rootElementName(text: string): string | undefined {
  let rest = text.slice(0, 64 * 1024);
  for (let i = 0; i < 32; i++) {
    const item = PROLOG_ITEM.exec(rest);
    if (!item) break;
    rest = rest.slice(item[0].length);
  }
  return ROOT_NAME.exec(rest)?.[1];
}

const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/**
 * Tells XML from JSON from anything else, by content (design.md: not by Content-Type alone).
 * Throws FeedParseError: "empty" for nothing, "not-a-feed" for HTML pages and other text.
 */
export function detectDocumentKind(text: string): DocumentKind {
  const start = text.trimStart();
  if (start === "") throw new FeedParseError("empty", "The body is empty; send the feed document itself.");
  // "[": a JSON array is JSON too, refused by the JSON reader with a message that says so.
  if (start.startsWith("{") || start.startsWith("[")) return "json";
  if (HTML_START.test(start) || /^html$/i.test(rootElementName(start) ?? "")) {
    throw new FeedParseError(
      "not-a-feed",
      "This is an HTML page, not a feed; send the page's RSS, Atom or JSON feed.",
    );
  }
  if (start.startsWith("<")) return "xml";
  throw new FeedParseError(
    "not-a-feed",
    "The body is neither XML nor JSON; send an RSS, Atom or JSON Feed document.",
  );
}
