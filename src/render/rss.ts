/**
 * The merged feed as RSS 2.0 (https://www.rssboard.org/rss-specification), with the atom,
 * content, dc and feedfold namespaces.
 *
 * ## The feedfold extension in RSS and Atom
 *
 * Namespace `https://feedfold.dev/ns/1.0`, prefix `feedfold`. Each item (RSS) or entry (Atom)
 * carries every copy folded into the story, the canonical copy first, in the same order as
 * JSON Feed's `_feedfold.copies`:
 *
 * ```xml
 * <feedfold:copies>
 *   <feedfold:copy id="…" url="…" title="…" source-id="…" source-title="…"
 *                  source-url="…" site-url="…" published="…" match="…"/>
 * </feedfold:copies>
 * ```
 *
 * | attribute      | meaning                                                          |
 * |----------------|------------------------------------------------------------------|
 * | `id`           | the item's id as its source gave it (guid/id, else link, …)      |
 * | `url`          | the copy's permalink                                             |
 * | `title`        | the copy's own title, as published                               |
 * | `source-id`    | feedfold's stable id of the source                               |
 * | `source-title` | the source's title                                               |
 * | `source-url`   | the source's feed URL                                            |
 * | `site-url`     | the source's home page                                           |
 * | `published`    | the copy's publication date, RFC 3339                            |
 * | `match`        | how the copy joined: first, exact, near, summary, same-url, same-id |
 * | `score`        | for near and summary: the verification score, 0..1               |
 *
 * Attributes whose value is unknown are left out; only `id` and `source-id` are always present.
 *
 * Related coverage (other stories about the same event, never copies; strongest first, at most
 * 5): one `<feedfold:related id="<story id>" url="…" title="…" score="0..1"/>` per story, after
 * the copies; Atom entries also carry a `<link rel="related" href="…"/>` for each.
 * Readers that do not know the namespace ignore the element (RSS 2.0 "Extending RSS").
 *
 * Item identity: `<guid isPermaLink="false">urn:feedfold:story:<story id></guid>`; it never
 * changes, whichever copy is canonical.
 */

import { escapeHtml } from "../feed/entities";
import type { Story } from "../story";
import { toRfc822 } from "./dates";
import { DEFAULT_GENERATOR, type FeedMeta, stylesheetInstruction } from "./feed-meta";
import { FEEDFOLD_NS, renderCopiesXml, renderRelatedXml } from "./feedfold-copies-xml";
import { canonicalCopy, storyExcerpt } from "./story-text";
import { plainTextToHtml } from "./text-html";
import { storyUrn } from "./urns";
import { emptyElement, textElement } from "./xml-build";
import { cdata } from "./xml-escape";

/** Where RSS 2.0 readers learn the format (RSS 2.0 <docs>). */
const RSS_DOCS = "https://www.rssboard.org/rss-specification";

/** One RSS `<item>`. Exported for tests and for rendering single items. */
export function renderRssItem(story: Story): string {
  const i = "    ";
  const lines: string[] = [];
  const push = (line: string) => {
    if (line !== "") lines.push(`${i}  ${line}`);
  };
  const excerpt = storyExcerpt(story);
  // RSS 2.0 requires a title or a description; an item with neither still gets a title.
  push(textElement("title", story.title ?? (excerpt === undefined ? "Untitled" : undefined)));
  push(textElement("link", story.url));
  push(textElement("guid", storyUrn(story.id), { isPermaLink: "false" }));
  push(textElement("pubDate", toRfc822(story.datePublished ?? story.sortDate)));
  const bodyHtml =
    story.contentHtml ?? (story.contentText !== undefined ? plainTextToHtml(story.contentText) : undefined);
  // Image-only bodies have no text but are still the body.
  const hasBody = bodyHtml !== undefined && bodyHtml.trim() !== "";
  // <description> is HTML by convention, so plain text is HTML-escaped before XML-escaping. The
  // RSS Best Practices Profile wants it before content:encoded: a body without text (images
  // only) is its own description.
  push(
    textElement("description", excerpt !== undefined ? escapeHtml(excerpt) : hasBody ? bodyHtml : undefined),
  );
  if (hasBody) lines.push(`${i}  <content:encoded>${cdata(bodyHtml)}</content:encoded>`);
  for (const name of creatorNames(story)) push(textElement("dc:creator", name));
  for (const tag of story.tags) push(textElement("category", tag));
  const enclosure = story.attachments[0];
  if (enclosure !== undefined) {
    // RSS 2.0 makes url, length and type all required; 0 is the customary "unknown length".
    const size = enclosure.sizeInBytes;
    push(
      emptyElement("enclosure", {
        url: enclosure.url,
        length: size !== undefined && Number.isFinite(size) && size >= 0 ? Math.trunc(size) : 0,
        type: enclosure.mimeType ?? "application/octet-stream",
      }),
    );
  }
  const canonical = canonicalCopy(story);
  const sourceFeed = canonical?.source.feedUrl;
  if (canonical !== undefined && sourceFeed !== undefined) {
    push(textElement("source", canonical.source.title ?? sourceFeed, { url: sourceFeed }));
  }
  const copies = renderCopiesXml(story.copies, `${i}  `);
  if (copies !== "") lines.push(copies);
  const related = renderRelatedXml(story.related, `${i}  `);
  if (related !== "") lines.push(related);
  return `${i}<item>\n${lines.join("\n")}\n${i}</item>`;
}

/**
 * The story's authors by name (a person known only by email or URL is named by it); without any,
 * the canonical copy's source, as the Atom entry names it, so every reader shows a byline.
 */
function creatorNames(story: Story): string[] {
  const own = story.authors
    .map((a) => a.name?.trim() || a.email?.trim() || a.url?.trim())
    .filter((name): name is string => name !== undefined && name !== "");
  if (own.length > 0) return own;
  const source = canonicalCopy(story)?.source.title?.trim();
  return source === undefined || source === "" ? [] : [source];
}

/** The merged feed as an RSS 2.0 document; stories are written in the order given (newest first). */
export function renderRss(stories: Story[], meta: FeedMeta): string {
  const c = "    ";
  const channel = [
    textElement("title", meta.title),
    textElement("link", meta.homePageUrl),
    textElement("description", meta.description ?? meta.title),
    emptyElement("atom:link", { href: meta.selfUrl, rel: "self", type: "application/rss+xml" }),
    meta.nextUrl === undefined ? "" : emptyElement("atom:link", { href: meta.nextUrl, rel: "next" }),
    meta.hubUrl === undefined ? "" : emptyElement("atom:link", { href: meta.hubUrl, rel: "hub" }),
    textElement("lastBuildDate", toRfc822(meta.updated)),
    textElement("generator", meta.generator ?? DEFAULT_GENERATOR),
    textElement("docs", RSS_DOCS),
    meta.icon === undefined
      ? ""
      : `<image>${textElement("url", meta.icon)}${textElement("title", meta.title)}${textElement("link", meta.homePageUrl)}</image>`,
  ]
    .filter((line) => line !== "")
    .map((line) => `${c}${line}`);
  const items = stories.map(renderRssItem);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    stylesheetInstruction(meta),
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"' +
      ' xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
      ` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:feedfold="${FEEDFOLD_NS}">`,
    "  <channel>",
    ...channel,
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ]
    .filter((line, index) => index !== 1 || line !== "")
    .join("\n");
}
