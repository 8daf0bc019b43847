import type { PollJob, PollPatch } from "../fold-index/source-types";
import { type IngestFetched, type IngestSummary, SourceDocumentError } from "../ingest/ingest-fetched";
import { discoverFeeds, looksLikeHtml } from "./discover-feed";
import { feedIntervalHintS } from "./feed-hints";
import { type FetchOptions, type FetchOutcome, fetchSource } from "./fetch-source";
import { backoffS, type IntervalBounds, stretchedIntervalS, throttleDelayMs } from "./schedule";
import { checkSourceUrl } from "./url-policy";

export interface PollDeps extends Omit<FetchOptions, "now"> {
  bounds: IntervalBounds;
  now: () => number;
  random: () => number;
  sha256: (bytes: Uint8Array) => Promise<string>;
  sourceIdOf: (url: string) => Promise<string>;
  /**
   * Reads and folds a fetched document under its source URL: the /ingest code
   * (src/ingest/ingest-fetched.ts), wired in src/sources/poll-runtime.ts. Throws
   * SourceDocumentError for a bad document.
   */
  ingest: IngestFetched;
  /** Writes a poll's changes to the registry; false when the claim was superseded. */
  record: (id: string, claim: string, patch: PollPatch) => Promise<boolean>;
}

export type PollResultKind =
  | "ingested"
  | "unchanged"
  | "not-modified"
  | "discovered"
  | "gone"
  | "throttled"
  | "failed";

/** One line of a cycle's summary (and of the logs). */
export interface PollReport {
  id: string;
  url: string;
  ok: boolean;
  result: PollResultKind;
  status?: number;
  error?: string;
  /** The failure's name (dns, connect, timeout, tls, http-<status>, …) when it failed. */
  failure?: string;
  /** A source pending discovery whose URL is a page: the feed it names, now the source's URL. */
  discovered?: string;
  counts?: Record<string, number>;
  /** Subrequests to the source's host (redirects included). */
  requests: number;
  /** Whether the registry row was written (only when the poll changed something). */
  recorded: boolean;
}

/**
 * Polls one claimed source: a polite fetch, then ingest only when the body's hash differs from the
 * last one, then the registry updated with what changed, and nothing when nothing did (a 304 or the
 * same bytes cost one subrequest and no write). Errors of the source become its state (backoff,
 * Retry-After, gone); only a failure of our own storage throws, so a queue redelivers the job.
 */
export async function pollSource(job: PollJob, deps: PollDeps): Promise<PollReport> {
  const out = await fetchSource(
    { url: job.url, etag: job.etag, lastModified: job.lastModified },
    {
      fetch: deps.fetch,
      userAgent: deps.userAgent,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      maxRedirects: deps.maxRedirects,
      allowLoopback: deps.allowLoopback,
      now: deps.now(),
    },
  );
  const next: PollPatch = {};
  const sourceUrl = out.movedTo ?? job.url;
  if (out.movedTo && out.movedTo !== job.url) {
    next.url = out.movedTo;
    const newId = await deps.sourceIdOf(out.movedTo);
    if (newId !== job.id) next.newId = newId;
  }
  const report: PollReport = {
    id: job.id,
    url: sourceUrl,
    ok: false,
    result: "failed",
    requests: out.requests,
    recorded: false,
  };
  await settle(job, out, sourceUrl, deps, next, report);
  const patch = changesOnly(job, next);
  if (Object.keys(patch).length) report.recorded = await deps.record(job.id, job.claim, patch);
  return report;
}

