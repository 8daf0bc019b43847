import { stripSiteSuffix } from "../fold/title";
import type { Copy, Story } from "../story";
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
    copies: listedCopies(ordered),
    sortDate: published ?? canonical.firstSeen,
    updatedAt,
  };
}

/**
 * The copies as listed: one entry per item, except a page pushed as scraped from its own site
 * beside that page from one of the site's feeds: the same copy reached twice, so the scraped
 * item is listed among the feed copy's `aliases` (design.md's founding case: DW and Pinoy Pop
 * News, two copies, whether or not the blog's page was also pushed).
 */
export function listedCopies(ordered: readonly StoredCopy[]): Copy[] {
  const fromFeeds = new Map<string, StoredCopy>();
  for (const c of ordered) {
    if (!c.urlKey.startsWith("entry:") && !isSitePush(c) && !fromFeeds.has(c.urlKey))
      fromFeeds.set(c.urlKey, c);
  }
  const aliases = new Map<StoredCopy, Array<{ id: string; sourceId: string }>>();
  const listed: StoredCopy[] = [];
  for (const c of ordered) {
    const host = isSitePush(c) ? fromFeeds.get(c.urlKey) : undefined;
    if (host && host.source.id !== c.source.id) {
      aliases.set(host, [...(aliases.get(host) ?? []), { id: c.id, sourceId: c.source.id }]);
    } else {
      listed.push(c);
    }
  }
  return listed.map((c) => ({
    id: c.id,
    url: c.url,
    title: c.title,
    datePublished: c.datePublished,
    firstSeen: c.firstSeen,
    source: c.source,
    match: c.match,
    score: c.score,
    aliases: aliases.get(c),
  }));
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

/**
 * A copy pushed by its own site with no feed of its own: the source's address is the site's home
 * page (a scraped push names the site, `?source=https://site/`) and the page is on that host.
 */
function isSitePush(c: StoredCopy): boolean {
  const address = c.source.feedUrl;
  if (!address) return false;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.pathname !== "/" || url.search !== "") return false;
  const host = hostOf(address);
  return host !== undefined && host === hostOf(c.url);
}
