import { htmlToText } from "../fold/html-text";
import type { Story } from "../story";
import { type SalientTerms, salientTerms } from "./salient-terms";

/** The fields of a story its related coverage is computed from: the canonical copy's own. */
export type RelateFields = Pick<Story, "title" | "contentHtml" | "contentText" | "summary">;

/** A story's body as plain text, one line per paragraph (the summary when it has no body). */
export function relateText(story: RelateFields): string {
  if (story.contentHtml !== undefined && story.contentHtml !== "") return htmlToText(story.contentHtml);
  if (story.contentText !== undefined && story.contentText !== "") return story.contentText;
  return story.summary !== undefined ? htmlToText(story.summary) : "";
}

/** The salient terms of a story (salient-terms.ts), from its title and body. */
export function storyTerms(story: RelateFields): SalientTerms {
  return salientTerms({ title: story.title, text: relateText(story) });
}
