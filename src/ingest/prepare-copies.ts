import { type ParsedFeed, type ParsedItem, shownFieldsOf } from "../feed/model";
import { canonicalUrl } from "../feed/urls";
import { exactBodyFingerprint, normalizeBody } from "../fold/fingerprint";
import { bandKeys, matchFeatures } from "../fold/match-features";
import { matchLines } from "../fold/match-text";
import { sha256Hex } from "../fold/sha256";
import { normalizeTitle } from "../fold/title";
import { articleUrlKey } from "../fold/url-key";
import type { CopyPayload, IncomingCopy } from "../fold-index/incoming-copy";
import type { SourceRef } from "../story";
import { siteNamesOf } from "./source-identity";

export type PreparedItem =
  | { kind: "copy"; copy: IncomingCopy; text: string }
  | { kind: "rejected"; id: string; reason: string };

/**
 * The identity of an item within its source: guid/id, else link, else title + date (design.md).
 * Undefined when the item has none of them; prepareCopies then falls back to its body.
 */
export function itemKeyOf(item: ParsedItem): string | undefined {
  if (item.id?.trim()) return item.id.trim();
  if (item.url) return item.url;
  if (item.title?.trim()) return `${item.title.trim()}|${item.datePublished ?? ""}`;
  return undefined;
}

/** The id first, then the shown fields in their fixed order: the JSON of this is the content hash. */
function payloadOf(item: ParsedItem, id: string): CopyPayload {
  return { id, ...shownFieldsOf(item) };
}

/** Longer titles are not titles (a whole post pasted in, or an attack on every feed's size). */
export const MAX_TITLE_CHARS = 4096;
/**
 * The largest item body kept. Every default feed carries 50 stories and a KV value holds at most
 * 25 MiB, so one source must not be able to push items that make the feeds unpublishable.
 */
export const MAX_ITEM_BODY_CHARS = 256 * 1024;

function oversizeReason(item: ParsedItem): string | undefined {
  if ((item.id?.length ?? 0) > 2048) return "the id is longer than 2048 characters";
  if ((item.url?.length ?? 0) > 8192) return "the link is longer than 8192 characters";
  if ((item.title?.length ?? 0) > MAX_TITLE_CHARS) {
    return `the title is longer than ${MAX_TITLE_CHARS} characters`;
  }
  const body =
    (item.contentHtml?.length ?? 0) + (item.contentText?.length ?? 0) + (item.summary?.length ?? 0);
  if (body > MAX_ITEM_BODY_CHARS) return `the body is longer than ${MAX_ITEM_BODY_CHARS} characters`;
  return undefined;
}

/** An item whose identity and content hash are known, before any fingerprinting. */
export interface IdentifiedItem {
  kind: "item";
  item: ParsedItem;
  itemKey: string;
  payload: CopyPayload;
  /** Hash of the payload: what the fold index compares to tell unchanged from updated. */
  contentHash: string;
}

export type ItemIdentity = IdentifiedItem | { kind: "rejected"; id: string; reason: string };

/**
 * Keys for items that repeat an earlier item's id in the same document with another date or
 * text: a document holds each item once, so these are other posts that share an id (a blog that
 * gave two posts of a page one anchor), not updates. They keep the id they were given and get an
 * item key of their own (id, date and place among its namesakes), the same on every re-ingest.
 */
function repeatedIdKeys(items: readonly ParsedItem[]): Map<number, string> {
  const first = new Map<string, { item: ParsedItem; count: number }>();
  const keys = new Map<number, string>();
  items.forEach((item, index) => {
    const id = itemKeyOf(item);
    if (id === undefined) return;
    const seen = first.get(id);
    if (!seen) {
      first.set(id, { item, count: 1 });
      return;
    }
    const sameItem =
      seen.item.datePublished === item.datePublished &&
      (seen.item.contentHtml ?? seen.item.contentText ?? seen.item.summary) ===
        (item.contentHtml ?? item.contentText ?? item.summary);
    if (sameItem) return;
    seen.count++;
    keys.set(index, `${id}\n${item.datePublished ?? ""}\n${seen.count}`);
  });
  return keys;
}

/**
 * The cheap first step of preparing a document: each item's identity, its payload and the hash of
 * it, or why it is refused. Enough for the fold index to say which items it already holds as they
 * are, so only the others pay for normalizing and fingerprinting (`prepareCopy`).
 */
export async function identifyItems(feed: ParsedFeed): Promise<ItemIdentity[]> {
  const repeats = repeatedIdKeys(feed.items);
  return Promise.all(
    feed.items.map(async (item, index): Promise<ItemIdentity> => {
      const rawBody = item.contentHtml || item.contentText || item.summary;
      // An item with only a body (RSS 0.9x allows it) is known by its content, as Miniflux does.
      const sourceId =
        itemKeyOf(item) ?? (rawBody ? `content:${(await sha256Hex(rawBody)).slice(0, 32)}` : undefined);
      if (!sourceId) {
        return { kind: "rejected", id: `#${index + 1}`, reason: "the item has no id, link, title or body" };
      }
      const itemKey = repeats.get(index) ?? sourceId;
      if (!rawBody && !item.title && !item.url) {
        return { kind: "rejected", id: itemKey, reason: "the item has neither a body, a title nor a link" };
      }
      const oversize = oversizeReason(item);
      if (oversize) return { kind: "rejected", id: itemKey.slice(0, 200), reason: oversize };
      // The id the source gave, even where a repeated id got an item key of its own.
      const payload = payloadOf(item, sourceId);
      return { kind: "item", item, itemKey, payload, contentHash: await sha256Hex(JSON.stringify(payload)) };
    }),
  );
}

/**
 * Everything else the fold index needs that takes `await` (hashes) or much CPU (normalizing,
 * near-duplicate features), computed before the index call so the index can decide synchronously.
 */
export async function prepareCopy(
  found: IdentifiedItem,
  source: SourceRef,
  siteNames: string[],
): Promise<{ copy: IncomingCopy; text: string }> {
  const { item, itemKey, payload, contentHash } = found;
  const body = normalizeBody(item, { title: item.title, sourceTitle: source.title });
  const titleKey = item.title ? normalizeTitle(item.title) : undefined;
  // Near-duplicate features: computed here, so the fold index decides without hashing much.
  const features = matchFeatures(matchLines(body.lines));
  const canonical = item.url ? canonicalUrl(item.url) : undefined;
  const [fingerprint, storyHash] = await Promise.all([
    exactBodyFingerprint(body, titleKey),
    sha256Hex(`story\n${source.id}\n${itemKey}`),
  ]);
  return {
    text: body.text,
    copy: {
      source,
      itemKey,
      urlKey: articleUrlKey(canonical),
      contentHash,
      fingerprint,
      lines: body.lines,
      titleKey,
      features,
      bands: bandKeys(features),
      storyIdIfNew: storyHash.slice(0, 20),
      siteNames,
      payload,
    },
  };
}

/** Every item of a document identified and prepared (for /preview, which shows every fingerprint). */
export async function prepareCopies(feed: ParsedFeed, source: SourceRef): Promise<PreparedItem[]> {
  const siteNames = siteNamesOf(source);
  const identities = await identifyItems(feed);
  return Promise.all(
    identities.map(async (found): Promise<PreparedItem> => {
      if (found.kind === "rejected") return found;
      return { kind: "copy", ...(await prepareCopy(found, source, siteNames)) };
    }),
  );
}
