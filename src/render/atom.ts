/**
 * The merged feed as Atom 1.0 (RFC 4287). The `feedfold:copies` element is documented at the top
 * of rss.ts. Entries without authors of their own name the canonical copy's source; the feed
 * always has an author so no entry is left without one (RFC 4287 §4.1.1).
 */

import { escapeHtml } from "../feed/entities";
import type { Author } from "../feed/model";
import type { Story } from "../story";
import { toRfc3339 } from "./dates";
import { DEFAULT_GENERATOR, type FeedMeta, stylesheetInstruction } from "./feed-meta";
import { FEEDFOLD_NS, renderCopiesXml, renderRelatedXml } from "./feedfold-copies-xml";
import { canonicalCopy, otherCopies, storyExcerpt } from "./story-text";
import { feedUrn, sourceUrn, storyUrn } from "./urns";
import { emptyElement, textElement } from "./xml-build";

function renderAuthor(person: Author, indent: string): string {
  // atom:name is required (§3.2.1); a person known only by email or URL is named by it.
  const name = person.name?.trim() || person.email || person.url;
  if (name === undefined) return "";
  const parts = [
    textElement("name", name),
    textElement("email", person.email),
    textElement("uri", person.url),
  ];
  return `${indent}<author>${parts.join("")}</author>`;
}

function renderEntryAuthors(story: Story, indent: string): string[] {
  const own = story.authors.map((a) => renderAuthor(a, indent)).filter((s) => s !== "");
  if (own.length > 0) return own;
  const source = canonicalCopy(story)?.source;
  const sourceTitle = source?.title?.trim();
  if (sourceTitle === undefined || sourceTitle === "") return [];
  return [renderAuthor({ name: sourceTitle, url: source?.homePageUrl }, indent)];
}

/**
 * Text that a reader could take for markup (an end tag, or "&name" / "&#…" that reads as a
 * character reference, as in a YouTube link's "&ab_channel=") goes out as escaped HTML, which says
 * exactly the same; other text stays `type="text"` (RFC 4287 §3.1.1).
 */
const LOOKS_LIKE_MARKUP = /<\/?[A-Za-z]|&#?\w/;

function textConstruct(name: string, text: string | undefined): string {
  if (text === undefined) return "";
  return LOOKS_LIKE_MARKUP.test(text)
    ? textElement(name, escapeHtml(text), { type: "html" })
    : textElement(name, text, { type: "text" });
}

/**
 * The canonical copy's source (§4.2.11). Its `updated` is when feedfold read the entry from that
 * feed (the copy's first sighting): the source feed was at least that recent then, and the
 * validators expect the element.
 */
function renderEntrySource(story: Story, indent: string): string {
  const copy = canonicalCopy(story);
  if (copy === undefined) return "";
  const source = copy.source;
  const parts = [
    textElement("id", sourceUrn(source.id)),
    textElement("title", source.title),
    textElement("updated", toRfc3339(copy.firstSeen) ?? toRfc3339(copy.datePublished)),
    source.homePageUrl === undefined
      ? ""
      : emptyElement("link", { rel: "alternate", type: "text/html", href: source.homePageUrl }),
    source.feedUrl === undefined ? "" : emptyElement("link", { rel: "self", href: source.feedUrl }),
  ];
  return `${indent}<source>${parts.join("")}</source>`;
}

