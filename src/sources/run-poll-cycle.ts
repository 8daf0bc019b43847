import { readConfig } from "../config";
import { foldIndexStub } from "../http/fold-index-stub";
import { countStatuses, foldDocument, readDocument } from "../ingest/ingest-document";
import { type PollOutcome, pollSources } from "./poll-sources";

export const USER_AGENT = "feedfold/0.1 (+https://github.com/feedfold/feedfold)";

/** The polling entry point the cron trigger and POST /admin/poll share. */
export async function runPollCycle(env: Env, fetcher: typeof fetch = fetch): Promise<PollOutcome[]> {
  const config = readConfig(env);
  const started = Date.now();
  const outcomes = await pollSources(config.sources, {
    fetch: fetcher,
    allowLoopback: config.allowLoopbackSources,
    timeoutMs: 15_000,
    maxBytes: config.maxBodyBytes,
    userAgent: USER_AGENT,
    ingest: async (body, sourceUrl, contentType) => {
      const doc = await readDocument(body, { declaredSource: sourceUrl, contentType });
      const report = await foldDocument(foldIndexStub(env), doc, config.publicUrl);
      if (report.publishError) throw new Error(`stored, not yet published: ${report.publishError}`);
      return countStatuses(report.results);
    },
  });
  for (const o of outcomes) console.log(JSON.stringify({ event: "poll", ...o }));
  console.log(
    JSON.stringify({
      event: "poll-cycle",
      sources: outcomes.length,
      failed: outcomes.filter((o) => !o.ok).length,
      ms: Date.now() - started,
    }),
  );
  return outcomes;
}
