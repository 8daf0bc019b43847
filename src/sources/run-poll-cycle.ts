import { type Config, readConfig } from "../config";
import { foldIndexStub } from "../fold-index/fold-index-stub";
import type { CycleCounts, PollJob, SourceEntry } from "../fold-index/source-types";
import { logEvent } from "../log-event";
import { POLL_CONCURRENCY, pollDepsFor } from "./poll-runtime";
import { type PollReport, pollSource } from "./poll-source";
import { runLimited } from "./run-limited";
import { sourceIdOf } from "./source-id";
import { checkSourceUrl } from "./url-policy";

/** A cycle's counts (kept by the fold index) and, for the caller, each source's report. */
export interface CycleSummary extends CycleCounts {
  sources: PollReport[];
  /** SOURCES entries that were refused by the URL policy. */
  refused: Array<{ url: string; reason: string }>;
}

/** The queue the cron fans out to, when one is bound (wrangler.toml [[queues.producers]]). */
export function pollQueueOf(env: Env): Queue<PollJob> | undefined {
  const binding = (env as { POLL_QUEUE?: unknown }).POLL_QUEUE;
  return binding ? (binding as Queue<PollJob>) : undefined;
}

/** Messages per sendBatch call (the Queues limit). */
const SEND_BATCH = 100;

/**
 * One polling cycle, shared by the cron trigger and POST /admin/poll (`force`: every active source
 * not held by a Retry-After, due or not). The fold index claims the sources synchronously (so
 * overlapping cycles never take the same source twice); then either one queue message per source,
 * or, without a queue or with few sources, polling right here.
 */
export async function runPollCycle(
  env: Env,
  options: { force?: boolean; fetcher?: typeof fetch } = {},
): Promise<CycleSummary> {
  const config = readConfig(env);
  const started = Date.now();
  const { seeds, refused } = await seedEntries(config);
  const queue = pollQueueOf(env);
  const limit = queue ? Math.max(config.pollMaxPerCycle, config.pollInlineMax) : config.pollInlineMax;
  const { jobs, due } = await foldIndexStub(env).claimSources({
    seeds,
    intervalS: config.pollIntervalS,
    limit,
    force: options.force ?? false,
  });
  const summary: CycleSummary = {
    mode: jobs.length === 0 ? "idle" : "inline",
    due,
    claimed: jobs.length,
    queued: 0,
    polled: 0,
    ok: 0,
    failed: 0,
    sources: [],
    refused,
  };
  if (queue && jobs.length > config.pollInlineMax) {
    summary.mode = "queue";
    for (let i = 0; i < jobs.length; i += SEND_BATCH) {
      await queue.sendBatch(jobs.slice(i, i + SEND_BATCH).map((body) => ({ body, contentType: "json" })));
    }
    summary.queued = jobs.length;
  } else if (jobs.length) {
    const deps = pollDepsFor(env, config, options.fetcher);
    summary.sources = await runLimited(jobs, POLL_CONCURRENCY, (job) => pollInline(job, deps));
    summary.polled = summary.sources.length;
    summary.ok = summary.sources.filter((s) => s.ok).length;
    summary.failed = summary.polled - summary.ok;
    for (const report of summary.sources) logEvent("poll", { source: report.id, ...report, id: undefined });
  }
  const { sources: _, refused: __, ...counts } = summary;
  const ms = Date.now() - started;
  logEvent("poll-cycle", { ...counts, refused: refused.length || undefined, ms });
  const errors = summary.sources.flatMap((s) => (s.ok ? [] : [{ url: s.url, error: s.error ?? s.result }]));
  for (const r of refused) errors.push({ url: r.url, error: `refused: ${r.reason}` });
  await foldIndexStub(env).recordCycle({ ...counts, at: new Date().toISOString(), ms, errors });
  return summary;
}

/** Inline, a storage failure is this source's report, not the end of the cycle (the claim already rescheduled it). */
async function pollInline(job: PollJob, deps: ReturnType<typeof pollDepsFor>): Promise<PollReport> {
  try {
    return await pollSource(job, deps);
  } catch (err) {
    const error = `not recorded, retried next cycle: ${err instanceof Error ? err.message : String(err)}`;
    return { id: job.id, url: job.url, ok: false, result: "failed", error, requests: 0, recorded: false };
  }
}

/** The SOURCES var as registry entries: kept working by registering each feed (once). */
async function seedEntries(
  config: Config,
): Promise<{ seeds: SourceEntry[]; refused: Array<{ url: string; reason: string }> }> {
  const seeds: SourceEntry[] = [];
  const refused: Array<{ url: string; reason: string }> = [];
  for (const url of config.sources) {
    const verdict = checkSourceUrl(url, config.allowLoopbackSources);
    if (!verdict.ok) {
      refused.push({ url, reason: verdict.reason });
      continue;
    }
    seeds.push({ id: await sourceIdOf(verdict.url.href), url: verdict.url.href, origin: "env" });
  }
  return { seeds, refused };
}
