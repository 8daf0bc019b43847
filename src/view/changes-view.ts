/**
 * The sync answer of `/feed.json?changed_since=<cursor>`: the stories created or changed after the
 * cursor, oldest change first, each with `date_modified` (when feedfold last changed it), and a
 * tombstone `{"id", "_feedfold": {"merged_into"}}` for each story a merge absorbed. Pure: the fold
 * index reads the change log (src/fold-index/change-log.ts); this renders one page of it.
 */
import { toRfc3339 } from "../render/dates";
import {
  type JsonFeedItem,
  type JsonFeedTombstone,
  renderJsonFeedItems,
  storyToJsonItem,
} from "../render/json-feed";
import type { Story } from "../story";
import { DEFAULT_LIMIT, type FeedSite, viewMeta } from "./feed-view";
import { encodeSyncCursor } from "./sync-cursor";

/** One entry of the change log as a sync answer shows it. */
export type StoryChange =
  | { kind: "story"; story: Story }
  | { kind: "merged"; id: string; mergedInto: string };

export interface ChangePage {
  /** At most `limit` changes, oldest first. */
  changes: StoryChange[];
  /** The position after this page: where the next page (or the next sync) starts. */
  cursor: number;
  /** True when more changes follow right now. */
  more: boolean;
}

function changeToItem(change: StoryChange): JsonFeedItem | JsonFeedTombstone {
  if (change.kind === "merged") return { id: change.id, _feedfold: { merged_into: change.mergedInto } };
  const item = storyToJsonItem(change.story);
  return { ...item, date_modified: toRfc3339(change.story.updatedAt) ?? item.date_modified };
}

/** Renders one page of changes; `query` is the request's own query (for the self link). */
export function renderChangesView(
  page: ChangePage,
  site: FeedSite,
  options: { limit: number; query: string },
): string {
  const stories = page.changes.flatMap((c) => (c.kind === "story" ? [c.story] : []));
  const meta = viewMeta("json", stories, site, { limit: options.limit, query: options.query });
  const cursor = encodeSyncCursor(page.cursor);
  let nextUrl: string | undefined;
  if (page.more) {
    const next = new URLSearchParams();
    if (options.limit !== DEFAULT_LIMIT) next.set("limit", String(options.limit));
    next.set("changed_since", cursor);
    nextUrl = `${site.origin}/feed.json?${next}`;
  }
  return renderJsonFeedItems(page.changes.map(changeToItem), { ...meta, nextUrl, syncCursor: cursor });
}
