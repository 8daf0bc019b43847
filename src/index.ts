import { ConfigError } from "./config";
import type { PollJob } from "./fold-index/source-registry";
import { createApp } from "./http/app";
import { logEvent } from "./log-event";
import { consumePollBatch } from "./sources/consume-poll-batch";
import { runPollCycle } from "./sources/run-poll-cycle";

export { FoldIndex } from "./fold-index/fold-index";

const app = createApp();

/** A cron run has no response to carry an error: a misconfiguration becomes one readable log line. */
function logScheduledError(err: unknown): void {
  if (err instanceof ConfigError) {
    logEvent("misconfigured", { handler: "scheduled", setting: err.setting, detail: err.detail }, "error");
  } else {
    logEvent("unhandled-error", { handler: "scheduled", message: String(err) }, "error");
  }
}

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(runPollCycle(env).then(() => undefined, logScheduledError));
  },
  queue: (batch, env, _ctx) => consumePollBatch(batch, env),
} satisfies ExportedHandler<Env, PollJob>;
