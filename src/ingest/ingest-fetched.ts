/**
 * The contract of the polling → ingest hop, pure so the poller's unit tests need no Workers
 * runtime. The Worker's implementation is `ingestFetchedInto` in ingest-document.ts; the two are
 * wired in src/sources/poll-runtime.ts.
 */

/** What ingesting one fetched document gave. */
export interface IngestSummary {
  counts: Record<string, number>;
  items: number;
  title?: string;
}

/** A document the source served that is no feed, or a feed with nothing readable: the source's fault. */
export class SourceDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceDocumentError";
  }
}

/**
 * The polling → ingest hop: a poller hands the bytes it fetched, under the source's URL, to the
 * code POST /ingest runs. Throws SourceDocumentError for a document that is the source's fault;
 * any other error is a failure of our own storage.
 */
export type IngestFetched = (
  body: Uint8Array,
  sourceUrl: string,
  contentType: string | undefined,
) => Promise<IngestSummary>;
