/**
 * Every Workers KV key feedfold uses, and the only place that builds them.
 *
 * KV is eventually consistent (a write may take ~60 s to be seen in other locations) and has no
 * compare-and-set, so nothing here is ever read-modify-written by request handlers: the fold
 * index (a Durable Object, strongly consistent) decides, and is the single writer of these keys.
 *
 * | key                 | value                                              | written                        | read by                    |
 * |---------------------|----------------------------------------------------|--------------------------------|----------------------------|
 * | `story/<storyId>`   | one Story as JSON (its copies inside)              | when the story changes         | GET /items/{id}            |
 * | `feed/rss`          | the default RSS 2.0 document, pre-rendered         | when its bytes change          | GET /feed.xml              |
 * | `feed/atom`         | the default Atom 1.0 document, pre-rendered        | when its bytes change          | GET /feed.atom             |
 * | `feed/json`         | the default JSON Feed 1.1 document, pre-rendered   | when its bytes change          | GET /feed.json             |
 * | `feed/html`         | the HTML page of the latest stories, pre-rendered  | when its bytes change          | GET /                      |
 *
 * The `feed/*` values carry KV metadata `{ etag, lastModified }` so a request needs exactly one
 * KV read (`getWithMetadata`) to answer, 304s included. Story ids are 20 lowercase hex digits
 * (a hash of the first copy's source and item id), so no user input ever becomes a key unhashed.
 */

export type SnapshotFormat = "rss" | "atom" | "json" | "html";

const STORY_ID = /^[0-9a-f]{20}$/;

/** True for a well-formed story id (what `/items/{id}` accepts). */
export function isStoryId(id: string): boolean {
  return STORY_ID.test(id);
}

/** KV key of one story document. Throws on an id that is not a story id. */
export function storyKey(storyId: string): string {
  if (!isStoryId(storyId)) throw new Error(`not a story id: ${storyId}`);
  return `story/${storyId}`;
}

/** KV key of a pre-rendered default feed document. */
export function snapshotKey(format: SnapshotFormat): string {
  return `feed/${format}`;
}
