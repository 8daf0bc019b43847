import type { PollJob } from "./fold-index/source-registry";
import { createApp } from "./http/app";
import { consumePollBatch } from "./sources/consume-poll-batch";
import { runPollCycle } from "./sources/run-poll-cycle";

export { FoldIndex } from "./fold-index/fold-index";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(runPollCycle(env).then(() => undefined));
  },
  queue: (batch, env, _ctx) => consumePollBatch(batch, env),
} satisfies ExportedHandler<Env, PollJob>;
