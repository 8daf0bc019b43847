import type { ParsedFeed, ParsedItem } from "../feed/model";
import { canonicalUrl } from "../feed/urls";
import { exactBodyFingerprint, normalizeBody } from "../fold/fingerprint";
import { normalizeTitle } from "../fold/title";
import type { CopyPayload, IncomingCopy } from "../fold-index/incoming-copy";
import type { SourceRef } from "../story";
import { sha256Hex } from "./hash";
import { siteNamesOf } from "./source-identity";

export type PreparedItem =
  | { kind: "copy"; copy: IncomingCopy; text: string }
  | { kind: "rejected"; id: string; reason: string };

/** The identity of an item within its source: guid/id, else link, else title + date (design.md). */
export function itemKeyOf(item: ParsedItem): string | undefined {
  if (item.id?.trim()) return item.id.trim();
  if (item.url) return item.url;
  if (item.title?.trim()) return `${item.title.trim()}|${item.datePublished ?? ""}`;
  return undefined;
}

function payloadOf(item: ParsedItem, id: string): CopyPayload {
  return {
    id,
    url: item.url,
    title: item.title,
    contentHtml: item.contentHtml,
    contentText: item.contentText,
    summary: item.summary,
    datePublished: item.datePublished,
    dateModified: item.dateModified,
    authors: item.authors,
    tags: item.tags,
    attachments: item.attachments,
  };
}

/**
 * Everything the fold index needs that takes `await` (hashes), computed before the index call so
 * the index can decide synchronously.
 */
export async function prepareCopies(feed: ParsedFeed, source: SourceRef): Promise<PreparedItem[]> {
  const siteNames = siteNamesOf(source);
  return Promise.all(
    feed.items.map(async (item, index): Promise<PreparedItem> => {
      const itemKey = itemKeyOf(item);
      if (!itemKey)
        return { kind: "rejected", id: `#${index + 1}`, reason: "the item has no id, link or title" };
      const hasBody = Boolean(item.contentHtml || item.contentText || item.summary);
      if (!hasBody && !item.title && !item.url) {
        return { kind: "rejected", id: itemKey, reason: "the item has neither a body, a title nor a link" };
      }
      const payload = payloadOf(item, itemKey);
      const body = normalizeBody(item, { title: item.title, sourceTitle: source.title });
      const [fingerprint, contentHash, storyHash] = await Promise.all([
        exactBodyFingerprint(body, item.title ? normalizeTitle(item.title) : undefined),
        sha256Hex(JSON.stringify(payload)),
        sha256Hex(`story\n${source.id}\n${itemKey}`),
      ]);
      return {
        kind: "copy",
        text: body.text,
        copy: {
          source,
          itemKey,
          urlKey: item.url ? canonicalUrl(item.url) : undefined,
          contentHash,
          fingerprint,
          storyIdIfNew: storyHash.slice(0, 20),
          siteNames,
          payload,
        },
      };
    }),
  );
}
