/**
 * The merged feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1), each item carrying the
 * `_feedfold` extension exactly as design.md defines it. Undefined members vanish in
 * JSON.stringify, so optional fields are simply left undefined.
 */
import type { Attachment, Author } from "../feed/model";
import type { Copy, Story } from "../story";
import { toRfc3339 } from "./dates";
import type { FeedMeta } from "./feed-meta";
import { htmlToPlainText } from "./text-html";
import { stripXmlForbidden } from "./xml-escape";

/** JSON Feed 1.1 author: at least one member must be present. */
export interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

export interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  title?: string;
  size_in_bytes?: number;
  duration_in_seconds?: number;
}

/** One entry of `_feedfold.copies`. */
export interface FeedfoldCopyJson {
  id: string;
  url?: string;
  title?: string;
  date_published?: string;
  match: Copy["match"];
  /** For near and summary matches: the score the fold was decided on (0..1). */
  score?: number;
  source: { id: string; title?: string; home_page_url?: string; feed_url?: string };
  /** Other items that are this copy: the same page pushed as scraped from its own site. */
  aliases?: Array<{ id: string; source: { id: string } }>;
}

/** One entry of `_feedfold.related`: another story about the same event (never a copy). */
export interface FeedfoldRelatedJson {
  id: string;
  title?: string;
  url?: string;
  score: number;
}

export interface JsonFeedItem {
  id: string;
  url?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  date_published?: string;
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  attachments?: JsonFeedAttachment[];
  _feedfold: { fingerprint?: string; copies: FeedfoldCopyJson[]; related?: FeedfoldRelatedJson[] };
}

/** A story absorbed by a merge, as a sync answer (`?changed_since=`) lists it once. */
export interface JsonFeedTombstone {
  id: string;
  _feedfold: { merged_into: string };
}

export interface JsonFeedDocument {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description?: string;
  icon?: string;
  next_url?: string;
  /** WebSub hubs (JSON Feed 1.1 `hubs`), when one is configured. */
  hubs?: Array<{ type: string; url: string }>;
  authors: JsonFeedAuthor[];
  /** Where an app's next `?changed_since=` sync starts (see FeedMeta.syncCursor). */
  _feedfold?: { sync_cursor: string };
  items: Array<JsonFeedItem | JsonFeedTombstone>;
}

/** JSON Feed has no email member; an email-only author becomes a mailto: URL. */
function toJsonAuthor(author: Author): JsonFeedAuthor | undefined {
  const name = author.name?.trim() || undefined;
  const url = author.url ?? (author.email !== undefined ? `mailto:${author.email}` : undefined);
  return name === undefined && url === undefined ? undefined : { name, url };
}

function toJsonAttachment(attachment: Attachment): JsonFeedAttachment {
  const size = attachment.sizeInBytes;
  const duration = attachment.durationInSeconds;
  return {
    url: attachment.url,
    // mime_type is required by JSON Feed 1.1; octet-stream is the honest "unknown".
    mime_type: attachment.mimeType ?? "application/octet-stream",
    title: attachment.title,
    size_in_bytes: size !== undefined && Number.isFinite(size) && size >= 0 ? Math.trunc(size) : undefined,
    duration_in_seconds:
      duration !== undefined && Number.isFinite(duration) && duration >= 0 ? duration : undefined,
  };
}

function toCopyJson(copy: Copy): FeedfoldCopyJson {
  return {
    id: copy.id,
    url: copy.url,
    title: copy.title,
    date_published: toRfc3339(copy.datePublished),
    match: copy.match,
    score: copy.score,
    source: {
      id: copy.source.id,
      title: copy.source.title,
      home_page_url: copy.source.homePageUrl,
      feed_url: copy.source.feedUrl,
    },
    aliases: copy.aliases?.map((alias) => ({ id: alias.id, source: { id: alias.sourceId } })),
  };
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** One story as a JSON Feed 1.1 item with its `_feedfold` extension (also served at /items/{id}). */
export function storyToJsonItem(story: Story): JsonFeedItem {
  const summary = story.summary === undefined ? undefined : htmlToPlainText(story.summary) || undefined;
  // JSON Feed 1.1: content_html or content_text must be present; fall back to summary or title.
  const contentText =
    story.contentHtml === undefined ? (story.contentText ?? summary ?? story.title ?? "") : undefined;
  const authors = story.authors.map(toJsonAuthor).filter((a): a is JsonFeedAuthor => a !== undefined);
  return {
    id: story.id,
    url: story.url,
    title: story.title,
    content_html: story.contentHtml,
    content_text: contentText,
    summary,
    date_published: toRfc3339(story.datePublished),
    date_modified: toRfc3339(story.dateModified),
    authors: nonEmpty(authors),
    tags: nonEmpty(story.tags),
    attachments: nonEmpty(story.attachments.map(toJsonAttachment)),
    _feedfold: {
      fingerprint: story.fingerprint,
      copies: story.copies.map(toCopyJson),
      related: nonEmpty(
        (story.related ?? []).map((r) => ({ id: r.id, title: r.title, url: r.url, score: r.score })),
      ),
    },
  };
}

/** One story as JSON text for GET /items/{id}: `storyToJsonItem` serialized like the feed's items. */
export function renderJsonItem(story: Story): string {
  return JSON.stringify(storyToJsonItem(story), dropForbiddenChars);
}

/** The merged feed as a JSON Feed 1.1 document (UTF-8 JSON text); stories in the order given. */
export function renderJsonFeed(stories: Story[], meta: FeedMeta): string {
  return renderJsonFeedItems(stories.map(storyToJsonItem), meta);
}

/** A JSON Feed 1.1 document of items already made (a sync answer mixes stories and tombstones). */
export function renderJsonFeedItems(items: Array<JsonFeedItem | JsonFeedTombstone>, meta: FeedMeta): string {
  const doc: JsonFeedDocument = {
    version: "https://jsonfeed.org/version/1.1",
    title: meta.title,
    home_page_url: meta.homePageUrl,
    // feed_url identifies the feed (JSON Feed 1.1), so it is the stable URL, not this page's.
    feed_url: meta.feedUrls.json,
    description: meta.description,
    icon: meta.icon,
    next_url: meta.nextUrl,
    hubs: meta.hubUrl === undefined ? undefined : [{ type: "WebSub", url: meta.hubUrl }],
    authors: [{ name: meta.title, url: meta.homePageUrl }],
    _feedfold: meta.syncCursor === undefined ? undefined : { sync_cursor: meta.syncCursor },
    items,
  };
  return JSON.stringify(doc, dropForbiddenChars);
}

/**
 * JSON could carry controls and lone surrogates as escapes, but strict decoders (serde, Go's
 * replacement) reject or alter them; drop them so all three formats show the same text.
 */
function dropForbiddenChars(_key: string, value: unknown): unknown {
  return typeof value === "string" ? stripXmlForbidden(value) : value;
}
