/**
 * The shapes the source registry (src/fold-index/source-registry.ts) and the pollers share: what
 * GET /sources shows, the job one queue message carries, the changes a poll reports back and the
 * counts of a polling cycle. The fold index owns them (it stores them); src/sources/ imports them.
 * Types only, so the pure side (unit tests in Node) can use them without the Workers runtime.
 */

export type SourceOrigin = "api" | "opml" | "env";

/** A source to register, id already computed from its URL. */
export interface SourceEntry {
  id: string;
  url: string;
  title?: string;
  categories?: string[];
  origin: SourceOrigin;
  /** Could not be fetched when added: the next poll discovers whether it is a feed or a page naming one. */
  discover?: boolean;
}

/** One source as GET /sources shows it. */
export interface SourceStatus {
  id: string;
  url: string;
  title: string | null;
  categories: string[];
  origin: SourceOrigin;
  added: string;
  state: "active" | "gone";
  lastFetch: string | null;
  lastStatus: number | null;
  lastError: string | null;
  /** What the last failure was: dns, connect, timeout, tls, http-<status>, too-large, redirects, blocked. */
  lastFailure: string | null;
  /** True until a fetch has shown whether the URL is a feed or a page that names one. */
  pendingDiscovery: boolean;
  consecutiveErrors: number;
  etag: string | null;
  lastModified: string | null;
  itemsSeen: number;
  itemsAdded: number;
  intervalS: number;
  nextFetch: string | null;
  /** Set while a Retry-After from the server holds the source (not even /admin/poll fetches it). */
  retryAfterUntil: string | null;
}

/** What a poller needs to fetch one claimed source: sent as one queue message. */
export interface PollJob {
  id: string;
  /** The claim this job belongs to; a result for an older claim is dropped. */
  claim: string;
  claimedAt: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastFailure: string | null;
  errors: number;
  intervalS: number;
  itemsSeen: number;
  hasTitle: boolean;
  /** Pending discovery: an HTML page here moves the source to the feed it names. */
  discover: boolean;
}

/** The state a poll changed; only what differs from the job is sent, and nothing when nothing did. */
export interface PollPatch {
  url?: string;
  /** The id of `url` after a permanent redirect. */
  newId?: string;
  title?: string;
  etag?: string | null;
  lastModified?: string | null;
  bodyHash?: string | null;
  lastStatus?: number | null;
  lastError?: string | null;
  lastFailure?: string | null;
  discover?: boolean;
  errors?: number;
  itemsSeen?: number;
  itemsAdded?: number;
  intervalS?: number;
  nextFetchAt?: number;
  holdUntil?: number;
  gone?: boolean;
}

/** The counts of one polling cycle, as the fold index keeps them for GET /admin/stats. */
export interface CycleCounts {
  /** inline: polled inside this invocation; queue: one message per source sent; idle: nothing due. */
  mode: "inline" | "queue" | "idle";
  /** Sources due (or, forced, pollable) when the cycle began; more than `claimed` when capped. */
  due: number;
  claimed: number;
  queued: number;
  polled: number;
  ok: number;
  failed: number;
}
