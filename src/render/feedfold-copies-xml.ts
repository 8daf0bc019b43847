/**
 * The `feedfold:copies` element shared by RSS and Atom; its format is documented at the top of
 * rss.ts (the README points there). Same facts as JSON Feed's `_feedfold.copies`.
 */
import type { Copy, RelatedStory } from "../story";
import { toRfc3339 } from "./dates";
import { emptyElement } from "./xml-build";

/** Namespace of the feedfold extension elements, bound to the prefix `feedfold`. */
export const FEEDFOLD_NS = "https://feedfold.dev/ns/1.0";

/** `<feedfold:copies>` with one `<feedfold:copy/>` per copy, canonical first; "" when none. */
export function renderCopiesXml(copies: Copy[], indent: string): string {
  if (copies.length === 0) return "";
  const lines = copies.map(
    (copy) =>
      `${indent}  ${emptyElement("feedfold:copy", {
        id: copy.id,
        url: copy.url,
        title: copy.title,
        "source-id": copy.source.id,
        "source-title": copy.source.title,
        "source-url": copy.source.feedUrl,
        "site-url": copy.source.homePageUrl,
        published: toRfc3339(copy.datePublished),
        match: copy.match,
        score: copy.score,
      })}`,
  );
  return `${indent}<feedfold:copies>\n${lines.join("\n")}\n${indent}</feedfold:copies>`;
}

/**
 * One `<feedfold:related id="…" url="…" title="…" score="…"/>` per related story (another story
 * about the same event, strongest first), as JSON Feed's `_feedfold.related`; "" when none.
 */
export function renderRelatedXml(related: readonly RelatedStory[] | undefined, indent: string): string {
  if (related === undefined || related.length === 0) return "";
  return related
    .map(
      (r) =>
        `${indent}${emptyElement("feedfold:related", { id: r.id, url: r.url, title: r.title, score: r.score })}`,
    )
    .join("\n");
}
