/**
 * Small text helpers for summaries and excerpts. Not a sanitizer: story HTML was sanitized at
 * ingest; these only derive plain text for <description>, <summary> and the HTML page excerpt.
 */
import { escapeHtml } from "../feed/entities";
import { htmlToText } from "../fold/html-text";

/**
 * Plain text of an HTML fragment on one line: the fold's block-aware tag stripper and entity
 * decoder (the same text the fingerprints see), with its line breaks collapsed to spaces.
 */
export function htmlToPlainText(html: string): string {
  return collapseWhitespace(htmlToText(html));
}

/** Runs of whitespace (including NBSP) as one space, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00A0]+/g, " ").trim();
}

/**
 * At most `maxChars` characters, cut at a word boundary when one is near, with "…" appended
 * when anything was cut. Never splits a surrogate pair.
 */
export function truncateText(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  const head = chars.slice(0, Math.max(1, maxChars - 1)).join("");
  const lastSpace = head.lastIndexOf(" ");
  const cut = lastSpace >= head.length * 0.6 ? head.slice(0, lastSpace) : head;
  return `${withoutTrailingPunctuation(cut)}…`;
}

const TRAILING = /[\s.,;:!?\u2013\u2014-]/;

// A loop from the end: `/[…]+$/` would retry the run from each of its characters.
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Plain text as HTML paragraphs: blank lines separate paragraphs, single newlines become <br>. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((para) => para.trim())
    .filter((para) => para !== "")
    .map((para) => `<p>${escapeHtml(para).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}
