/**
 * Every Workers KV key feedfold uses, and the only place that builds them.
 *
 * KV is eventually consistent (a write may take ~60 s to be seen in other locations) and has no
 * compare-and-set, so nothing here is ever read-modify-written by request handlers: the fold
 * index (a Durable Object, strongly consistent) decides, and is the single writer of these keys.
 *
 * | key     | value                                                   | written                        | read by                         |
 * |---------|---------------------------------------------------------|--------------------------------|---------------------------------|
 * | `feeds` | the default RSS, Atom, JSON Feed and HTML documents,    | once per publish that changed  | GET /feed.xml, /feed.atom,      |
 * |         | pre-rendered, their UTF-8 bytes one after another       | any of their bytes             | /feed.json and /                |
 *
 * One key for the four documents, not one each: a KV write is the scarce resource (1,000 a day
 * on the Free plan), and a publish that changes a story usually changes all four, so one key is
 * one write per publish instead of four. Its KV metadata (`FeedsMeta` in kv-store.ts) holds each
 * document's byte range, ETag and Last-Modified, so a request still needs exactly one KV read
 * (`getWithMetadata`), 304s included, and never a `list`. `snapshotKey(format)` names a part of it
 * as `feeds#<format>`; only kv-store.ts splits that address.
 *
 * Story documents are not in KV: `GET /items/{id}` asks the fold index (one Durable Object request),
 * so a new story or copy costs no KV write of its own. Story ids are 20 lowercase hex digits (a hash
 * of the first copy's source and item id), so no user input ever becomes a key unhashed.
 */

export type SnapshotFormat = "rss" | "atom" | "json" | "html";

/** The parts of the `feeds` value, in the order their bytes are stored. */
export const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = ["rss", "atom", "json", "html"];

const STORY_ID = /^[0-9a-f]{20}$/;

/** True for a well-formed story id (what `/items/{id}` accepts). */
export function isStoryId(id: string): boolean {
  return STORY_ID.test(id);
}

/** The KV key holding every pre-rendered default feed document. */
export const FEEDS_KEY = "feeds";

/** Address of one pre-rendered default feed: `feeds#<format>`, a part of the `feeds` value. */
export function snapshotKey(format: SnapshotFormat): string {
  return `${FEEDS_KEY}#${format}`;
}

/** Splits a `snapshotKey` address into the KV key and the part. */
export function splitSnapshotKey(address: string): { key: string; format: SnapshotFormat } {
  const [key, format] = address.split("#") as [string, SnapshotFormat | undefined];
  if (!format || !SNAPSHOT_FORMATS.includes(format)) throw new Error(`not a snapshot address: ${address}`);
  return { key, format };
}
