/**
 * The only code that reads or writes Workers KV. Keys come from ./keys.ts.
 */

/** KV metadata stored beside each pre-rendered feed, so one read answers a request and its 304. */
export interface SnapshotMeta {
  etag: string;
  /** HTTP-date of the last change of the document's bytes. */
  lastModified: string;
}

export interface Snapshot {
  body: string;
  meta: SnapshotMeta;
}

/** One KV read. Undefined when nothing was published yet. */
export async function readSnapshot(kv: KVNamespace, key: string): Promise<Snapshot | undefined> {
  const { value, metadata } = await kv.getWithMetadata<SnapshotMeta>(key, "text");
  if (value === null || !metadata) return undefined;
  return { body: value, meta: metadata };
}

export async function writeSnapshot(
  kv: KVNamespace,
  key: string,
  body: string,
  meta: SnapshotMeta,
): Promise<void> {
  await kv.put(key, body, { metadata: meta });
}

/** One KV read: the story document as JSON text, or undefined. */
export async function readStory(kv: KVNamespace, key: string): Promise<string | undefined> {
  return (await kv.get(key, "text")) ?? undefined;
}

export async function writeStory(kv: KVNamespace, key: string, doc: string): Promise<void> {
  await kv.put(key, doc);
}
