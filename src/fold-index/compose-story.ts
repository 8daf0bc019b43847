import { stripSiteSuffix } from "../fold/title";
import type { Story } from "../story";
import type { StoredCopy } from "./incoming-copy";

/** Orders copies canonical first: earliest published, first seen on a tie (design.md). */
export function compareCopies(a: StoredCopy, b: StoredCopy): number {
  const ad = a.datePublished ?? a.firstSeen;
  const bd = b.datePublished ?? b.firstSeen;
  if (ad !== bd) return ad < bd ? -1 : 1;
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen ? -1 : 1;
  return 0;
}

/**
 * Builds the story a reader sees from its copies: the canonical copy's link, title (without the
 * site suffix a syndicator added), body and dates; every copy listed, canonical first.
 * `now` clamps future dates so a feed dated next year cannot pin itself to the top.
 */
export function composeStory(
  id: string,
  copies: StoredCopy[],
  fingerprint: string | undefined,
  updatedAt: string,
): Story {
  if (copies.length === 0) throw new Error(`story ${id} has no copies`);
  const ordered = [...copies].sort(compareCopies);
  const canonical = ordered[0]!;
  const p = canonical.payload;
  const rawTitle = p.title ?? ordered.find((c) => c.payload.title)?.payload.title;
  const published = p.datePublished && p.datePublished < canonical.firstSeen ? p.datePublished : undefined;
  return {
    id,
    title: rawTitle === undefined ? undefined : stripSiteSuffix(rawTitle, canonical.siteNames),
    url: p.url,
    contentHtml: p.contentHtml,
    contentText: p.contentText,
    summary: p.summary,
    datePublished: p.datePublished ?? canonical.firstSeen,
    dateModified: p.dateModified,
    authors: p.authors,
    tags: p.tags,
    attachments: p.attachments,
    fingerprint,
    copies: ordered.map((c) => ({
      id: c.id,
      url: c.url,
      title: c.title,
      datePublished: c.datePublished,
      firstSeen: c.firstSeen,
      source: c.source,
      match: c.match,
      score: c.score,
    })),
    sortDate: published ?? canonical.firstSeen,
    updatedAt,
  };
}
