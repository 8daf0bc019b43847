import { FeedParseError } from "../feed/feed-parse-error";
import type { ParsedFeed } from "../feed/model";
import { parseFeed } from "../feed/parse-feed";
import type { IncomingCopy } from "../fold-index/incoming-copy";
import type { ItemRef, KnownBatch } from "../fold-index/item-ref";
import type { SourceRef } from "../story";
import { type IngestFetched, SourceDocumentError } from "./ingest-fetched";
import {
  type IdentifiedItem,
  type ItemIdentity,
  identifyItems,
  type PreparedItem,
  prepareCopies,
  prepareCopy,
} from "./prepare-copies";
import { identifySource, siteNamesOf } from "./source-identity";

/** A parsed document whose items are identified and hashed, not yet fingerprinted. */
export interface IdentifiedDocument {
  feed: ParsedFeed;
  source: SourceRef;
  items: ItemIdentity[];
}

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
  /** Items normalized and fingerprinted: those the fold index did not already hold as they are. */
  prepared: number;
}

/** The two fold index calls an ingest makes (the Durable Object stub, or a fake in unit tests). */
export interface FoldIndexCalls {
  knownItems(sourceId: string, refs: ItemRef[]): Promise<Array<string | null>>;
  ingest(
    batch: IncomingCopy[],
    origin: string | undefined,
    known?: KnownBatch,
  ): Promise<{
    results: Array<{ status: IngestStatus; storyId: string }>;
    known: Array<{ storyId: string }>;
    stale: number[];
  }>;
}

export type PrepareCopy = typeof prepareCopy;

interface DocumentOptions {
  declaredSource?: string;
  contentType?: string;
  maxItems?: number;
}

/** Parses a document and identifies its items: the cheap part /ingest, /preview and polling share. */
export async function identifyDocument(
  body: Uint8Array,
  options: DocumentOptions,
): Promise<IdentifiedDocument> {
  const feed = parseFeed(body, { url: options.declaredSource, contentType: options.contentType });
  if (options.maxItems !== undefined && feed.items.length > options.maxItems) {
    // Refused before any item is hashed or folded: the work of one request stays bounded.
    throw new FeedParseError(
      "too-large",
      `The document has ${feed.items.length} items; at most ${options.maxItems} are accepted per request (MAX_ITEMS_PER_DOCUMENT). Send it in parts.`,
    );
  }
  const source = await identifySource(feed, options.declaredSource);
  return { feed, source, items: await identifyItems(feed) };
}

/** Parses a document and prepares every item in full (for /preview, which shows every fingerprint). */
export async function readDocument(body: Uint8Array, options: DocumentOptions): Promise<ReadDocument> {
  const { feed, source } = await identifyDocument(body, options);
  return { feed, source, prepared: await prepareCopies(feed, source) };
}

/** At most this many rounds of "an item changed while we prepared": each round only shrinks. */
const MAX_ROUNDS = 3;

/**
 * Folds a document into the index; results in document order, rejected items included. First asks
 * the index which items it holds unchanged (one small call, hashes only), so only the others are
 * normalized, fingerprinted and sent in full: an unchanged document costs its parsing and that call.
 */
export async function foldDocument(
  foldIndex: FoldIndexCalls,
  doc: IdentifiedDocument,
  origin: string | undefined,
  prepare: PrepareCopy = prepareCopy,
): Promise<IngestReport> {
  const found = doc.items.filter((i): i is IdentifiedItem => i.kind === "item");
  const outcomes = new Map<IdentifiedItem, { status: IngestStatus; storyId: string }>();
  const copies = new Map<IdentifiedItem, IncomingCopy>();
  if (found.length > 0) {
    const held = await foldIndex.knownItems(doc.source.id, found.map(refOf));
    const storyOf = new Map(found.map((item, i) => [item, held[i] ?? null]));
    let known = found.filter((item) => storyOf.get(item) !== null);
    let fresh = found.filter((item) => storyOf.get(item) === null);
    // With nothing new or changed there is no fold, no publish and no second call.
    for (const item of known) outcomes.set(item, { status: "unchanged", storyId: storyOf.get(item)! });
    const siteNames = siteNamesOf(doc.source);
    for (let round = 1; fresh.length > 0; round++) {
      for (const item of fresh) {
        if (!copies.has(item)) copies.set(item, (await prepare(item, doc.source, siteNames)).copy);
      }
      const batch = { sourceId: doc.source.id, refs: known.map(refOf) };
      const outcome = await foldIndex.ingest(
        fresh.map((item) => copies.get(item)!),
        origin,
        known.length > 0 ? batch : undefined,
      );
      if (outcome.stale.length === 0) {
        for (const [i, item] of fresh.entries()) outcomes.set(item, outcome.results[i]!);
        for (const [i, item] of known.entries()) {
          outcomes.set(item, { status: "unchanged", storyId: outcome.known[i]!.storyId });
        }
        break;
      }
      // Another ingest changed these items since we asked: send them in full this time.
      if (round === MAX_ROUNDS) throw new Error("the items of this document kept changing in the fold index");
      const stale = new Set(outcome.stale.map((i) => known[i]!));
      known = known.filter((item) => !stale.has(item));
      fresh = found.filter((item) => stale.has(item) || copies.has(item));
    }
  }
  const results = doc.items.map((item): IngestResult => {
    if (item.kind === "rejected") return { id: item.id, status: "rejected", reason: item.reason };
    const r = outcomes.get(item)!;
    return { id: item.payload.id, item: r.storyId, status: r.status };
  });
  return { results, prepared: copies.size };
}

function refOf(item: IdentifiedItem): ItemRef {
  return { itemKey: item.itemKey, contentHash: item.contentHash };
}

/** `{ new: 2, unchanged: 5 }`, for logs and summaries. */
export function countStatuses(results: IngestResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** The real hop in the Worker: read the document as /ingest does and fold it into `index`. */
export function ingestFetchedInto(index: FoldIndexCalls, origin: string | undefined): IngestFetched {
  return async (body, sourceUrl, contentType) => {
    let doc: IdentifiedDocument;
    try {
      doc = await identifyDocument(body, { declaredSource: sourceUrl, contentType });
    } catch (err) {
      if (err instanceof FeedParseError) throw new SourceDocumentError(`not a usable feed: ${err.message}`);
      throw err;
    }
    if (doc.feed.items.length === 0 && doc.feed.warnings.length > 0) {
      throw new SourceDocumentError(`no item could be read: ${doc.feed.warnings.slice(0, 3).join("; ")}`);
    }
    // Stored once this answers; the fold index's alarm publishes it.
    const report = await foldDocument(index, doc, origin);
    return { counts: countStatuses(report.results), items: doc.feed.items.length, title: doc.feed.title };
  };
}
