import type { Author, ParsedFeed, ParsedItem } from "../feed/model";
import type { SourceRef } from "../story";

export interface PreviewEntry {
  item: ParsedItem;
  /** The id the item would be stored under (its guid/id, else link, else title + date). */
  id: string;
  fingerprint?: string;
  /** The stored story this item would fold into. */
  duplicateOf?: string;
  rejected?: string;
}

const authorJson = (a: Author) => ({
  name: a.name,
  url: a.url ?? (a.email ? `mailto:${a.email}` : undefined),
});

/**
 * The /preview answer: the posted document as a JSON Feed 1.1, items in document order, exactly
 * as /ingest would read them, each with the `_feedfold` facts /ingest would fold on.
 */
export function renderPreview(
  feed: ParsedFeed,
  source: SourceRef,
  entries: PreviewEntry[],
  storyUrl: (id: string) => string,
): string {
  const doc = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title ?? "",
    home_page_url: feed.homePageUrl,
    feed_url: feed.feedUrl,
    description: feed.description,
    language: feed.language,
    icon: feed.iconUrl,
    authors: feed.authors.length ? feed.authors.map(authorJson) : undefined,
    _feedfold: { format: feed.format, source, warnings: feed.warnings },
    items: entries.map(({ item, id, fingerprint, duplicateOf, rejected }) => ({
      id,
      url: item.url,
      external_url: item.externalUrl,
      title: item.title,
      content_html: item.contentHtml,
      content_text: item.contentText,
      summary: item.summary,
      image: item.imageUrl,
      date_published: item.datePublished,
      date_modified: item.dateModified,
      authors: item.authors.length ? item.authors.map(authorJson) : undefined,
      tags: item.tags.length ? item.tags : undefined,
      language: item.language,
      attachments: item.attachments.length
        ? item.attachments.map((a) => ({
            url: a.url,
            mime_type: a.mimeType ?? "application/octet-stream",
            title: a.title,
            size_in_bytes: a.sizeInBytes,
            duration_in_seconds: a.durationInSeconds,
          }))
        : undefined,
      _feedfold: {
        fingerprint,
        rejected,
        duplicate_of: duplicateOf ? storyUrl(duplicateOf) : undefined,
        copies: [
          {
            id,
            url: item.url,
            title: item.title,
            date_published: item.datePublished,
            source: {
              id: source.id,
              title: source.title,
              home_page_url: source.homePageUrl,
              feed_url: source.feedUrl,
            },
          },
        ],
      },
    })),
  };
  return JSON.stringify(doc);
}
