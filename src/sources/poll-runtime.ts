import type { Config } from "../config";
import { sha256Hex } from "../fold/sha256";
import { foldIndexStub } from "../fold-index/fold-index-stub";
import { ingestFetchedInto } from "../ingest/ingest-document";
import type { PollDeps } from "./poll-source";
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
    sha256: sha256Hex,
    sourceIdOf,
    // The polling → ingest hop: a fetched document goes through the same code as POST /ingest.
    ingest: ingestFetchedInto(index, config.publicUrl),
    record: (id, claim, patch) => index.recordPoll(id, claim, patch),
  };
}
