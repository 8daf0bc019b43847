import { FeedParseError } from "../feed/feed-parse-error";
import type { ParsedFeed } from "../feed/model";
import { parseFeed } from "../feed/parse-feed";
import type { FoldIndex } from "../fold-index/fold-index";
import { logEvent } from "../log-event";
import type { SourceRef } from "../story";
import { type IngestFetched, SourceDocumentError } from "./ingest-fetched";
import { type PreparedItem, prepareCopies } from "./prepare-copies";
import { identifySource } from "./source-identity";

export interface ReadDocument {
  feed: ParsedFeed;
  source: SourceRef;
  prepared: PreparedItem[];
}

export type IngestStatus = "new" | "duplicate" | "updated" | "unchanged" | "rejected";

export interface IngestResult {
  id: string;
  item?: string;
  status: IngestStatus;
  reason?: string;
}

export interface IngestReport {
  results: IngestResult[];
  publishError?: string;
}

/** Parses a document and prepares its items for the fold index: what /ingest, /preview and polling share. */
export async function readDocument(
  body: Uint8Array,
  options: { declaredSource?: string; contentType?: string; maxBytes?: number; maxItems?: number },
): Promise<ReadDocument> {
  const feed = parseFeed(body, { url: options.declaredSource, contentType: options.contentType });
  if (options.maxItems !== undefined && feed.items.length > options.maxItems) {
    // Refused before any item is hashed or folded: the work of one request stays bounded.
    throw new FeedParseError(
      "too-large",
      `The document has ${feed.items.length} items; at most ${options.maxItems} are accepted per request (MAX_ITEMS_PER_DOCUMENT). Send it in parts.`,
    );
  }
  const source = await identifySource(feed, options.declaredSource);
  return { feed, source, prepared: await prepareCopies(feed, source) };
}

/** Folds a read document into the index; results in document order, rejected items included. */
export async function foldDocument(
  foldIndex: DurableObjectStub<FoldIndex>,
  doc: ReadDocument,
  origin: string | undefined,
): Promise<IngestReport> {
  const copies = doc.prepared.flatMap((p) => (p.kind === "copy" ? [p.copy] : []));
  const outcome = copies.length
    ? await foldIndex.ingest(copies, origin)
    : { results: [], publishError: undefined };
  let next = 0;
  const results = doc.prepared.map((p): IngestResult => {
    if (p.kind === "rejected") return { id: p.id, status: "rejected", reason: p.reason };
    const r = outcome.results[next++]!;
    return { id: p.copy.payload.id, item: r.storyId, status: r.status };
  });
  return { results, publishError: outcome.publishError };
}

/** `{ new: 2, unchanged: 5 }`, for logs and summaries. */
export function countStatuses(results: IngestResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** The real hop in the Worker: read the document as /ingest does and fold it into `index`. */
export function ingestFetchedInto(
  index: DurableObjectStub<FoldIndex>,
  origin: string | undefined,
): IngestFetched {
  return async (body, sourceUrl, contentType) => {
    let doc: Awaited<ReturnType<typeof readDocument>>;
    try {
      doc = await readDocument(body, { declaredSource: sourceUrl, contentType });
    } catch (err) {
      if (err instanceof FeedParseError) throw new SourceDocumentError(`not a usable feed: ${err.message}`);
      throw err;
    }
    if (doc.feed.items.length === 0 && doc.feed.warnings.length > 0) {
      throw new SourceDocumentError(`no item could be read: ${doc.feed.warnings.slice(0, 3).join("; ")}`);
    }
    const report = await foldDocument(index, doc, origin);
    if (report.publishError) {
      // Stored; the fold index's alarm publishes it. Not the source's fault.
      logEvent("poll-publish-deferred", { source: doc.source.id, error: report.publishError });
    }
    return { counts: countStatuses(report.results), items: doc.feed.items.length, title: doc.feed.title };
  };
}
