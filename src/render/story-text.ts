/**
 * Text views of a story shared by the renderers: the excerpt used as RSS <description>,
 * Atom <summary> and on the HTML page, and the display name of a copy's source.
 */
import type { Copy, Story } from "../story";
import { collapseWhitespace, htmlToPlainText, truncateText } from "./text-html";
import { hostOf } from "./urls";

/** Excerpt length, about a tweet: long enough to decide whether to read on. */
export const EXCERPT_CHARS = 280;

/** The story's full body as plain text (HTML stripped), or undefined when it has none. */
export function storyBodyText(story: Story): string | undefined {
  const text =
    story.contentHtml !== undefined
      ? htmlToPlainText(story.contentHtml)
      : story.contentText !== undefined
        ? collapseWhitespace(story.contentText)
        : undefined;
  return text === "" ? undefined : text;
}

/**
 * A short plain-text summary: the story's own summary when it has one (it may be HTML, see
 * ParsedItem.summary), else the beginning of its body; undefined when there is no text at all.
 */
export function storyExcerpt(story: Story, maxChars = EXCERPT_CHARS): string | undefined {
  const summary = story.summary !== undefined ? htmlToPlainText(story.summary) : "";
  const text = summary !== "" ? summary : storyBodyText(story);
  return text === undefined ? undefined : truncateText(text, maxChars);
}

/** The canonical copy (the first, see Story.copies), if any. */
export function canonicalCopy(story: Story): Copy | undefined {
  return story.copies[0];
}

/** The non-canonical copies, in stored order. */
export function otherCopies(story: Story): Copy[] {
  return story.copies.slice(1);
}

/** A human name for the source of a copy: its title, else the host of its site, feed or item. */
export function copySourceName(copy: Copy): string | undefined {
  const title = copy.source.title?.trim();
  if (title) return title;
  return hostOf(copy.source.homePageUrl) ?? hostOf(copy.source.feedUrl) ?? hostOf(copy.url);
}
