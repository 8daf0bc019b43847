import { createApp } from "./http/app";
import { runPollCycle } from "./sources/run-poll-cycle";

export { FoldIndex } from "./fold-index/fold-index";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(runPollCycle(env).then(() => undefined));
  },
} satisfies ExportedHandler<Env>;
