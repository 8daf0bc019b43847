import { Hono } from "hono";
import { runPollCycle } from "../../sources/run-poll-cycle";
import { requireToken } from "../auth";

export const adminRoutes = new Hono<{ Bindings: Env }>();

/**
 * One polling cycle now, over every active source (due or not) that no Retry-After holds: inline
 * with a report per source, or, with many sources and a queue bound, one message per source.
 */
adminRoutes.post("/admin/poll", requireToken, async (c) => {
  const summary = await runPollCycle(c.env, { force: true });
  return c.json(summary);
});