async function settle(
  job: PollJob,
  out: FetchOutcome,
  sourceUrl: string,
  deps: PollDeps,
  next: PollPatch,
  report: PollReport,
): Promise<void> {
  const now = deps.now();
  report.status = "status" in out ? out.status : undefined;
  next.lastStatus = report.status ?? null;
  const fail = (error: string, failure: string | null) => {
    report.error = error;
    if (failure !== null) report.failure = failure;
    next.lastError = error;
    next.lastFailure = failure;
    next.errors = job.errors + 1;
    next.nextFetchAt = now + backoffS(job.intervalS, next.errors, deps.random()) * 1000;
  };
  switch (out.kind) {
    case "gone":
      report.result = "gone";
      report.error =
        "http-410: HTTP 410 Gone: the feed was removed; it is no longer polled (delete it, or add its new URL)";
      report.failure = "http-410";
      next.lastError = report.error;
      next.lastFailure = report.failure;
      next.gone = true;
      return;
    case "throttled": {
      report.result = "throttled";
      next.errors = job.errors + 1;
      const delayMs = throttleDelayMs(out.retryAfterMs, job.intervalS, next.errors, deps.random());
      next.holdUntil = now + delayMs;
      next.nextFetchAt = next.holdUntil;
      report.failure = `http-${out.status}`;
      report.error = `${report.failure}: HTTP ${out.status}: ${out.retryAfterMs !== undefined ? `the server asked to wait ${Math.round(out.retryAfterMs / 1000)} s (Retry-After)` : "busy, backing off"}`;
      next.lastError = report.error;
      next.lastFailure = report.failure;
      return;
    }
    case "failed":
      report.result = "failed";
      fail(out.error, out.failure);
      return;
    case "not-modified":
      report.result = "not-modified";
      report.ok = true;
      succeed(job, next, out.etag ?? job.etag, out.lastModified ?? job.lastModified);
      return;
    case "fresh": {
      const bodyHash = await deps.sha256(out.body);
      const validators = [out.etag ?? null, out.lastModified ?? null] as const;
      if (bodyHash === job.bodyHash) {
        report.result = "unchanged";
        report.ok = true;
        succeed(job, next, ...validators);
        return;
      }
      const head = new TextDecoder().decode(out.body.subarray(0, 16_384));
      if (looksLikeHtml(head, out.contentType)) {
        const found = discoverFeeds(head, out.finalUrl).find(
          (f) => checkSourceUrl(f.url, deps.allowLoopback).ok,
        );
        if (found && job.discover) {
          // Discovery could not run when the source was added; now it has: the feed is the source.
          report.result = "discovered";
          report.ok = true;
          report.discovered = found.url;
          next.url = found.url;
          const newId = await deps.sourceIdOf(found.url);
          if (newId !== job.id) next.newId = newId;
          next.discover = false;
          next.lastError = null;
          next.lastFailure = null;
          next.errors = 0;
          next.nextFetchAt = now;
          return;
        }
        next.discover = false;
        fail(
          found
            ? `not-a-feed: the URL is an HTML page, not a feed; the page names its feed at ${found.url}: add that URL instead`
            : 'not-a-feed: the URL is an HTML page, not a feed, and the page names no feed (no <link rel="alternate"> of an RSS, Atom or JSON Feed type)',
          "not-a-feed",
        );
        return;
      }
      if (job.discover) next.discover = false;
      let summary: IngestSummary;
      try {
        summary = await deps.ingest(out.body, sourceUrl, out.contentType);
      } catch (err) {
        if (!(err instanceof SourceDocumentError)) throw err;
        fail(err.message, null);
        return;
      }
      report.result = "ingested";
      report.ok = true;
      report.counts = summary.counts;
      succeed(job, next, ...validators);
      next.bodyHash = bodyHash;
      next.itemsSeen = summary.items;
      const added = (summary.counts.new ?? 0) + (summary.counts.duplicate ?? 0);
      if (added) next.itemsAdded = added;
      if (!job.hasTitle && summary.title) next.title = summary.title;
      const intervalS = stretchedIntervalS(deps.bounds, [feedIntervalHintS(head), out.maxAgeS]);
      next.intervalS = intervalS;
      next.nextFetchAt = job.claimedAt + intervalS * 1000;
      return;
    }
  }
}

function succeed(job: PollJob, next: PollPatch, etag: string | null, lastModified: string | null): void {
  next.etag = etag;
  next.lastModified = lastModified;
  next.lastError = null;
  next.lastFailure = null;
  next.errors = 0;
  // Back on the regular interval after errors (the claim scheduled it at claimedAt + interval).
  next.nextFetchAt = job.claimedAt + job.intervalS * 1000;
}

/** Drops what the job already holds, so an unchanged poll writes nothing. */
function changesOnly(job: PollJob, next: PollPatch): PollPatch {
  const held: Partial<Record<keyof PollPatch, unknown>> = {
    url: job.url,
    etag: job.etag,
    lastModified: job.lastModified,
    bodyHash: job.bodyHash,
    lastStatus: job.lastStatus,
    lastError: job.lastError,
    lastFailure: job.lastFailure,
    discover: job.discover,
    errors: job.errors,
    itemsSeen: job.itemsSeen,
    intervalS: job.intervalS,
    nextFetchAt: job.claimedAt + job.intervalS * 1000,
  };
  const patch: PollPatch = {};
  for (const [key, value] of Object.entries(next) as Array<[keyof PollPatch, unknown]>) {
    if (value === undefined) continue;
    if (key in held && held[key] === value) continue;
    (patch as Record<string, unknown>)[key] = value;
  }
  return patch;
}
