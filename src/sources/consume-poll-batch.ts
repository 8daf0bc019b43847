import { readConfig } from "../config";
import type { PollJob } from "../fold-index/source-types";
import { logEvent } from "../log-event";
import { POLL_CONCURRENCY, pollDepsFor } from "./poll-runtime";
import { pollSource } from "./poll-source";
import { runLimited } from "./run-limited";

/** Seconds before a job whose result could not be stored is delivered again. */
const RETRY_DELAY_S = 60;

/**
 * The queue consumer: polls one source per message. A source's own failure (HTTP error, timeout,
 * not a feed) is recorded on the source and the message acknowledged; only a failure of our own
 * storage retries the message (then the dead-letter queue). A redelivered message is harmless: the
 * fetch is conditional, ingest is idempotent, and a result for a superseded claim is dropped.
 */
export async function consumePollBatch(batch: MessageBatch<PollJob>, env: Env): Promise<void> {
  const deps = pollDepsFor(env, readConfig(env));
  await runLimited(batch.messages, POLL_CONCURRENCY, async (message) => {
    try {
      const report = await pollSource(message.body, deps);
      logEvent("poll", { source: report.id, ...report, id: undefined, attempt: message.attempts });
      message.ack();
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      logEvent("poll-retry", { source: message.body.id, url: message.body.url, error }, "error");
      message.retry({ delaySeconds: RETRY_DELAY_S });
    }
  });
}