/** One Atom `<entry>`. `fallbackUpdated` is used when the story has no usable date. */
export function renderAtomEntry(story: Story, fallbackUpdated: string): string {
  const i = "  ";
  const c = `${i}  `;
  const lines: string[] = [];
  const push = (line: string) => {
    if (line !== "") lines.push(`${c}${line}`);
  };
  const published = toRfc3339(story.datePublished);
  const updated =
    toRfc3339(story.dateModified) ?? published ?? toRfc3339(story.sortDate) ?? toRfc3339(fallbackUpdated);
  push(textElement("id", storyUrn(story.id)));
  // Titles stay plain text even when they quote markup: readers show title_detail as given, and an
  // HTML title would reach some as "&lt;" (feedparser, the XSLT page).
  push(textElement("title", story.title ?? "", { type: "text" }));
  push(textElement("updated", updated ?? "1970-01-01T00:00:00Z"));
  push(textElement("published", published));
  if (story.url !== undefined)
    push(emptyElement("link", { rel: "alternate", type: "text/html", href: story.url }));
  const viaSeen = new Set(story.url === undefined ? [] : [story.url]);
  for (const copy of otherCopies(story)) {
    if (copy.url === undefined || viaSeen.has(copy.url)) continue;
    viaSeen.add(copy.url);
    push(emptyElement("link", { rel: "via", href: copy.url, title: copy.source.title }));
  }
  // RFC 4287 4.2.7.2: "related" identifies a resource related to the entry (here: another story
  // about the same event), by its link, else its story URN.
  for (const related of story.related ?? []) {
    push(
      emptyElement("link", {
        rel: "related",
        href: related.url ?? storyUrn(related.id),
        title: related.title,
      }),
    );
  }
  for (const attachment of story.attachments) {
    const size = attachment.sizeInBytes;
    push(
      emptyElement("link", {
        rel: "enclosure",
        href: attachment.url,
        type: attachment.mimeType,
        length: size !== undefined && Number.isFinite(size) && size >= 0 ? Math.trunc(size) : undefined,
        title: attachment.title,
      }),
    );
  }
  lines.push(...renderEntryAuthors(story, c));
  for (const tag of story.tags) push(emptyElement("category", { term: tag }));
  const hasContent = story.contentHtml !== undefined || story.contentText !== undefined;
  // An entry with no body still says something (the validators' "missing textual content"):
  // its title, else its link.
  push(textConstruct("summary", storyExcerpt(story) ?? (hasContent ? undefined : story.title || story.url)));
  if (story.contentHtml !== undefined) push(textElement("content", story.contentHtml, { type: "html" }));
  else if (story.contentText !== undefined) push(textConstruct("content", story.contentText));
  const source = renderEntrySource(story, c);
  if (source !== "") lines.push(source);
  const copies = renderCopiesXml(story.copies, c);
  if (copies !== "") lines.push(copies);
  const related = renderRelatedXml(story.related, c);
  if (related !== "") lines.push(related);
  return `${i}<entry>\n${lines.join("\n")}\n${i}</entry>`;
}

/** The merged feed as an Atom 1.0 document; stories are written in the order given (newest first). */
export function renderAtom(stories: Story[], meta: FeedMeta): string {
  const updated = toRfc3339(meta.updated) ?? "1970-01-01T00:00:00Z";
  const head = [
    textElement("id", feedUrn(meta.homePageUrl)),
    textElement("title", meta.title, { type: "text" }),
    textElement("subtitle", meta.description, { type: "text" }),
    textElement("updated", updated),
    emptyElement("link", { rel: "self", type: "application/atom+xml", href: meta.selfUrl }),
    emptyElement("link", { rel: "alternate", type: "text/html", href: meta.homePageUrl }),
    meta.nextUrl === undefined ? "" : emptyElement("link", { rel: "next", href: meta.nextUrl }),
    meta.hubUrl === undefined ? "" : emptyElement("link", { rel: "hub", href: meta.hubUrl }),
    `<author>${textElement("name", meta.title)}${textElement("uri", meta.homePageUrl)}</author>`,
    textElement("generator", meta.generator ?? DEFAULT_GENERATOR),
    textElement("icon", meta.icon),
  ]
    .filter((line) => line !== "")
    .map((line) => `  ${line}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    stylesheetInstruction(meta),
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:feedfold="${FEEDFOLD_NS}">`,
    ...head,
    ...stories.map((story) => renderAtomEntry(story, updated)),
    "</feed>",
    "",
  ]
    .filter((line, index) => index !== 1 || line !== "")
    .join("\n");
}
