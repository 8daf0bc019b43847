import type { Config } from "../config";
import { FeedParseError } from "../feed/feed-parse-error";
import { foldIndexStub } from "../http/fold-index-stub";
import { countStatuses, foldDocument, identifyDocument } from "../ingest/ingest-document";
import { type PollDeps, SourceDocumentError } from "./poll-source";
import { sourceIdOf } from "./source-id";
import { USER_AGENT } from "./user-agent";

/** Redirects followed per fetch: enough for http→https→www→path moves, and few subrequests. */
export const MAX_REDIRECTS = 3;

/** Concurrent fetches per invocation (a Worker holds at most six connections open). */
export const POLL_CONCURRENCY = 6;

/** The real dependencies of `pollSource` in the Worker: global fetch, the /ingest code, the fold index. */
export function pollDepsFor(env: Env, config: Config, fetcher: typeof fetch = fetch): PollDeps {
  const index = foldIndexStub(env);
  return {
    fetch: fetcher,
    userAgent: USER_AGENT,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.maxBodyBytes,
    maxRedirects: MAX_REDIRECTS,
    allowLoopback: config.allowLoopbackSources,
    bounds: { baseS: config.pollIntervalS, maxS: config.pollIntervalMaxS },
    now: () => Date.now(),
    random: () => Math.random(),
    sha256: async (bytes) => {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    },
    sourceIdOf,
    ingest: async (body, sourceUrl, contentType) => {
      let doc: Awaited<ReturnType<typeof identifyDocument>>;
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
      const report = await foldDocument(index, doc, config.publicUrl);
      return { counts: countStatuses(report.results), items: doc.feed.items.length, title: doc.feed.title };
    },
    record: (id, claim, patch) => index.recordPoll(id, claim, patch),
  };
}
