/**
 * The only code that reads or writes Workers KV. Keys come from ./keys.ts.
 */
import { FEEDS_KEY, SNAPSHOT_FORMATS, type SnapshotFormat, splitSnapshotKey } from "./keys";

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

/** Where one document sits in the `feeds` value, and its HTTP validators. */
export interface SnapshotPart extends SnapshotMeta {
  /** Byte offsets into the value: [start, end). */
  start: number;
  end: number;
}

/** The KV metadata of the `feeds` key (kept well under KV's 1,024-byte metadata limit). */
export interface FeedsMeta {
  parts: Partial<Record<SnapshotFormat, SnapshotPart>>;
}

const UTF8 = new TextEncoder();
const FROM_UTF8 = new TextDecoder();
const KV_METADATA_LIMIT = 1024;

/**
 * One KV read: the pre-rendered document at a `snapshotKey(format)` address. Undefined when
 * nothing was published yet.
 */
export async function readSnapshot(kv: KVNamespace, address: string): Promise<Snapshot | undefined> {
  const { key, format } = splitSnapshotKey(address);
  const { value, metadata } = await kv.getWithMetadata<FeedsMeta>(key, "arrayBuffer");
  const part = metadata?.parts?.[format];
  if (value === null || !part) return undefined;
  return {
    body: FROM_UTF8.decode(new Uint8Array(value, part.start, part.end - part.start)),
    meta: { etag: part.etag, lastModified: part.lastModified },
  };
}

/** One KV write: every default document under the one `feeds` key (see keys.ts for why). */
export async function writeSnapshots(
  kv: KVNamespace,
  docs: Partial<Record<SnapshotFormat, Snapshot>>,
): Promise<void> {
  const chunks: Uint8Array[] = [];
  const parts: FeedsMeta["parts"] = {};
  let offset = 0;
  for (const format of SNAPSHOT_FORMATS) {
    const doc = docs[format];
    if (!doc) continue;
    const bytes = UTF8.encode(doc.body);
    parts[format] = { ...doc.meta, start: offset, end: offset + bytes.byteLength };
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  const value = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    value.set(chunk, at);
    at += chunk.byteLength;
  }
  const metadata: FeedsMeta = { parts };
  if (JSON.stringify(metadata).length > KV_METADATA_LIMIT) {
    throw new Error("feeds metadata over the KV limit of 1,024 bytes");
  }
  await kv.put(FEEDS_KEY, value, { metadata });
}
